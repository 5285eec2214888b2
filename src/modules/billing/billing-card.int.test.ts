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
