import { noticeLanguages, type NoticeLanguage } from '../../core/published-texts.js';
import type { OrderMailKind } from './order-store.js';
import type { OrderDetail } from './orders.reads.js';

/** What an order mail names: the order itself, the shop's name, and the shopper's page of the order. */
export interface OrderFacts {
  order: OrderDetail;
  shop: string;
  /** The shopper's page of the order (its link carries the order's token). */
  page: string;
}

type Written = { subject: string; text: string[] };

// Made once per language and currency: building a number format costs more than writing the rest of a mail.
const formats = new Map<string, Intl.NumberFormat>();
/** An amount as the language writes it ("€12.30", "12,30 €"). */
export function money(cents: number, currency: string, lang: NoticeLanguage): string {
  const key = `${lang} ${currency}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang === 'en' ? 'en-IE' : 'pt-PT', { style: 'currency', currency });
    formats.set(key, format);
  }
  return format.format(cents / 100);
}

// Where Portuguese is the language people read (the storefront shows any Portuguese as pt-PT too).
const portugueseSpeaking = new Set(['PT', 'BR', 'AO', 'MZ', 'CV', 'GW', 'ST', 'TL']);

/**
 * The language of the shop's mails to its shopper: the one the checkout recorded, when there is one;
 * otherwise European Portuguese when the shopper's billing address (their own, where a delivery may
 * be a gift) is in a Portuguese-speaking country, else English.
 */
export function shopperLanguage(order: Pick<OrderDetail, 'billingAddress'>, recorded?: unknown): NoticeLanguage {
  if (noticeLanguages.includes(recorded as NoticeLanguage)) return recorded as NoticeLanguage;
  return portugueseSpeaking.has(order.billingAddress.country.toUpperCase()) ? 'pt-PT' : 'en';
}

/** The words of the order summary every mail ends with. */
const summaryWords: Record<NoticeLanguage, { subtotal: string; shipping: string; vat: string; to: string }> = {
  en: { subtotal: 'Subtotal', shipping: 'Shipping', vat: 'VAT included', to: 'Shipping to:' },
  'pt-PT': { subtotal: 'Subtotal', shipping: 'Envio', vat: 'IVA incluído', to: 'Morada de entrega:' },
};

/** The lines, totals and delivery address of an order. */
function orderText(o: OrderDetail, lang: NoticeLanguage) {
  const m = (c: number) => money(c, o.currency, lang);
  const w = summaryWords[lang];
  const a = o.shippingAddress;
  return [
    ...o.lines.map(
      (l) => `${l.quantity} × ${l.productTitle}${l.variantTitle ? ` (${l.variantTitle})` : ''}  ${m(l.lineTotalCents)}`,
    ),
    '',
    `${w.subtotal}: ${m(o.totals.subtotalCents)}`,
    `${w.shipping}: ${m(o.totals.shippingCents)}`,
    `Total: ${m(o.totals.totalCents)} (${w.vat}: ${m(o.totals.vatTotalCents)})`,
    '',
    w.to,
    `${a.firstName} ${a.lastName}`,
    a.line1,
    ...(a.line2 ? [a.line2] : []),
    `${a.postalCode} ${a.city}`,
    a.country,
  ];
}

/** How the order was paid; a card is named by its network only. */
function paidBy(o: OrderDetail, lang: NoticeLanguage) {
  const brand = o.payment.brand && o.payment.brand !== 'unknown' ? ` (${o.payment.brand})` : '';
  if (lang === 'pt-PT') return o.payment.method === 'card' ? `Pago com cartão${brand}.` : 'Pago por Multibanco.';
  return o.payment.method === 'card' ? `Paid by card${brand}.` : 'Paid by Multibanco.';
}

const multibancoReference = (reference: string) => reference.replace(/(\d{3})(?=\d)/g, '$1 ');
const minute = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

const en: Record<OrderMailKind, (f: OrderFacts) => Written> = {
  'merchant-notice': ({ order: o, shop }) => ({
    subject: `${shop}: new order ${o.name}`,
    text: [`A new order, ${o.name}, was paid in ${shop}.`, '', ...orderText(o, 'en'), '', paidBy(o, 'en')],
  }),
  confirmation: ({ order: o, shop, page }) => ({
    subject: `Order ${o.name} confirmed`,
    text: [
      `Thank you for your order ${o.name} at ${shop}.`,
      '',
      ...orderText(o, 'en'),
      '',
      paidBy(o, 'en'),
      `Your order: ${page}`,
    ],
  }),
  'awaiting-payment': ({ order: o, shop, page }) => {
    const mb = o.payment.multibanco!;
    return {
      subject: `Order ${o.name}: pay by Multibanco`,
      text: [
        `Thank you for your order ${o.name} at ${shop}. Pay it at an ATM or in your bank's app:`,
        '',
        `Entity: ${mb.entity}`,
        `Reference: ${multibancoReference(mb.reference)}`,
        `Amount: ${money(o.totals.totalCents, o.currency, 'en')}`,
        `Pay by: ${minute(mb.expiresAt)}`,
        '',
        ...orderText(o, 'en'),
        '',
        `Your order: ${page}`,
      ],
    };
  },
  fulfilment: ({ order: o, shop, page }) => ({
    subject: `Order ${o.name} is on its way`,
    text: [
      `Your order ${o.name} from ${shop} has been sent.`,
      ...(o.trackingNumber ? [`Tracking number: ${o.trackingNumber}`] : []),
      '',
      ...orderText(o, 'en'),
      '',
      `Your order: ${page}`,
    ],
  }),
};

const pt: Record<OrderMailKind, (f: OrderFacts) => Written> = {
  'merchant-notice': ({ order: o, shop }) => ({
    subject: `${shop}: nova encomenda ${o.name}`,
    text: [`Foi paga uma nova encomenda, ${o.name}, em ${shop}.`, '', ...orderText(o, 'pt-PT'), '', paidBy(o, 'pt-PT')],
  }),
  confirmation: ({ order: o, shop, page }) => ({
    subject: `Encomenda ${o.name} confirmada`,
    text: [
      `Obrigado pela sua encomenda ${o.name} em ${shop}.`,
      '',
      ...orderText(o, 'pt-PT'),
      '',
      paidBy(o, 'pt-PT'),
      `A sua encomenda: ${page}`,
    ],
  }),
  'awaiting-payment': ({ order: o, shop, page }) => {
    const mb = o.payment.multibanco!;
    return {
      subject: `Encomenda ${o.name}: pagamento por Multibanco`,
      text: [
        `Obrigado pela sua encomenda ${o.name} em ${shop}. Pague-a num multibanco ou na app do seu banco:`,
        '',
        `Entidade: ${mb.entity}`,
        `Referência: ${multibancoReference(mb.reference)}`,
        `Valor: ${money(o.totals.totalCents, o.currency, 'pt-PT')}`,
        `Pagar até: ${minute(mb.expiresAt)}`,
        '',
        ...orderText(o, 'pt-PT'),
        '',
        `A sua encomenda: ${page}`,
      ],
    };
  },
  fulfilment: ({ order: o, shop, page }) => ({
    subject: `A encomenda ${o.name} está a caminho`,
    text: [
      `A sua encomenda ${o.name} de ${shop} foi enviada.`,
      ...(o.trackingNumber ? [`Número de seguimento: ${o.trackingNumber}`] : []),
      '',
      ...orderText(o, 'pt-PT'),
      '',
      `A sua encomenda: ${page}`,
    ],
  }),
};

const templates: Record<NoticeLanguage, Record<OrderMailKind, (f: OrderFacts) => Written>> = { en, 'pt-PT': pt };

/** An order mail written in `language`: its subject and text (the HTML part is made from it), and the language. */
export function orderNotice(kind: OrderMailKind, language: NoticeLanguage, facts: OrderFacts) {
  const written = templates[language][kind](facts);
  return { subject: written.subject, text: written.text.join('\n'), lang: language };
}
