import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { address, approvedCard, checkoutBody, shopper, shopWithProducts } from '../../../test/shop-fixture.js';

// No mail server: the outbox holds every message with its words, for the tests to read.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** The mails held for an address (the test clock stands still: in no particular order). */
const outbox = async (to: string) =>
  (
    await sql<{ subject: string; text_body: string; account_id: string | null }>`select subject, text_body, account_id
      from mail_outbox where to_address = ${to}`.execute(t.platform.db)
  ).rows;

describe('order mails in the language of whoever reads them (#11 §6)', () => {
  it('writes to a shopper billed in Portugal in Portuguese, to one billed elsewhere in English, and to the merchant in their account’s language', async () => {
    const s = await shopWithProducts(t, [5]);
    const patched = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/account',
      headers: { cookie: s.merchant.cookie },
      payload: { language: 'pt-PT' },
    });
    expect(patched.json().language).toBe('pt-PT');

    const lisbon = shopper(t, s.host);
    await lisbon.add(s.variants[0]!);
    const inLisbon = checkoutBody({ method: 'multibanco' });
    const placed = (await lisbon.checkout(inLisbon)).json().order;
    const detailOf = async (id: string) =>
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/shops/${s.shopId}/orders/${id}`,
          headers: { cookie: s.merchant.cookie },
        })
      ).json();
    const pending = await detailOf(placed.id);
    const madrid = { ...address, postalCode: '28013', city: 'Madrid', country: 'ES' };
    const inMadrid = checkoutBody(approvedCard, { shippingAddress: madrid, shippingRateId: 'eu' });
    const spain = shopper(t, s.host);
    await spain.add(s.variants[0]!);
    const paid = await detailOf((await spain.checkout(inMadrid)).json().order.id);
    await t.platform.jobs.runDue();

    const [multibanco, ...more] = await outbox(inLisbon.email);
    expect(more).toEqual([]);
    // The shop's mail to its shopper: never a SellRocket customer's correspondence.
    expect(multibanco).toMatchObject({
      subject: `Encomenda ${pending.name}: pagamento por Multibanco`,
      account_id: null,
    });
    expect(multibanco!.text_body).toContain('Obrigado pela sua encomenda');
    expect(multibanco!.text_body).toContain('Valor: 16,25\u00a0€');

    const [confirmed] = await outbox(inMadrid.email);
    expect(confirmed!.subject).toBe(`Order ${paid.name} confirmed`);
    expect(confirmed!.text_body).toContain('Thank you for your order');
    expect(confirmed!.text_body).toContain('Total: €24.80');

    // Only the paid order is announced to the merchant, in the language of their account.
    expect((await outbox(s.email)).filter((m) => /encomenda|order/i.test(m.subject))).toEqual([
      expect.objectContaining({
        subject: expect.stringMatching(new RegExp(`^Loja \\d+: nova encomenda ${paid.name}$`)),
        text_body: expect.stringContaining(`Foi paga uma nova encomenda, ${paid.name}`),
        account_id: s.merchant.account.id,
      }),
    ]);

    // Sent: in the language the shopper was first written to in.
    await t.platform.payments.simulator!.markMultibancoPaid(pending.payment.gatewayRef);
    const fulfil = await t.app.inject({
      method: 'POST',
      url: `/api/v1/shops/${s.shopId}/orders/${pending.id}/fulfil`,
      headers: { cookie: s.merchant.cookie },
      payload: { trackingNumber: 'RR123456789PT' },
    });
    expect(fulfil.statusCode, fulfil.body).toBe(200);
    await t.platform.jobs.runDue();
    const sent = (await outbox(inLisbon.email)).map((m) => m.subject);
    expect(sent.sort()).toEqual([
      `A encomenda ${pending.name} está a caminho`,
      `Encomenda ${pending.name} confirmada`,
      `Encomenda ${pending.name}: pagamento por Multibanco`,
    ]);
  });
});
