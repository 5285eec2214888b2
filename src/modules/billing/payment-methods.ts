import { electronicFormatIBAN, isSEPACountry, isValidIBAN } from 'ibantools';
import type { Kysely, Selectable } from 'kysely';
import type { AuditLog } from '../../core/audit/audit-log.js';
import { isoOrNull } from '../../core/clock.js';
import type { RequestContext } from '../../core/context.js';
import type { FieldCipher } from '../../core/crypto/field-encryption.js';
import { AppError, validationError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { CardDetails } from '../../core/payments/cards.js';
import { declineWords } from '../../core/payments/declines.js';
import type { PaymentGateway } from '../../core/payments/gateway.js';
import type { Notify } from './billing-notices.js';
import type { BillingTables, PaymentMethodTable } from './billing.tables.js';

type MethodRow = Selectable<PaymentMethodTable>;

const ibanAad = (id: string) => `payment_method.iban_sealed:${id}`;

/**
 * A customer's saved payment methods (issue #11 §3, C5, S4). A card goes to the payment gateway,
 * which keeps it and gives a token; the platform keeps the token with the brand, last four and
 * expiry, and the number and security code never reach the database, a log or a job. A SEPA direct
 * debit mandate keeps the IBAN sealed with the field-encryption keys, shown by its last four only.
 * Cards are told of their expiry a month ahead.
 */
export function createPaymentMethods(deps: {
  db: Kysely<BillingTables>;
  audit: AuditLog;
  payments: PaymentGateway;
  cipher: FieldCipher;
  notify: Notify;
}) {
  async function list(accountId: string) {
    const rows = await deps.db
      .selectFrom('payment_method')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('created_at')
      .execute();
    return rows.map(view);
  }

  async function audited(ctx: RequestContext, accountId: string, action: string, id: string) {
    await deps.audit.record(ctx, {
      action,
      target: { kind: 'payment_method', id },
      chain: `account:${accountId}`,
    });
  }

  /** The first method saved is the default; a new default replaces the old one in the same unit of work. */
  async function insert(ctx: RequestContext, row: MethodRow) {
    return deps.db.transaction().execute(async () => {
      const existing = await deps.db
        .selectFrom('payment_method')
        .select('id')
        .where('account_id', '=', row.account_id)
        .where('is_default', '=', true)
        .executeTakeFirst();
      const saved = { ...row, is_default: !existing };
      await deps.db.insertInto('payment_method').values(saved).execute();
      await audited(ctx, row.account_id, `billing.payment_method.add_${row.kind}`, row.id);
      return view(saved);
    });
  }

  /**
   * Saves a card: the gateway checks and keeps it (outside any unit of work), then its token is
   * recorded. The same attempt sent again keeps one card. A refused card is a 402 naming the reason.
   */
  async function addCard(ctx: RequestContext, accountId: string, card: CardDetails, attempt: string) {
    const saved = await deps.payments.saveCard({ card, idempotencyKey: `payment-method:${accountId}:${attempt}` });
    if (saved.status === 'declined')
      throw new AppError('payment_declined', declineWords[saved.reason], {
        errors: [{ field: 'card', message: declineWords[saved.reason] }],
      });
    const again = await deps.db
      .selectFrom('payment_method')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('gateway_token', '=', saved.token)
      .executeTakeFirst();
    if (again) return view(again);
    return insert(ctx, {
      id: newId('pm'),
      account_id: accountId,
      kind: 'card',
      brand: saved.brand,
      last4: saved.last4,
      exp_month: saved.expMonth,
      exp_year: saved.expYear,
      gateway_token: saved.token,
      holder_name: null,
      iban_sealed: null,
      mandate_reference: null,
      mandate_signed_at: null,
      is_default: false,
      expiry_notice_for: null,
      created_at: ctx.now,
    });
  }

  /** Records a SEPA direct debit mandate the customer signs now; the IBAN is checked and sealed. */
  async function addSepaMandate(ctx: RequestContext, accountId: string, input: { iban: string; holderName: string }) {
    const iban = electronicFormatIBAN(input.iban) ?? '';
    if (!isValidIBAN(iban))
      throw validationError([{ field: 'iban', message: 'This is not a valid IBAN: check the digits.' }]);
    if (!isSEPACountry(iban.slice(0, 2)))
      throw validationError([{ field: 'iban', message: 'SEPA direct debit needs an account in the SEPA area.' }]);
    const id = newId('pm');
    return insert(ctx, {
      id,
      account_id: accountId,
      kind: 'sepa',
      brand: null,
      last4: iban.slice(-4),
      exp_month: null,
      exp_year: null,
      gateway_token: null,
      holder_name: input.holderName,
      iban_sealed: deps.cipher.seal(iban, ibanAad(id)),
      mandate_reference: `SR-${id.slice(3).toUpperCase()}`,
      mandate_signed_at: ctx.now,
      is_default: false,
      expiry_notice_for: null,
      created_at: ctx.now,
    });
  }

  async function owned(accountId: string, id: string) {
    const row = await deps.db
      .selectFrom('payment_method')
      .selectAll()
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    if (!row) throw new AppError('not_found', 'No such payment method.');
    return row;
  }

  async function setDefault(ctx: RequestContext, accountId: string, id: string) {
    return deps.db.transaction().execute(async () => {
      const row = await owned(accountId, id);
      await deps.db
        .updateTable('payment_method')
        .set({ is_default: false })
        .where('account_id', '=', accountId)
        .where('is_default', '=', true)
        .execute();
      await deps.db.updateTable('payment_method').set({ is_default: true }).where('id', '=', id).execute();
      await audited(ctx, accountId, 'billing.payment_method.default', id);
      return view({ ...row, is_default: true });
    });
  }

  async function remove(ctx: RequestContext, accountId: string, id: string) {
    return deps.db.transaction().execute(async () => {
      await owned(accountId, id);
      await deps.db.deleteFrom('payment_method').where('id', '=', id).execute();
      await audited(ctx, accountId, 'billing.payment_method.remove', id);
    });
  }

  /** The gateway token of a saved card of the account, for one charge. */
  async function cardToken(accountId: string, id: string) {
    const row = await owned(accountId, id);
    if (row.kind !== 'card') throw validationError([{ field: 'paymentMethodId', message: 'This is not a card.' }]);
    return row.gateway_token!;
  }

  /** Cards expiring at the end of next month are told so, once: their month is recorded with the notice. */
  async function expiryNotices(ctx: RequestContext) {
    const next = new Date(Date.UTC(ctx.now.getUTCFullYear(), ctx.now.getUTCMonth() + 1, 1));
    const month = `${next.getUTCFullYear()}-${String(next.getUTCMonth() + 1).padStart(2, '0')}`;
    // The notices are queued in the unit of work that marks them sent: both or neither.
    return deps.db.transaction().execute(async () => {
      const expiring = await deps.db
        .updateTable('payment_method')
        .set({ expiry_notice_for: month })
        .where('kind', '=', 'card')
        .where('exp_year', '=', next.getUTCFullYear())
        .where('exp_month', '=', next.getUTCMonth() + 1)
        .where((eb) => eb.or([eb('expiry_notice_for', 'is', null), eb('expiry_notice_for', '<>', month)]))
        .returningAll()
        .execute();
      for (const card of expiring)
        await deps.notify(card.account_id, 'card-expiring', {
          card: `${card.brand} •••• ${card.last4}`,
          effectiveAt: new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)),
        });
      return expiring.length;
    });
  }

  return { list, addCard, addSepaMandate, setDefault, remove, cardToken, expiryNotices };
}
export type PaymentMethods = ReturnType<typeof createPaymentMethods>;

function view(row: MethodRow) {
  return {
    id: row.id,
    kind: row.kind,
    brand: row.brand,
    last4: row.last4,
    expMonth: row.exp_month,
    expYear: row.exp_year,
    holderName: row.holder_name,
    mandateReference: row.mandate_reference,
    mandateSignedAt: isoOrNull(row.mandate_signed_at),
    isDefault: row.is_default,
  };
}
