import { describe, expect, it } from 'vitest';
import { noticeLanguages } from '../../core/published-texts.js';
import { money, orderNotice, shopperLanguage } from './order-notices.js';
import type { OrderMailKind, OrderRow } from './order-store.js';
import { orderDetailView } from './orders.reads.js';

const at = new Date('2027-03-01T10:00:00Z');
const row: OrderRow & { email: string } = {
  shop_id: 'shp_1',
  id: 'ord_1',
  number: 1001,
  account_id: 'acc_1',
  status: 'paid',
  token_hash: 'x',
  shopper_id: 'spr_1',
  email: 'ana@example.pt',
  currency: 'EUR',
  subtotal_cents: 123456,
  shipping_cents: 395,
  total_cents: 123851,
  vat_total_cents: 23159,
  vat_breakdown: [{ rate: 23, grossCents: 123851, netCents: 100692, vatCents: 23159 }],
  shipping_zone: 'pt-mainland',
  ship_first_name: 'Ana',
  ship_last_name: 'Quintanilha',
  ship_line1: 'Rua Augusta 100',
  ship_line2: null,
  ship_postal_code: '1100-048',
  ship_city: 'Lisboa',
  ship_country: 'PT',
  ship_phone: null,
  bill_first_name: 'Ana',
  bill_last_name: 'Quintanilha',
  bill_line1: 'Rua Augusta 100',
  bill_line2: null,
  bill_postal_code: '1100-048',
  bill_city: 'Lisboa',
  bill_country: 'PT',
  bill_phone: null,
  payment_method: 'multibanco',
  card_brand: null,
  card_last4: null,
  gateway_ref: 'sim_1',
  mb_entity: '12345',
  mb_reference: '123456789',
  mb_expires_at: new Date('2027-03-04T10:00:00Z'),
  refunded_cents: 0,
  tracking_number: 'RR123456789PT',
  created_at: at,
  updated_at: at,
  paid_at: at,
  fulfilled_at: null,
  cancelled_at: null,
};
const line = {
  shop_id: 'shp_1',
  order_id: 'ord_1',
  position: 1,
  variant_id: 'var_1',
  product_id: 'prd_1',
  product_title: 'Produto 1',
  product_handle: 'produto-1',
  variant_title: 'Azul',
  sku: 'SKU-1',
  quantity: 2,
  unit_price_cents: 61728,
  vat_rate: 23,
  line_total_cents: 123456,
};
const order = orderDetailView(row, [line], []);
const facts = { order, shop: 'Loja Exemplo', page: 'https://loja.example/orders/tok' };
const kinds: OrderMailKind[] = ['confirmation', 'awaiting-payment', 'merchant-notice', 'fulfilment'];

describe('order mails in each language', () => {
  it('write every mail in English and in European Portuguese, each different', () => {
    for (const kind of kinds) {
      const written = noticeLanguages.map((lang) => orderNotice(kind, lang, facts));
      for (const [i, w] of written.entries()) {
        expect(w.lang).toBe(noticeLanguages[i]);
        expect(w.subject.trim(), kind).not.toBe('');
        expect(w.text.trim(), kind).not.toBe('');
        expect(w.text, kind).toContain('#1001');
        expect(w.text, kind).toContain('Produto 1 (Azul)');
      }
      const [en, pt] = written;
      expect(pt!.subject, kind).not.toBe(en!.subject);
      expect(pt!.text, kind).not.toBe(en!.text);
    }
  });

  it('keep the English wording', () => {
    expect(orderNotice('confirmation', 'en', facts).subject).toBe('Order #1001 confirmed');
    expect(orderNotice('awaiting-payment', 'en', facts).subject).toBe('Order #1001: pay by Multibanco');
    expect(orderNotice('fulfilment', 'en', facts).subject).toBe('Order #1001 is on its way');
    expect(orderNotice('merchant-notice', 'en', facts).subject).toBe('Loja Exemplo: new order #1001');
    expect(orderNotice('awaiting-payment', 'en', facts).text).toContain(
      'Reference: 123 456 789\nAmount: €1,238.51\nPay by: 2027-03-04 10:00 UTC',
    );
    expect(orderNotice('fulfilment', 'pt-PT', facts).subject).toBe('A encomenda #1001 está a caminho');
  });

  it('write amounts the way each language does', () => {
    expect(money(123851, 'EUR', 'en')).toBe('€1,238.51');
    expect(money(123851, 'EUR', 'pt-PT')).toBe('1238,51\u00a0€');
    expect(money(1230, 'EUR', 'pt-PT')).toBe('12,30\u00a0€');
    const pt = orderNotice('confirmation', 'pt-PT', facts).text;
    expect(pt).toContain('Total: 1238,51\u00a0€ (IVA incluído: 231,59\u00a0€)');
    expect(orderNotice('confirmation', 'en', facts).text).toContain('Total: €1,238.51 (VAT included: €231.59)');
  });

  it('name a card by its network only, in the language of the mail', () => {
    const byCard = orderDetailView(
      { ...row, payment_method: 'card', card_brand: 'visa', card_last4: '4242' },
      [line],
      [],
    );
    const pt = orderNotice('confirmation', 'pt-PT', { ...facts, order: byCard }).text;
    expect(pt).toContain('Pago com cartão (visa).');
    expect(orderNotice('confirmation', 'en', { ...facts, order: byCard }).text).toContain('Paid by card (visa).');
    expect(pt).not.toContain('4242');
  });

  it("choose the shopper's language: as recorded, else by the billing country", () => {
    expect(shopperLanguage(order)).toBe('pt-PT');
    expect(shopperLanguage(order, 'en')).toBe('en');
    expect(shopperLanguage(order, 'fr')).toBe('pt-PT');
    const spanish = orderDetailView({ ...row, bill_country: 'ES' }, [line], []);
    expect(shopperLanguage(spanish)).toBe('en');
    expect(shopperLanguage(spanish, 'pt-PT')).toBe('pt-PT');
    // A gift delivered to Portugal is still written for whoever paid.
    expect(shopperLanguage(orderDetailView({ ...row, bill_country: 'DE' }, [line], []))).toBe('en');
    expect(shopperLanguage(orderDetailView({ ...row, bill_country: 'BR', ship_country: 'DE' }, [line], []))).toBe(
      'pt-PT',
    );
  });
});
