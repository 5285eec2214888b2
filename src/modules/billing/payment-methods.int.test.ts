import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../core/context.js';
import { databaseDump, expectNoCardData } from '../../../test/card-data.js';
import { createTestApp, signUp, staffSession, type TestApp } from '../../../test/harness.js';

const lines: string[] = [];
let t: TestApp;
beforeAll(async () => {
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  t = await createTestApp({
    logStream: stream,
    env: { LOG_LEVEL: 'debug', CONTROLLER_IBAN: 'PT50 0002 0123 1234 5678 9015 4' },
  });
});
afterAll(async () => {
  await t?.close();
});

const visa = { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2034, cvc: '318' };
const mastercard = { number: '5555 5555 5555 4444', expMonth: 3, expYear: 2033, cvc: '907' };
const declined = { number: '4000 0000 0000 0002', expMonth: 11, expYear: 2033, cvc: '847' };
const noFunds = { number: '4000 0000 0000 9995', expMonth: 10, expYear: 2033, cvc: '562' };
const iban = 'PT50 0002 0123 1234 5678 9015 4';

async function customerWithProforma() {
  const customer = await signUp(t.app, {}, '198.51.100.91');
  const staff = await staffSession(t, ['billing']);
  const issue = async () =>
    (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/staff/billing/proformas',
        headers: { cookie: staff.cookie },
        payload: {
          accountId: customer.account.id,
          dueAt: new Date(t.clock.now().getTime() + 14 * 86_400_000).toISOString(),
          lines: [{ description: 'Plan Pro', quantity: 1, unitCents: 1999 }],
        },
      })
    ).json() as { id: string };
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, key?: string) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: customer.cookie, ...(key ? { 'idempotency-key': key } : {}) },
      ...(payload ? { payload } : {}),
    });
  return { customer, issue, call };
}

describe('saved payment methods (#11 §3, C5, S4)', () => {
  it('saves cards as the gateway’s token, pays a proforma with one, and keeps no card number or code anywhere', async () => {
    const { issue, call } = await customerWithProforma();
    const refused = await call('POST', '/api/v1/account/payment-methods/cards', { card: declined }, 'k1');
    expect(refused.statusCode).toBe(402);
    expect(refused.json().errors[0]).toMatchObject({ field: 'card' });
    const first = await call('POST', '/api/v1/account/payment-methods/cards', { card: visa }, 'k2');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ kind: 'card', brand: 'visa', last4: '4242', expMonth: 12, isDefault: true });
    // The same attempt sent again keeps one card.
    expect((await call('POST', '/api/v1/account/payment-methods/cards', { card: visa }, 'k2')).json().id).toBe(
      first.json().id,
    );
    const second = (await call('POST', '/api/v1/account/payment-methods/cards', { card: mastercard }, 'k3')).json();
    expect(second).toMatchObject({ brand: 'mastercard', isDefault: false });
    await call('PUT', `/api/v1/account/payment-methods/${second.id}/default`);
    const listed = (await call('GET', '/api/v1/account/payment-methods')).json().items;
    expect(listed.map((m: { last4: string; isDefault: boolean }) => [m.last4, m.isDefault])).toEqual([
      ['4242', false],
      ['4444', true],
    ]);

    const proforma = await issue();
    const paid = await call(
      'POST',
      `/api/v1/account/invoices/${proforma.id}/pay`,
      { paymentMethodId: second.id },
      'p1',
    );
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ kind: 'invoice', paymentMethod: 'card' });
    expect(
      (await call('POST', `/api/v1/account/invoices/${proforma.id}/pay`, { card: visa, paymentMethodId: second.id }))
        .statusCode,
    ).toBe(422);

    // A card the bank lets be saved can still be refused when it is charged.
    const poor = (await call('POST', '/api/v1/account/payment-methods/cards', { card: noFunds }, 'k4')).json();
    const another = await issue();
    const short = await call('POST', `/api/v1/account/invoices/${another.id}/pay`, { paymentMethodId: poor.id }, 'p2');
    expect(short.statusCode).toBe(402);
    expect(short.json().errors[0].message).toMatch(/funds/i);

    expect((await call('DELETE', `/api/v1/account/payment-methods/${poor.id}`)).statusCode).toBe(204);
    expect((await call('DELETE', `/api/v1/account/payment-methods/${poor.id}`)).statusCode).toBe(404);

    const dump = await databaseDump(t);
    expectNoCardData({ database: dump.text, logs: lines.join('') }, [visa, mastercard, declined, noFunds]);
  });

  it('keeps a SEPA mandate with its IBAN sealed and shown by its last four', async () => {
    const { call } = await customerWithProforma();
    const bad = await call('POST', '/api/v1/account/payment-methods/sepa', {
      iban: 'PT50 0002 0123 1234 5678 9015 5',
      holderName: 'Ana Silva',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('iban');
    const outside = await call('POST', '/api/v1/account/payment-methods/sepa', {
      iban: 'BR1800360305000010009795493C1',
      holderName: 'Ana Silva',
    });
    expect(outside.json().errors[0].message).toMatch(/SEPA/);
    const mandate = await call('POST', '/api/v1/account/payment-methods/sepa', { iban, holderName: 'Ana Silva' });
    expect(mandate.statusCode, mandate.body).toBe(201);
    expect(mandate.json()).toMatchObject({ kind: 'sepa', last4: '0154', holderName: 'Ana Silva' });
    expect(mandate.json().mandateReference).toMatch(/^SR-/);
    const dump = (await databaseDump(t)).text;
    expect(dump).not.toContain(iban.replace(/ /g, ''));
    const stored = await sql<{
      iban_sealed: string;
    }>`select iban_sealed from payment_method where id = ${mandate.json().id}`.execute(t.platform.db);
    expect(stored.rows[0]!.iban_sealed).toMatch(/^v1\./);
  });

  it('tells a customer a month ahead that their saved card expires, once', async () => {
    const { customer, call } = await customerWithProforma();
    const now = t.clock.now();
    const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    const expiring = { ...visa, expMonth: next.getUTCMonth() + 1, expYear: next.getUTCFullYear() };
    expect((await call('POST', '/api/v1/account/payment-methods/cards', { card: expiring }, 'e1')).statusCode).toBe(
      201,
    );
    const notices = async () =>
      (
        await sql<{ n: string }>`select count(*) as n from mail_outbox where account_id = ${customer.account.id}
          and subject like '%expires at the end of next month%'`.execute(t.platform.db)
      ).rows[0]!.n;
    await t.platform.dunning.run(systemContext(t.clock.now()));
    await t.platform.dunning.run(systemContext(t.clock.now()));
    expect(Number(await notices())).toBe(1);
  });

  it('offers a transfer with the proforma’s number and a Multibanco reference, whose payment issues the invoice', async () => {
    const { issue, call } = await customerWithProforma();
    const proforma = await issue();
    const before = (await call('GET', `/api/v1/account/invoices/${proforma.id}`)).json();
    expect(before.paymentOptions).toEqual({
      transfer: { iban: 'PT50000201231234567890154', beneficiary: expect.any(String), reference: before.name },
      multibanco: null,
    });
    const mb = await call('POST', `/api/v1/account/invoices/${proforma.id}/multibanco`);
    expect(mb.statusCode, mb.body).toBe(200);
    expect(mb.json()).toMatchObject({ entity: '99999', amountCents: before.totalCents });
    expect(mb.json().reference).toMatch(/^\d{9}$/);
    // Asked again, the same reference.
    expect((await call('POST', `/api/v1/account/invoices/${proforma.id}/multibanco`)).json().reference).toBe(
      mb.json().reference,
    );
    const pdf = await call('GET', `/api/v1/account/invoices/${proforma.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    const ref = await sql<{ gateway_ref: string }>`select gateway_ref from billing_payment_reference
      where document_id = ${proforma.id}`.execute(t.platform.db);
    await t.platform.payments.simulator!.markMultibancoPaid(ref.rows[0]!.gateway_ref);
    const after = (await call('GET', `/api/v1/account/invoices/${proforma.id}`)).json();
    expect(after).toMatchObject({ status: 'paid', paymentOptions: null });
    const invoices = (await call('GET', '/api/v1/account/invoices')).json().items;
    expect(invoices.find((d: { proformaId: string }) => d.proformaId === proforma.id)).toMatchObject({
      kind: 'invoice',
      paymentMethod: 'multibanco',
    });
    expect((await call('POST', `/api/v1/account/invoices/${proforma.id}/multibanco`)).statusCode).toBe(409);
  });
});
