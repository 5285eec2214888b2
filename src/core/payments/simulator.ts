import { createHash, randomInt } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Clock } from '../clock.js';
import { isUniqueViolation } from '../db/errors.js';
import { AppError, validationError, type FieldError } from '../errors.js';
import { newId } from '../ids.js';
import { cardExpired, cardNumberProblem, cvcLength, isCardDetails, type CardBrand, type CardDetails } from './cards.js';
import type {
  CardPaymentInput,
  CardPaymentResult,
  DeclineReason,
  MultibancoInput,
  MultibancoReference,
  PaymentGateway,
  PaymentReceivedListener,
  PaymentStatus,
  RefundInput,
  RefundResult,
  SaveCardInput,
  SaveCardResult,
  SavedCardPaymentInput,
} from './gateway.js';
import { maxMultibancoCents, multibancoCheckDigits } from './multibanco.js';
import type { PaymentSimulatorChargeTable, PaymentSimulatorTables } from './payments.tables.js';

/**
 * The test cards, as a processor's test mode knows them: these approve, or fail the way they say.
 * Any other number that passes the checks is declined as a real card would be in test mode, so a
 * simulator left on by mistake never pretends to have taken real money.
 */
export const simulatorTestCards: Record<string, 'approve' | DeclineReason> = {
  '4242424242424242': 'approve',
  '4000056655665556': 'approve',
  '5555555555554444': 'approve',
  '2223003122003222': 'approve',
  '5200828282828210': 'approve',
  '378282246310005': 'approve',
  '371449635398431': 'approve',
  '6759649826438453': 'approve',
  '6011111111111117': 'approve',
  '3056930009020004': 'approve',
  '36227206271667': 'approve',
  '3566002020360505': 'approve',
  '6200000000000005': 'approve',
  '4000000000000002': 'card_declined',
  '4000000000009995': 'insufficient_funds',
  '4000000000000127': 'incorrect_cvc',
  '4000000000000069': 'expired_card',
  '4000000000000119': 'processing_error',
};

/** The simulator's Multibanco entity: five digits no bank uses for a real payee. */
export const simulatorEntity = '99999';

// The columns are integers; a payment above this is a mistake anyway.
const maxAmountCents = 2_147_483_647;

type ChargeRow = Selectable<PaymentSimulatorChargeTable>;

const fingerprint = (parts: unknown[]) => createHash('sha256').update(JSON.stringify(parts)).digest('hex');

function checkCommon(
  input: { amountCents: unknown; reference?: unknown; idempotencyKey: unknown },
  maxCents: number,
): FieldError[] {
  const errors: FieldError[] = [];
  const amount = input.amountCents;
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 1 || amount > maxCents)
    errors.push({ field: 'amountCents', message: `An amount is a whole number of cents from 1 to ${maxCents}.` });
  if ('reference' in input && (typeof input.reference !== 'string' || !/^\S{1,200}$/.test(input.reference)))
    errors.push({ field: 'reference', message: 'The order reference is required (1 to 200 characters, no spaces).' });
  if (typeof input.idempotencyKey !== 'string' || !/^\S{1,255}$/.test(input.idempotencyKey))
    errors.push({
      field: 'idempotencyKey',
      message: 'An idempotency key is required (1 to 255 characters, no spaces).',
    });
  return errors;
}

function checkCard(card: CardDetails): FieldError[] {
  const errors: FieldError[] = [];
  const numberProblem = cardNumberProblem(card.number);
  if (numberProblem) errors.push({ field: 'card.number', message: numberProblem });
  if (!Number.isInteger(card.expMonth) || card.expMonth < 1 || card.expMonth > 12)
    errors.push({ field: 'card.expMonth', message: 'The expiry month is 1 to 12.' });
  if (!Number.isInteger(card.expYear) || card.expYear < 1000 || card.expYear > 9999)
    errors.push({ field: 'card.expYear', message: 'The expiry year has four digits, e.g. 2031.' });
  const digits = cvcLength(card.brand);
  if (!new RegExp(`^\\d{${digits}}$`).test(card.cvc))
    errors.push({ field: 'card.cvc', message: `The security code of this card has ${digits} digits.` });
  return errors;
}

/**
 * The local payment simulator: a card processor's test mode and a Multibanco provider, keeping its
 * ledger in the database so that several app servers on one database agree on every payment.
 *
 * Like any gateway it is called outside a unit of work: a real processor's charge does not roll back
 * with our transaction, and a transaction must not stay open while a processor answers; the simulator
 * refuses to be called inside one so that code written against it works against a real processor.
 */
export function createPaymentSimulator(deps: {
  db: Kysely<PaymentSimulatorTables>;
  clock: Clock;
}): PaymentGateway & { simulator: NonNullable<PaymentGateway['simulator']> } {
  const { db, clock } = deps;
  const listeners = new Set<PaymentReceivedListener>();

  function outsideUnitOfWork(call: string) {
    if (db.isTransaction)
      throw new Error(
        `PaymentGateway.${call} was called inside a unit of work: call the gateway before or after it, never within.`,
      );
  }

  function statusOf(row: ChargeRow): PaymentStatus {
    const expiresAt = row.expires_at ? new Date(row.expires_at) : null;
    const expired = row.state === 'pending' && expiresAt !== null && clock.now() >= expiresAt;
    return {
      gatewayRef: row.id,
      method: row.method,
      orderReference: row.order_reference,
      state: expired ? 'expired' : row.state,
      amountCents: row.amount_cents,
      refundedCents: row.refunded_cents,
      paidAt: row.paid_at ? new Date(row.paid_at) : null,
      expiresAt,
    };
  }

  function cardResultOf(row: ChargeRow): CardPaymentResult {
    const summary = { brand: row.brand as CardBrand, last4: row.last4! };
    if (row.state === 'declined') return { status: 'declined', reason: row.decline_reason!, ...summary };
    return { status: 'approved', gatewayRef: row.id, ...summary, expMonth: row.exp_month!, expYear: row.exp_year! };
  }

  /** Inserts the charge unless its idempotency key was used: then the first call's row, if it asked the same. */
  async function insertOnce(row: ChargeRow): Promise<ChargeRow> {
    const inserted = await db
      .insertInto('payment_simulator_charge')
      .values(row)
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return inserted;
    const first = await db
      .selectFrom('payment_simulator_charge')
      .selectAll()
      .where('idempotency_key', '=', row.idempotency_key)
      .executeTakeFirstOrThrow();
    if (first.fingerprint !== row.fingerprint)
      throw new AppError('conflict', 'This idempotency key was used for another payment.');
    return first;
  }

  async function chargeRow(gatewayRef: string, lock: boolean): Promise<ChargeRow> {
    let query = db.selectFrom('payment_simulator_charge').selectAll().where('id', '=', gatewayRef);
    if (lock) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    if (!row) throw new AppError('not_found', 'No payment has this gateway reference.');
    return row;
  }

  function outcomeOf(card: CardDetails): 'approve' | DeclineReason {
    if (cardExpired(card.expMonth, card.expYear, clock.now())) return 'expired_card';
    return simulatorTestCards[card.number] ?? 'test_mode_live_card';
  }

  return {
    kind: 'simulator',

    async authorizeCard(input: CardPaymentInput): Promise<CardPaymentResult> {
      outsideUnitOfWork('authorizeCard');
      // A plain object would carry the number and code where any log or JSON could reach them.
      if (!isCardDetails(input.card)) throw new TypeError('Pass the card through cardDetails() before charging it.');
      const errors = [...checkCommon(input, maxAmountCents), ...checkCard(input.card)];
      if (typeof input.currency !== 'string' || !/^[A-Z]{3}$/.test(input.currency))
        errors.push({ field: 'currency', message: 'A currency is an ISO 4217 code, e.g. EUR.' });
      if (errors.length > 0) throw validationError(errors, 'The payment cannot be attempted.');
      const { card } = input;
      const outcome = outcomeOf(card);
      const row = await insertOnce({
        id: newId('ch'),
        method: 'card',
        idempotency_key: input.idempotencyKey,
        fingerprint: fingerprint([
          'card',
          input.amountCents,
          input.currency,
          input.reference,
          card.brand,
          card.last4,
          card.expMonth,
          card.expYear,
        ]),
        order_reference: input.reference,
        state: outcome === 'approve' ? 'paid' : 'declined',
        decline_reason: outcome === 'approve' ? null : outcome,
        amount_cents: input.amountCents,
        currency: input.currency,
        refunded_cents: 0,
        brand: card.brand,
        last4: card.last4,
        exp_month: card.expMonth,
        exp_year: card.expYear,
        mb_entity: null,
        mb_reference: null,
        expires_at: null,
        paid_at: outcome === 'approve' ? clock.now() : null,
        created_at: clock.now(),
      });
      return cardResultOf(row);
    },

    async saveCard(input: SaveCardInput): Promise<SaveCardResult> {
      outsideUnitOfWork('saveCard');
      if (!isCardDetails(input.card)) throw new TypeError('Pass the card through cardDetails() before saving it.');
      const errors = checkCard(input.card);
      if (typeof input.idempotencyKey !== 'string' || !/^\S{1,255}$/.test(input.idempotencyKey))
        errors.push({
          field: 'idempotencyKey',
          message: 'An idempotency key is required (1 to 255 characters, no spaces).',
        });
      if (errors.length > 0) throw validationError(errors, 'The card cannot be saved.');
      const { card } = input;
      const outcome = outcomeOf(card);
      // A processor checks a card before keeping it: these would never be charged.
      if (outcome !== 'approve' && outcome !== 'insufficient_funds')
        return { status: 'declined', reason: outcome, brand: card.brand, last4: card.last4 };
      const inserted = await db
        .insertInto('payment_simulator_card')
        .values({
          token: newId('card'),
          idempotency_key: input.idempotencyKey,
          brand: card.brand,
          last4: card.last4,
          exp_month: card.expMonth,
          exp_year: card.expYear,
          outcome,
          created_at: clock.now(),
        })
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .returningAll()
        .executeTakeFirst();
      const row =
        inserted ??
        (await db
          .selectFrom('payment_simulator_card')
          .selectAll()
          .where('idempotency_key', '=', input.idempotencyKey)
          .executeTakeFirstOrThrow());
      return {
        status: 'saved',
        token: row.token,
        brand: row.brand as CardBrand,
        last4: row.last4,
        expMonth: row.exp_month,
        expYear: row.exp_year,
      };
    },

    async chargeSavedCard(input: SavedCardPaymentInput): Promise<CardPaymentResult> {
      outsideUnitOfWork('chargeSavedCard');
      const errors = checkCommon(input, maxAmountCents);
      if (errors.length > 0) throw validationError(errors, 'The payment cannot be attempted.');
      const saved = await db
        .selectFrom('payment_simulator_card')
        .selectAll()
        .where('token', '=', input.token)
        .executeTakeFirst();
      if (!saved) throw new AppError('not_found', 'No saved card has this token.');
      const outcome = cardExpired(saved.exp_month, saved.exp_year, clock.now())
        ? 'expired_card'
        : (saved.outcome as 'approve' | DeclineReason);
      const row = await insertOnce({
        id: newId('ch'),
        method: 'card',
        idempotency_key: input.idempotencyKey,
        fingerprint: fingerprint(['saved-card', input.amountCents, input.currency, input.reference, saved.token]),
        order_reference: input.reference,
        state: outcome === 'approve' ? 'paid' : 'declined',
        decline_reason: outcome === 'approve' ? null : outcome,
        amount_cents: input.amountCents,
        currency: input.currency,
        refunded_cents: 0,
        brand: saved.brand,
        last4: saved.last4,
        exp_month: saved.exp_month,
        exp_year: saved.exp_year,
        mb_entity: null,
        mb_reference: null,
        expires_at: null,
        paid_at: outcome === 'approve' ? clock.now() : null,
        created_at: clock.now(),
      });
      return cardResultOf(row);
    },

    async refund(input: RefundInput): Promise<RefundResult> {
      outsideUnitOfWork('refund');
      const errors = checkCommon(input, maxAmountCents);
      if (typeof input.gatewayRef !== 'string' || input.gatewayRef.length === 0)
        errors.push({ field: 'gatewayRef', message: 'The payment to refund is required.' });
      if (errors.length > 0) throw validationError(errors, 'The refund cannot be attempted.');
      return db.transaction().execute(async () => {
        // Locked first: two refunds of one payment, from any two servers, are counted one after the other.
        const charge = await chargeRow(input.gatewayRef, true);
        const earlier = await db
          .selectFrom('payment_simulator_refund')
          .selectAll()
          .where('idempotency_key', '=', input.idempotencyKey)
          .executeTakeFirst();
        if (earlier) {
          if (earlier.charge_id !== charge.id || earlier.amount_cents !== input.amountCents)
            throw new AppError('conflict', 'This idempotency key was used for another refund.');
          return { refundRef: earlier.id, refundedCents: charge.refunded_cents };
        }
        if (charge.state !== 'paid') throw new AppError('conflict', 'Only a payment that was taken can be refunded.');
        const left = charge.amount_cents - charge.refunded_cents;
        if (input.amountCents > left)
          throw new AppError(
            'conflict',
            `A refund of ${input.amountCents} cents is more than the ${left} cents left to refund of this payment.`,
          );
        const refundRef = newId('re');
        await db
          .insertInto('payment_simulator_refund')
          .values({
            id: refundRef,
            charge_id: charge.id,
            idempotency_key: input.idempotencyKey,
            amount_cents: input.amountCents,
            created_at: clock.now(),
          })
          .execute();
        const updated = await db
          .updateTable('payment_simulator_charge')
          .set((eb) => ({ refunded_cents: eb('refunded_cents', '+', input.amountCents) }))
          .where('id', '=', charge.id)
          .returning('refunded_cents')
          .executeTakeFirstOrThrow();
        return { refundRef, refundedCents: updated.refunded_cents };
      });
    },

    async createMultibanco(input: MultibancoInput): Promise<MultibancoReference> {
      outsideUnitOfWork('createMultibanco');
      const errors = checkCommon(input, maxMultibancoCents);
      const expiresAt = input.expiresAt;
      if (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime()) || expiresAt <= clock.now())
        errors.push({ field: 'expiresAt', message: 'A Multibanco reference expires in the future.' });
      if (errors.length > 0) throw validationError(errors, 'No Multibanco reference can be made.');
      const base = {
        method: 'multibanco' as const,
        idempotency_key: input.idempotencyKey,
        // Not the expiry: a retry computes its own, and gets the first reference with the first expiry.
        fingerprint: fingerprint(['multibanco', input.amountCents, input.reference]),
        order_reference: input.reference,
        state: 'pending' as const,
        decline_reason: null,
        amount_cents: input.amountCents,
        currency: 'EUR',
        refunded_cents: 0,
        brand: null,
        last4: null,
        exp_month: null,
        exp_year: null,
        mb_entity: simulatorEntity,
        expires_at: expiresAt,
        paid_at: null,
        created_at: clock.now(),
      };
      for (let attempt = 0; ; attempt++) {
        const body = String(randomInt(0, 10_000_000)).padStart(7, '0');
        try {
          const row = await insertOnce({
            ...base,
            id: newId('mb'),
            mb_reference: body + multibancoCheckDigits(simulatorEntity, body, input.amountCents),
          });
          return {
            gatewayRef: row.id,
            entity: row.mb_entity!,
            reference: row.mb_reference!,
            amountCents: row.amount_cents,
            expiresAt: new Date(row.expires_at!),
          };
        } catch (e) {
          // Another payment drew the same reference: draw again (ten million of them, so rarely twice).
          if (!isUniqueViolation(e) || attempt >= 5) throw e;
        }
      }
    },

    async paymentStatus(gatewayRef: string): Promise<PaymentStatus> {
      return statusOf(await chargeRow(gatewayRef, false));
    },

    onPaymentReceived(listener: PaymentReceivedListener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    simulator: {
      async markMultibancoPaid(gatewayRef: string): Promise<PaymentStatus> {
        return db.transaction().execute(async () => {
          const row = await chargeRow(gatewayRef, true);
          if (row.method !== 'multibanco')
            throw new AppError('conflict', 'Only a Multibanco payment is paid by reference.');
          const status = statusOf(row);
          if (status.state === 'paid') return status;
          if (status.state === 'expired') throw new AppError('conflict', 'This Multibanco reference has expired.');
          const paidAt = clock.now();
          const paid = await db
            .updateTable('payment_simulator_charge')
            .set({ state: 'paid', paid_at: paidAt })
            .where('id', '=', gatewayRef)
            .returningAll()
            .executeTakeFirstOrThrow();
          const event = {
            gatewayRef,
            method: 'multibanco' as const,
            orderReference: row.order_reference,
            amountCents: row.amount_cents,
            paidAt,
          };
          for (const listener of listeners) await listener(event);
          return statusOf(paid);
        });
      },
    },
  };
}
