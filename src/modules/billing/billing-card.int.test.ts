import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseDump, expectNoCardData } from '../../../test/card-data.js';
import { createTestApp, signUp, staffSession, type TestApp } from '../../../test/harness.js';
import { approvedCard, declinedCard } from '../../../test/shop-fixture.js';

const lines: string[] = [];
let t: TestApp;
beforeAll(async () => {
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  t = await createTestApp({ logStream: stream, env: { LOG_LEVEL: 'debug' } });
});
afterAll(async () => {
  await t?.close();
});

const cardOf = ({ method: _method, ...card }: typeof approvedCard) => card;

describe('a customer pays a proforma by card (#11 §3, C5)', () => {
  it('issues the invoice once, refuses a declined card with its reason, and keeps neither card number nor CVC anywhere', async () => {
    const { account, cookie } = await signUp(t.app, { nif: 'PT501964843' });
    const staff = await staffSession(t, ['billing']);
    const proforma = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/staff/billing/proformas',
        headers: { cookie: staff.cookie },
        payload: {
          accountId: account.id,
          dueAt: new Date(t.clock.now().getTime() + 14 * 86_400_000).toISOString(),
          lines: [{ description: 'Plan Pro', quantity: 1, unitCents: 1999 }],
        },
      })
    ).json();
    const pay = (card: object, key: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/account/invoices/${proforma.id}/pay`,
        headers: { cookie, 'idempotency-key': key },
        payload: { card },
      });

    const declined = await pay(cardOf(declinedCard), 'attempt-1');
    expect(declined.statusCode).toBe(402);
    expect(declined.json()).toMatchObject({
      errors: [{ field: 'card', message: 'The card was declined by its bank.' }],
    });
    // Refused at the edge: a security code one digit too long, a number failing its check digit.
    const refused = await pay({ ...cardOf(approvedCard), cvc: '3181' }, 'attempt-2');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0].field).toMatch(/card.*cvc/);
    expect((await pay({ ...cardOf(approvedCard), number: '4242 4242 4242 4241' }, 'attempt-3')).statusCode).toBe(422);

    const paid = await pay(cardOf(approvedCard), 'attempt-4');
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({
      kind: 'invoice',
      proformaId: proforma.id,
      paymentMethod: 'card',
      totalCents: 2459,
    });
    // The same attempt sent again (a lost answer): the same invoice, no second charge.
    expect((await pay(cardOf(approvedCard), 'attempt-4')).json().id).toBe(paid.json().id);
    const charges = await t.platform.db
      .selectFrom('payment_simulator_charge')
      .select(['state'])
      .where('order_reference', '=', proforma.id)
      .execute();
    expect(charges.map((c) => c.state).sort()).toEqual(['declined', 'paid']);

    // Another customer cannot pay it.
    const other = await signUp(t.app);
    const notTheirs = await t.app.inject({
      method: 'POST',
      url: `/api/v1/account/invoices/${proforma.id}/pay`,
      headers: { cookie: other.cookie },
      payload: { card: cardOf(approvedCard) },
    });
    expect(notTheirs.statusCode).toBe(404);

    const dump = await databaseDump(t);
    const logs = lines.join('');
    expect(logs).toContain('/pay');
    expectNoCardData({ database: dump.text, logs }, [approvedCard, declinedCard], ['3181']);
  });
});

describe('credit notes (#11 §4)', () => {
  it('credits an invoice in its own series, refunds the card once, and never credits more than the invoice', async () => {
    const { account, cookie } = await signUp(t.app, {}, '198.51.100.95');
    const staff = await staffSession(t, ['billing']);
    const proforma = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/staff/billing/proformas',
        headers: { cookie: staff.cookie },
        payload: {
          accountId: account.id,
          dueAt: new Date(t.clock.now().getTime() + 14 * 86_400_000).toISOString(),
          lines: [{ description: 'Plan Pro', quantity: 1, unitCents: 10000 }],
        },
      })
    ).json();
    const invoice = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/account/invoices/${proforma.id}/pay`,
        headers: { cookie, 'idempotency-key': 'credit-pay' },
        payload: { card: cardOf(approvedCard) },
      })
    ).json();
    expect(invoice).toMatchObject({ kind: 'invoice', totalCents: 12300 });
    const credit = (payload: object) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/staff/billing/invoices/${invoice.id}/credit-notes`,
        headers: { cookie: staff.cookie },
        payload,
      });
    const part = await credit({ netCents: 4000, reason: 'Downtime on 3 December' });
    expect(part.statusCode, part.body).toBe(201);
    expect(part.json()).toMatchObject({ kind: 'credit_note', netCents: 4000, vatCents: 920, totalCents: 4920 });
    expect(part.json().name).toMatch(/^NC \d{4}\/\d+$/);
    expect((await credit({ netCents: 6001, reason: 'Too much' })).statusCode).toBe(409);
    const rest = await credit({ reason: 'Cancelled' });
    expect(rest.json()).toMatchObject({ netCents: 6000, totalCents: 12300 - 4920 });
    expect((await credit({ reason: 'Again' })).statusCode).toBe(409);
    // The card was refunded the whole, in two refunds.
    const paid = await t.platform.db
      .selectFrom('billing_document')
      .select('payment_reference')
      .where('id', '=', invoice.id)
      .executeTakeFirstOrThrow();
    const status = await t.platform.payments.paymentStatus(paid.payment_reference!);
    expect(status.refundedCents).toBe(12300);
    const support = await staffSession(t, ['support']);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/staff/billing/invoices/${invoice.id}/credit-notes`,
          headers: { cookie: support.cookie },
          payload: { reason: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    const mine = (await t.app.inject({ method: 'GET', url: '/api/v1/account/invoices', headers: { cookie } })).json()
      .items;
    expect(mine.filter((d: { kind: string }) => d.kind === 'credit_note')).toHaveLength(2);
  });
});
