import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { AppError } from '../errors.js';
import { cardDetails } from './cards.js';
import type { PaymentGateway, PaymentReceived } from './gateway.js';
import { multibancoReferenceValid } from './multibanco.js';
import { createPaymentSimulator, simulatorEntity } from './simulator.js';

let t: TestApp;
let gateway: PaymentGateway;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-05-14T10:00:00Z'));
  gateway = t.platform.payments;
});
afterAll(async () => {
  await t?.close();
});

const key = () => `key-${randomBytes(6).toString('hex')}`;
const order = () => `ord_${randomBytes(6).toString('hex')}`;
const card = (number: string, over: Partial<{ expMonth: number; expYear: number; cvc: string }> = {}) =>
  cardDetails({ number, expMonth: 12, expYear: 2030, cvc: '123', ...over });
const pay = (number: string, over: Parameters<typeof card>[1] = {}, amountCents = 2590) =>
  gateway.authorizeCard({
    amountCents,
    currency: 'EUR',
    card: card(number, over),
    reference: order(),
    idempotencyKey: key(),
  });

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('the payment simulator: cards', () => {
  it('is the gateway the platform hands to modules by default', () => {
    expect(t.config.paymentGateway).toBe('simulator');
    expect(gateway.kind).toBe('simulator');
  });

  it('approves the test card and takes the money at once', async () => {
    const result = await pay('4242 4242 4242 4242');
    expect(result).toEqual({
      status: 'approved',
      gatewayRef: expect.stringMatching(/^ch_/),
      brand: 'visa',
      last4: '4242',
      expMonth: 12,
      expYear: 2030,
    });
    if (result.status !== 'approved') throw new Error('unreachable');
    expect(await gateway.paymentStatus(result.gatewayRef)).toMatchObject({
      method: 'card',
      state: 'paid',
      amountCents: 2590,
      refundedCents: 0,
      paidAt: t.clock.now(),
    });
  });

  it.each([
    ['5555 5555 5555 4444', 'mastercard', '123'],
    ['2223 0031 2200 3222', 'mastercard', '123'],
    ['3782 822463 10005', 'amex', '1234'],
    ['6759 6498 2643 8453', 'maestro', '123'],
    ['6011 1111 1111 1117', 'discover', '123'],
  ])('approves the %s test card (%s)', async (number, brand, cvc) => {
    expect(await pay(number, { cvc })).toMatchObject({ status: 'approved', brand });
  });

  it.each([
    ['4000 0000 0000 0002', 'card_declined'],
    ['4000 0000 0000 9995', 'insufficient_funds'],
    ['4000 0000 0000 0127', 'incorrect_cvc'],
    ['4000 0000 0000 0069', 'expired_card'],
    ['4000 0000 0000 0119', 'processing_error'],
  ])('declines %s: %s', async (number, reason) => {
    expect(await pay(number)).toEqual({ status: 'declined', reason, brand: 'visa', last4: number.slice(-4) });
  });

  it('declines a card past its expiry month, and takes one in its last month', async () => {
    expect(await pay('4242424242424242', { expMonth: 4, expYear: 2026 })).toMatchObject({
      status: 'declined',
      reason: 'expired_card',
    });
    expect(await pay('4242424242424242', { expMonth: 5, expYear: 2026 })).toMatchObject({ status: 'approved' });
  });

  it('declines a real card instead of pretending to charge it', async () => {
    // Luhn-valid, but no test card: the simulator must never report money it did not take.
    expect(await pay('4111 1111 1111 1111')).toMatchObject({ status: 'declined', reason: 'test_mode_live_card' });
  });

  it('refuses a number that is no card number as invalid input, naming the field, not as a decline', async () => {
    const error = await refusal(pay('4242 4242 4242 4241'));
    expect(error.code).toBe('validation');
    expect(error.errors).toEqual([{ field: 'card.number', message: expect.stringMatching(/check the digits/) }]);
    const all = await refusal(
      gateway.authorizeCard({
        amountCents: 0,
        currency: 'euro',
        card: card('3782 822463 10005', { expMonth: 13, expYear: 31, cvc: '123' }),
        reference: '',
        idempotencyKey: '',
      }),
    );
    expect(all.errors!.map((e) => e.field).sort()).toEqual(
      ['amountCents', 'card.cvc', 'card.expMonth', 'card.expYear', 'currency', 'idempotencyKey', 'reference'].sort(),
    );
    expect(all.errors!.find((e) => e.field === 'card.cvc')!.message).toMatch(/4 digits/);
  });

  it('refuses a card that did not come through cardDetails (it could leak into a log)', async () => {
    const plain = { number: '4242424242424242', cvc: '123', expMonth: 1, expYear: 2030, brand: 'visa', last4: '4242' };
    await expect(
      gateway.authorizeCard({
        amountCents: 100,
        currency: 'EUR',
        card: plain as never,
        reference: order(),
        idempotencyKey: key(),
      }),
    ).rejects.toThrow(TypeError);
  });

  it('answers a retry with the same key with the first answer, and never charges twice', async () => {
    const input = { amountCents: 1999, currency: 'EUR', reference: order(), idempotencyKey: key() };
    const first = await gateway.authorizeCard({ ...input, card: card('4242424242424242') });
    const again = await gateway.authorizeCard({ ...input, card: card('4242 4242 4242 4242') });
    expect(again).toEqual(first);
    const declined = { ...input, idempotencyKey: key() };
    const no = await gateway.authorizeCard({ ...declined, card: card('4000000000000002') });
    expect(await gateway.authorizeCard({ ...declined, card: card('4000000000000002') })).toEqual(no);
    const rows = await t.platform.db
      .selectFrom('payment_simulator_charge')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('order_reference', '=', input.reference)
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(2);
  });

  it('refuses a key reused for a different payment', async () => {
    const idempotencyKey = key();
    await gateway.authorizeCard({
      amountCents: 1000,
      currency: 'EUR',
      card: card('4242424242424242'),
      reference: order(),
      idempotencyKey,
    });
    const error = await refusal(
      gateway.authorizeCard({
        amountCents: 5000,
        currency: 'EUR',
        card: card('4242424242424242'),
        reference: order(),
        idempotencyKey,
      }),
    );
    expect(error.code).toBe('conflict');
  });

  it('gives one answer to the same key sent twice at once', async () => {
    const input = { amountCents: 700, currency: 'EUR', reference: order(), idempotencyKey: key() };
    const results = await Promise.all(
      [1, 2, 3].map(() => gateway.authorizeCard({ ...input, card: card('4242424242424242') })),
    );
    expect(new Set(results.map((r) => (r.status === 'approved' ? r.gatewayRef : 'declined'))).size).toBe(1);
  });

  it('keeps no card number or security code anywhere in its tables', async () => {
    await gateway.authorizeCard({
      amountCents: 4321,
      currency: 'EUR',
      card: card('5200 8282 8282 8210', { cvc: '987' }),
      reference: order(),
      idempotencyKey: key(),
    });
    const dump = await sql<{ row: string }>`
      select row_to_json(c)::text as row from payment_simulator_charge c`.execute(t.platform.db);
    const text = dump.rows.map((r) => r.row).join('\n');
    expect(text).toContain('"last4":"8210"');
    for (const secret of ['5200828282828210', '4242424242424242', '"987"']) expect(text).not.toContain(secret);
  });

  it('is never called inside a unit of work (a real charge would not roll back with it)', async () => {
    await expect(t.platform.db.transaction().execute(() => pay('4242424242424242'))).rejects.toThrow(
      /inside a unit of work/,
    );
  });
});

describe('the payment simulator: refunds', () => {
  async function paid(amountCents: number) {
    const result = await pay('4242424242424242', {}, amountCents);
    if (result.status !== 'approved') throw new Error('the test card was not approved');
    return result.gatewayRef;
  }

  it('refunds in parts up to the whole, and refuses a cent more', async () => {
    const gatewayRef = await paid(5000);
    const first = await gateway.refund({ gatewayRef, amountCents: 1500, idempotencyKey: key() });
    expect(first).toEqual({ refundRef: expect.stringMatching(/^re_/), refundedCents: 1500 });
    expect(await gateway.refund({ gatewayRef, amountCents: 3500, idempotencyKey: key() })).toMatchObject({
      refundedCents: 5000,
    });
    const over = await refusal(gateway.refund({ gatewayRef, amountCents: 1, idempotencyKey: key() }));
    expect(over.code).toBe('conflict');
    expect(over.message).toMatch(/more than the 0 cents left/);
    expect(await gateway.paymentStatus(gatewayRef)).toMatchObject({ state: 'paid', refundedCents: 5000 });
  });

  it('refunds in full at once, and refuses more than was taken in one go', async () => {
    const gatewayRef = await paid(1234);
    expect((await refusal(gateway.refund({ gatewayRef, amountCents: 1235, idempotencyKey: key() }))).code).toBe(
      'conflict',
    );
    expect(await gateway.refund({ gatewayRef, amountCents: 1234, idempotencyKey: key() })).toMatchObject({
      refundedCents: 1234,
    });
  });

  it('answers a retried refund with the first refund, and refuses its key for another', async () => {
    const gatewayRef = await paid(3000);
    const idempotencyKey = key();
    const first = await gateway.refund({ gatewayRef, amountCents: 1000, idempotencyKey });
    expect(await gateway.refund({ gatewayRef, amountCents: 1000, idempotencyKey })).toEqual(first);
    expect((await gateway.paymentStatus(gatewayRef)).refundedCents).toBe(1000);
    expect((await refusal(gateway.refund({ gatewayRef, amountCents: 999, idempotencyKey }))).code).toBe('conflict');
  });

  it('counts refunds made at the same time from two app servers against one total', async () => {
    const gatewayRef = await paid(1000);
    const other = createPaymentSimulator({ db: t.platform.db, clock: t.clock });
    const attempts = await Promise.allSettled(
      [gateway, other, gateway, other].map((g) => g.refund({ gatewayRef, amountCents: 400, idempotencyKey: key() })),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(2);
    // Refused as a conflict, not by the database's last-wall check (which would be a 500).
    for (const a of attempts) if (a.status === 'rejected') expect((a.reason as AppError).code).toBe('conflict');
    expect((await gateway.paymentStatus(gatewayRef)).refundedCents).toBe(800);
  });

  it('refunds only money taken, of payments it knows', async () => {
    const declined = await pay('4000000000000002');
    expect(declined.status).toBe('declined');
    const [row] = await t.platform.db
      .selectFrom('payment_simulator_charge')
      .select('id')
      .where('state', '=', 'declined')
      .limit(1)
      .execute();
    expect((await refusal(gateway.refund({ gatewayRef: row!.id, amountCents: 1, idempotencyKey: key() }))).code).toBe(
      'conflict',
    );
    expect((await refusal(gateway.refund({ gatewayRef: 'ch_nope', amountCents: 1, idempotencyKey: key() }))).code).toBe(
      'not_found',
    );
    expect(
      (await refusal(gateway.refund({ gatewayRef: 'ch_nope', amountCents: -5, idempotencyKey: key() }))).code,
    ).toBe('validation');
  });
});

describe('the payment simulator: Multibanco', () => {
  const inOneDay = () => new Date(t.clock.now().getTime() + 86_400_000);
  const create = (amountCents = 4990, expiresAt = inOneDay()) =>
    gateway.createMultibanco({ amountCents, reference: order(), expiresAt, idempotencyKey: key() });

  it('makes a reference an ATM would accept: five-digit entity, nine-digit reference checked against the amount', async () => {
    const mb = await create(4990);
    expect(mb).toEqual({
      gatewayRef: expect.stringMatching(/^mb_/),
      entity: simulatorEntity,
      reference: expect.stringMatching(/^\d{9}$/),
      amountCents: 4990,
      expiresAt: inOneDay(),
    });
    expect(multibancoReferenceValid(mb.entity, mb.reference, 4990)).toBe(true);
    expect(await gateway.paymentStatus(mb.gatewayRef)).toMatchObject({
      method: 'multibanco',
      state: 'pending',
      paidAt: null,
    });
  });

  it('is pending until paid, then paid, with the listeners told once, inside the unit of work that records it', async () => {
    const mb = await create();
    const heard: PaymentReceived[] = [];
    const stop = gateway.onPaymentReceived(async (event) => {
      // The listener's writes join the payment's transaction.
      expect(t.platform.db.isTransaction).toBe(true);
      heard.push(event);
    });
    try {
      const status = await gateway.simulator!.markMultibancoPaid(mb.gatewayRef);
      expect(status).toMatchObject({ state: 'paid', paidAt: t.clock.now() });
      await gateway.simulator!.markMultibancoPaid(mb.gatewayRef);
      expect(heard).toEqual([
        {
          gatewayRef: mb.gatewayRef,
          method: 'multibanco',
          orderReference: status.orderReference,
          amountCents: 4990,
          paidAt: t.clock.now(),
        },
      ]);
    } finally {
      stop();
    }
  });

  it('rolls the payment back when a listener fails, so the notice can be delivered again', async () => {
    const mb = await create();
    const stop = gateway.onPaymentReceived(async () => {
      throw new Error('order store unavailable');
    });
    await expect(gateway.simulator!.markMultibancoPaid(mb.gatewayRef)).rejects.toThrow('order store unavailable');
    stop();
    expect((await gateway.paymentStatus(mb.gatewayRef)).state).toBe('pending');
    expect((await gateway.simulator!.markMultibancoPaid(mb.gatewayRef)).state).toBe('paid');
  });

  it('is paid for every app server when paid through one', async () => {
    const mb = await create();
    const other = createPaymentSimulator({ db: t.platform.db, clock: t.clock });
    await other.simulator.markMultibancoPaid(mb.gatewayRef);
    expect((await gateway.paymentStatus(mb.gatewayRef)).state).toBe('paid');
  });

  it('expires unpaid at its time, and can no longer be paid', async () => {
    const expiresAt = new Date(t.clock.now().getTime() + 60_000);
    const mb = await create(1000, expiresAt);
    const start = t.clock.now();
    try {
      t.clock.set(expiresAt);
      expect(await gateway.paymentStatus(mb.gatewayRef)).toMatchObject({ state: 'expired', expiresAt });
      expect((await refusal(gateway.simulator!.markMultibancoPaid(mb.gatewayRef))).code).toBe('conflict');
    } finally {
      t.clock.set(start);
    }
  });

  it('can be refunded once paid, like any money taken', async () => {
    const mb = await create(2500);
    expect(
      (await refusal(gateway.refund({ gatewayRef: mb.gatewayRef, amountCents: 100, idempotencyKey: key() }))).code,
    ).toBe('conflict');
    await gateway.simulator!.markMultibancoPaid(mb.gatewayRef);
    expect(await gateway.refund({ gatewayRef: mb.gatewayRef, amountCents: 2500, idempotencyKey: key() })).toMatchObject(
      {
        refundedCents: 2500,
      },
    );
  });

  it('answers a retry with the same reference, and refuses what a reference cannot carry', async () => {
    const input = { amountCents: 800, reference: order(), expiresAt: inOneDay(), idempotencyKey: key() };
    const first = await gateway.createMultibanco(input);
    const later = new Date(input.expiresAt.getTime() + 5000);
    expect(await gateway.createMultibanco({ ...input, expiresAt: later })).toEqual(first);
    expect((await refusal(gateway.createMultibanco({ ...input, amountCents: 801 }))).code).toBe('conflict');
    const error = await refusal(
      gateway.createMultibanco({
        amountCents: 100_000_000,
        reference: order(),
        expiresAt: t.clock.now(),
        idempotencyKey: key(),
      }),
    );
    expect(error.errors!.map((e) => e.field)).toEqual(['amountCents', 'expiresAt']);
    expect((await refusal(gateway.simulator!.markMultibancoPaid('mb_nope'))).code).toBe('not_found');
  });

  it('marks only Multibanco payments paid by reference', async () => {
    const result = await pay('4242424242424242');
    if (result.status !== 'approved') throw new Error('the test card was not approved');
    expect((await refusal(gateway.simulator!.markMultibancoPaid(result.gatewayRef))).code).toBe('conflict');
  });
});
