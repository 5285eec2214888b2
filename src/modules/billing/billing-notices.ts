import type { NoticeLanguage } from '../../core/published-texts.js';
import type { Mailer } from '../../core/mail/mailer.js';

/** What every billing notice may name: the document, its amount and dates, the shop. */
export interface NoticeFacts {
  document?: string;
  totalCents?: number;
  dueAt?: Date;
  shop?: string;
  /** The date a coming step takes effect (suspension, cancellation). */
  effectiveAt?: Date;
  /** Lines of a proforma, already written out ("Business plan … × 1: €29.00"). */
  lines?: string[];
  vat?: { rate: number; cents: number };
  /** The proforma an invoice settles, and the invoice's ATCUD. */
  proforma?: string;
  atcud?: string;
  /** Whether a credit note's amount is refunded. */
  refunded?: boolean;
  /** A saved card, as shown ("visa •••• 4242"). */
  card?: string;
  /** Which overdue notice this is (1, 2 or 3). */
  nth?: number;
}

export type BillingNotice =
  | 'proforma-issued'
  | 'payment-received'
  | 'reminder'
  | 'overdue'
  | 'suspended'
  | 'reactivated'
  | 'cancel-notice'
  | 'cancelled-by-operator'
  | 'cancelled-at-request'
  | 'card-expiring'
  | 'credit-note';

type Written = { subject: string; text: string[] };

// Made once: building a number format costs more than writing the rest of a notice.
const formats: Record<NoticeLanguage, Intl.NumberFormat> = {
  en: new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR' }),
  'pt-PT': new Intl.NumberFormat('pt-PT', { style: 'currency', currency: 'EUR' }),
};
const money = (cents: number | undefined, lang: NoticeLanguage) => formats[lang].format((cents ?? 0) / 100);
const day = (d: Date | undefined) => (d ? d.toISOString().slice(0, 10) : '');

const en: Record<BillingNotice, (f: NoticeFacts) => Written> = {
  'proforma-issued': (f) => ({
    subject: `Proforma invoice ${f.document}: ${money(f.totalCents, 'en')} due ${day(f.dueAt)}`,
    text: [
      `Your proforma invoice ${f.document} is ready.`,
      '',
      ...(f.lines ?? []),
      ...(f.vat ? [`VAT ${f.vat.rate} %: ${money(f.vat.cents, 'en')}`] : []),
      `Total: ${money(f.totalCents, 'en')}`,
      '',
      `Due by ${day(f.dueAt)}. Pay it in the Invoices section of your customer area.`,
    ],
  }),
  'payment-received': (f) => ({
    subject: `Payment received: invoice ${f.document}`,
    text: [
      `Thank you: we received ${money(f.totalCents, 'en')} for proforma invoice ${f.proforma}.`,
      `Your invoice is ${f.document} (ATCUD ${f.atcud}), in the Invoices section of your customer area.`,
    ],
  }),
  reminder: (f) => ({
    subject: `Reminder: proforma invoice ${f.document} is due ${day(f.dueAt)}`,
    text: [
      `Your proforma invoice ${f.document} of ${money(f.totalCents, 'en')} for ${f.shop} is due on ${day(f.dueAt)}.`,
      'Pay it in the Invoices section of your customer area. If you have paid already, thank you: please ignore this message.',
    ],
  }),
  overdue: (f) => ({
    subject: `Overdue (notice ${f.nth} of 3): proforma invoice ${f.document}`,
    text: [
      `Your proforma invoice ${f.document} of ${money(f.totalCents, 'en')} for ${f.shop} was due on ${day(f.dueAt)} and is not paid yet.`,
      `If it is still unpaid on ${day(f.effectiveAt)}, ${f.shop} will be suspended: its visitors will see a "temporarily unavailable" page until it is paid.`,
      'You can sign in and pay at any time in the Invoices section of your customer area.',
    ],
  }),
  suspended: (f) => ({
    subject: `${f.shop} is suspended: proforma invoice ${f.document} is unpaid`,
    text: [
      `Your proforma invoice ${f.document} of ${money(f.totalCents, 'en')} was due on ${day(f.dueAt)}. ${f.shop} is suspended: its visitors see a "temporarily unavailable" page.`,
      'Nothing is deleted. Sign in and pay the proforma in the Invoices section of your customer area, and the shop comes back at once.',
    ],
  }),
  reactivated: (f) => ({
    subject: `${f.shop} is back online`,
    text: [`Thank you for your payment. ${f.shop} is available to its visitors again.`],
  }),
  'cancel-notice': (f) => ({
    subject: `Notice of cancellation: ${f.shop}`,
    text: [
      `We are giving notice that the subscription of ${f.shop} will be cancelled on ${day(f.effectiveAt)}.`,
      'If this is about an unpaid proforma invoice, paying it in the Invoices section of your customer area before that date withdraws this notice.',
      'Reply to this message if you think it is a mistake.',
    ],
  }),
  'cancelled-by-operator': (f) => ({
    subject: `The subscription of ${f.shop} is cancelled`,
    text: [
      `As announced, the subscription of ${f.shop} was cancelled today, and the shop is no longer online.`,
      'Your invoices stay available in your customer area. Your data is kept and deleted as our privacy policy says.',
    ],
  }),
  'credit-note': (f) => ({
    subject: `Credit note ${f.document} for invoice ${f.proforma}`,
    text: [
      `We issued credit note ${f.document} of ${money(f.totalCents, 'en')} for your invoice ${f.proforma}.`,
      f.refunded
        ? 'The amount is refunded the way you paid; a card refund can take a few days to show.'
        : 'It is deducted from what you owe us.',
      'It is in the Invoices section of your customer area.',
    ],
  }),
  'card-expiring': (f) => ({
    subject: `Your card ${f.card} expires at the end of next month`,
    text: [
      `The card ${f.card} you saved for paying SellRocket expires on ${day(f.effectiveAt)}.`,
      'Add your new card in the Payment methods section of your customer area, so your next invoices are paid without a gap.',
    ],
  }),
  'cancelled-at-request': (f) => ({
    subject: `Your cancellation of ${f.shop} is confirmed`,
    text: [
      `As you asked, the subscription of ${f.shop} ends on ${day(f.effectiveAt)}. Nothing more will be billed.`,
      'You can choose a plan again at any time before then in your customer area.',
    ],
  }),
};

const pt: Record<BillingNotice, (f: NoticeFacts) => Written> = {
  'proforma-issued': (f) => ({
    subject: `Fatura pró-forma ${f.document}: ${money(f.totalCents, 'pt-PT')} a pagar até ${day(f.dueAt)}`,
    text: [
      `A sua fatura pró-forma ${f.document} está disponível.`,
      '',
      ...(f.lines ?? []),
      ...(f.vat ? [`IVA ${f.vat.rate} %: ${money(f.vat.cents, 'pt-PT')}`] : []),
      `Total: ${money(f.totalCents, 'pt-PT')}`,
      '',
      `Pagamento até ${day(f.dueAt)}, na secção Faturas da sua área de cliente.`,
    ],
  }),
  'payment-received': (f) => ({
    subject: `Pagamento recebido: fatura ${f.document}`,
    text: [
      `Obrigado: recebemos ${money(f.totalCents, 'pt-PT')} relativos à fatura pró-forma ${f.proforma}.`,
      `A sua fatura é a ${f.document} (ATCUD ${f.atcud}) e está na secção Faturas da sua área de cliente.`,
    ],
  }),
  reminder: (f) => ({
    subject: `Lembrete: a fatura pró-forma ${f.document} vence a ${day(f.dueAt)}`,
    text: [
      `A sua fatura pró-forma ${f.document}, de ${money(f.totalCents, 'pt-PT')}, relativa a ${f.shop}, vence a ${day(f.dueAt)}.`,
      'Pode pagá-la na secção Faturas da sua área de cliente. Se já a pagou, obrigado: ignore esta mensagem.',
    ],
  }),
  overdue: (f) => ({
    subject: `Pagamento em atraso (aviso ${f.nth} de 3): fatura pró-forma ${f.document}`,
    text: [
      `A sua fatura pró-forma ${f.document}, de ${money(f.totalCents, 'pt-PT')}, relativa a ${f.shop}, venceu a ${day(f.dueAt)} e ainda não está paga.`,
      `Se continuar por pagar a ${day(f.effectiveAt)}, ${f.shop} será suspensa: os visitantes verão uma página de "temporariamente indisponível" até ao pagamento.`,
      'Pode entrar e pagar a qualquer momento na secção Faturas da sua área de cliente.',
    ],
  }),
  suspended: (f) => ({
    subject: `${f.shop} está suspensa: a fatura pró-forma ${f.document} não foi paga`,
    text: [
      `A sua fatura pró-forma ${f.document}, de ${money(f.totalCents, 'pt-PT')}, venceu a ${day(f.dueAt)}. ${f.shop} está suspensa: os visitantes veem uma página de "temporariamente indisponível".`,
      'Nada foi apagado. Entre e pague a fatura pró-forma na secção Faturas da sua área de cliente, e a loja volta de imediato.',
    ],
  }),
  reactivated: (f) => ({
    subject: `${f.shop} está de novo disponível`,
    text: [`Obrigado pelo seu pagamento. ${f.shop} está de novo disponível para os visitantes.`],
  }),
  'cancel-notice': (f) => ({
    subject: `Aviso de cancelamento: ${f.shop}`,
    text: [
      `Informamos que a subscrição de ${f.shop} será cancelada a ${day(f.effectiveAt)}.`,
      'Se o motivo for uma fatura pró-forma por pagar, o pagamento na secção Faturas da sua área de cliente antes dessa data anula este aviso.',
      'Responda a esta mensagem se considerar que se trata de um engano.',
    ],
  }),
  'cancelled-by-operator': (f) => ({
    subject: `A subscrição de ${f.shop} foi cancelada`,
    text: [
      `Conforme avisado, a subscrição de ${f.shop} foi hoje cancelada e a loja deixou de estar disponível.`,
      'As suas faturas continuam disponíveis na área de cliente. Os seus dados são conservados e apagados nos termos da nossa política de privacidade.',
    ],
  }),
  'credit-note': (f) => ({
    subject: `Nota de crédito ${f.document} da fatura ${f.proforma}`,
    text: [
      `Emitimos a nota de crédito ${f.document}, de ${money(f.totalCents, 'pt-PT')}, relativa à sua fatura ${f.proforma}.`,
      f.refunded
        ? 'O valor é devolvido pelo meio com que pagou; um reembolso no cartão pode demorar alguns dias a aparecer.'
        : 'O valor é deduzido ao que nos deve.',
      'Está na secção Faturas da sua área de cliente.',
    ],
  }),
  'card-expiring': (f) => ({
    subject: `O seu cartão ${f.card} expira no fim do próximo mês`,
    text: [
      `O cartão ${f.card} que guardou para pagar a SellRocket expira a ${day(f.effectiveAt)}.`,
      'Adicione o novo cartão na secção Meios de pagamento da sua área de cliente, para que as próximas faturas sejam pagas sem interrupção.',
    ],
  }),
  'cancelled-at-request': (f) => ({
    subject: `O cancelamento de ${f.shop} está confirmado`,
    text: [
      `Conforme pediu, a subscrição de ${f.shop} termina a ${day(f.effectiveAt)}. Nada mais será faturado.`,
      'Até lá, pode voltar a escolher um plano na sua área de cliente.',
    ],
  }),
};

const templates: Record<NoticeLanguage, Record<BillingNotice, (f: NoticeFacts) => Written>> = { en, 'pt-PT': pt };

/** A billing notice written in the customer's language: its subject and text (the HTML part is made from it). */
export function billingNotice(kind: BillingNotice, language: NoticeLanguage, facts: NoticeFacts) {
  const written = templates[language][kind](facts);
  return { subject: written.subject, text: written.text.join('\n'), lang: language };
}

/** Mails a billing notice to the account holder, in their language, in the current unit of work. */
export function createNotifier(deps: {
  contactOf(accountId: string): Promise<{ email: string; language: NoticeLanguage } | null>;
  mailer: Mailer;
}) {
  return async function notify(accountId: string, kind: BillingNotice, facts: NoticeFacts) {
    const contact = await deps.contactOf(accountId);
    if (!contact) return;
    await deps.mailer.send({ to: contact.email, accountId, ...billingNotice(kind, contact.language, facts) });
  };
}
export type Notify = ReturnType<typeof createNotifier>;
