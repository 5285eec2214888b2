import { useMemo } from 'react';
import type { ResponseOf } from '../../api';
import { useI18n } from '../../i18n';
import { formattingLocale } from '../../i18n/format';
import { useWords } from '../shop/shared';

/** A billing document (proforma invoice, invoice, credit note), as the customer's Invoices and the staff's Billing show it. */
export type BillingDocument = ResponseOf<'/api/v1/account/invoices', 'get'>['items'][number];
export type BillingDocumentWithLines = ResponseOf<'/api/v1/account/invoices/{id}', 'get'>;
/** What a document's status reads as: an open proforma past its due date is overdue. */
export type ShownStatus = BillingDocument['status'] | 'overdue';

const words = {
  en: {
    kind: { proforma: 'Proforma invoice', invoice: 'Invoice', credit_note: 'Credit note' },
    status: {
      open: 'Awaiting payment',
      overdue: 'Overdue',
      paid: 'Paid',
      cancelled: 'Cancelled',
      issued: 'Issued',
    },
    regime: {
      domestic: {
        PT: 'Portuguese VAT, mainland',
        'PT-MA': 'Portuguese VAT, Madeira',
        'PT-AC': 'Portuguese VAT, the Azores',
      },
      'eu-consumer': 'VAT of your EU member state (OSS)',
      'reverse-charge': 'Reverse charge: you account for the VAT',
      'outside-scope': 'Outside the scope of Portuguese VAT',
    },
    method: {
      card: 'card',
      transfer: 'bank transfer',
      multibanco: 'Multibanco',
      'direct-debit': 'direct debit',
    },
  },
  'pt-PT': {
    kind: { proforma: 'Fatura pró-forma', invoice: 'Fatura', credit_note: 'Nota de crédito' },
    status: {
      open: 'A aguardar pagamento',
      overdue: 'Em atraso',
      paid: 'Paga',
      cancelled: 'Anulada',
      issued: 'Emitida',
    },
    regime: {
      domestic: {
        PT: 'IVA, Portugal continental',
        'PT-MA': 'IVA, Região Autónoma da Madeira',
        'PT-AC': 'IVA, Região Autónoma dos Açores',
      },
      'eu-consumer': 'IVA do seu Estado-Membro da UE (OSS)',
      'reverse-charge': 'Autoliquidação: o IVA é liquidado por si',
      'outside-scope': 'Não sujeito a IVA português',
    },
    method: {
      card: 'cartão',
      transfer: 'transferência bancária',
      multibanco: 'Multibanco',
      'direct-debit': 'débito direto',
    },
  },
} as const;

export const useDocumentWords = () => useWords(words);

/** Its status as read: an open proforma whose due date has passed is overdue. */
export function shownStatus(d: BillingDocument, now = Date.now()): ShownStatus {
  return d.kind === 'proforma' && d.status === 'open' && d.dueAt !== null && new Date(d.dueAt).getTime() < now
    ? 'overdue'
    : d.status;
}

/** The VAT regime in words (a domestic one names its tax space). */
export function useRegimeWords() {
  const w = useDocumentWords();
  return (vat: BillingDocument['vat']): string =>
    vat.regime === 'domestic' ? w.regime.domestic[vat.space ?? 'PT'] : w.regime[vat.regime];
}

/**
 * Amounts as a document prints them, always to the cent, and VAT rates, in the page's language
 * (the reader's own variant of it when the browser names one, as every date and number here).
 */
export function useDocumentFormat() {
  const { locale } = useI18n();
  return useMemo(() => {
    const tag = formattingLocale(locale, navigator.languages);
    const numbers = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
    return {
      euros: (cents: number, currency = 'EUR') =>
        new Intl.NumberFormat(tag, { style: 'currency', currency, minimumFractionDigits: 2 }).format(cents / 100),
      rate: (rate: number) => `${numbers.format(rate)} %`,
    };
  }, [locale]);
}

/** A document's status in words, as a badge. */
export function DocumentStatusBadge({ status }: { status: ShownStatus }) {
  const w = useDocumentWords();
  return <span className={`badge badge-document-${status}`}>{w.status[status]}</span>;
}
