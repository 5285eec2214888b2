import { sql, type Kysely, type Selectable } from 'kysely';
import { isoOrNull } from '../../core/clock.js';
import type { AuditLog } from '../../core/audit/audit-log.js';
import { systemContext, type RequestContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { Mailer } from '../../core/mail/mailer.js';
import type { CardDetails } from '../../core/payments/cards.js';
import { declineWords } from '../../core/payments/declines.js';
import type { PaymentGateway } from '../../core/payments/gateway.js';
import type { VatNumberCheck } from '../../core/tax/vies.js';
import type { AccountsService } from '../accounts/index.js';
import type { BillingDocumentTable, BillingTables, DocumentKind } from './billing.tables.js';
import { totalsOf, vatFor, euStandardRates } from './vat.js';
import { billingNotice, createNotifier } from './billing-notices.js';

type DocumentRow = Selectable<BillingDocumentTable>;
export interface BillingLine {
  description: string;
  quantity: number;
  unitCents: number;
}

const seriesCode: Record<DocumentKind, string> = { proforma: 'PF', invoice: 'FT', credit_note: 'NC' };
const euros = (cents: number) => `€${(cents / 100).toFixed(2)}`;
export const documentName = (d: { kind: DocumentKind; number: number; issued_at: Date | string }) =>
  `${seriesCode[d.kind]} ${new Date(d.issued_at).getUTCFullYear()}/${d.number}`;

/**
 * Proforma invoices, and the invoices their payment turns them into (issue #11 §4). Each kind is
 * numbered in its own series per year (billing_series), the number taken in the issuing
 * transaction; the customer's fiscal details and the VAT rule are fixed when the proforma is issued
 * and copied to its invoice. Every document is immutable once issued (a trigger says so).
 */
export function createBillingService(deps: {
  db: Kysely<BillingTables>;
  audit: AuditLog;
  accounts: AccountsService;
  vies: VatNumberCheck;
  mailer: Mailer;
  payments: PaymentGateway;
  /**
   * The tax authority's validation code of a series. Until the operator registers the series with
   * the AT, a placeholder of the same shape (8 characters) marks the documents as not communicated.
   */
  validationCodeOf?: (kind: DocumentKind, year: number) => string;
}) {
  // Work that follows a payment in its unit of work (a subscription renewing into the period paid).
  const paidListeners: ((ctx: RequestContext, proformaId: string) => Promise<void>)[] = [];
  const notify = createNotifier({ contactOf: deps.accounts.contactOf, mailer: deps.mailer });
  const validationCodeOf = deps.validationCodeOf ?? ((kind, year) => `SR${seriesCode[kind]}${year}`);

  /** The next number of `kind`'s series of the year, taken under the series' row lock. */
  async function nextNumber(kind: DocumentKind, at: Date) {
    const year = at.getUTCFullYear();
    const id = `${seriesCode[kind]}${year}`;
    // Never earlier than the series' last document: numbers follow dates, whatever the servers' clocks.
    const take = () =>
      sql<{ number: number; issued_at: Date; validation_code: string }>`
      update billing_series set last_number = last_number + 1,
        last_issued_at = greatest(coalesce(last_issued_at, ${at}::timestamptz), ${at}::timestamptz)
      where id = ${id}
      returning last_number as number, last_issued_at as issued_at, validation_code`.execute(deps.db);
    let r = await take();
    if (r.rows.length === 0) {
      // The year's first document of this kind opens its series (once, whoever gets there first).
      await deps.db
        .insertInto('billing_series')
        .values({
          id,
          kind,
          year,
          code: seriesCode[kind],
          validation_code: validationCodeOf(kind, year),
          last_number: 0,
          last_issued_at: null,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      r = await take();
    }
    const row = r.rows[0]!;
    return {
      seriesId: id,
      number: row.number,
      issuedAt: new Date(row.issued_at),
      atcud: `${row.validation_code}-${row.number}`,
    };
  }

  async function insertDocument(
    row: DocumentRow,
    lines: { description: string; quantity: number; unit_cents: number; net_cents: number }[],
  ) {
    await deps.db.insertInto('billing_document').values(row).execute();
    await deps.db
      .insertInto('billing_document_line')
      .values(lines.map((l, i) => ({ document_id: row.id, position: i + 1, ...l })))
      .execute();
  }

  /**
   * Issues a proforma invoice to an account, due at `dueAt`, and mails it. The customer's name,
   * NIF and address go on it when the account gave a NIF (a customer who gives one asks for it on
   * their invoices); otherwise it is made out to a final consumer with no name.
   */
  async function issueProforma(ctx: RequestContext, input: { accountId: string; dueAt: Date; lines: BillingLine[] }) {
    if (input.lines.length === 0) throw new AppError('validation', 'A proforma needs at least one line.');
    const account = await deps.accounts.getAccount(input.accountId);
    const { country, postalCode } = account.address;
    const eu = country !== 'PT' && country in euStandardRates;
    const vies = eu && account.nif ? await deps.vies.check(account.nif) : null;
    const vat = vatFor({ country, postalCode, vies });
    const totals = totalsOf(input.lines, vat.rate);
    return deps.db.transaction().execute(async () => {
      const { seriesId, number, issuedAt, atcud } = await nextNumber('proforma', ctx.now);
      const named = account.nif !== null;
      const row: DocumentRow = {
        id: newId('doc'),
        kind: 'proforma',
        series_id: seriesId,
        number,
        atcud,
        status: 'open',
        account_id: account.id,
        issued_at: issuedAt,
        due_at: input.dueAt,
        proforma_id: null,
        credited_id: null,
        currency: 'EUR',
        customer_name: named ? account.company || `${account.firstName} ${account.lastName}` : null,
        customer_nif: named ? account.nif : null,
        customer_address: named ? [account.address.line1, account.address.line2].filter(Boolean).join(', ') : null,
        customer_postal_code: named ? postalCode : null,
        customer_city: named ? account.address.city : null,
        customer_country: country,
        vat_regime: vat.regime,
        vat_rate: vat.rate,
        vat_space: vat.space ?? null,
        vat_note: vat.note,
        vies_check: vies,
        net_cents: totals.net,
        vat_cents: totals.vat,
        total_cents: totals.total,
        paid_at: null,
        payment_method: null,
        payment_reference: null,
      };
      await insertDocument(
        row,
        input.lines.map((l, i) => ({
          description: l.description,
          quantity: l.quantity,
          unit_cents: l.unitCents,
          net_cents: totals.nets[i]!,
        })),
      );
      await deps.audit.record(ctx, {
        action: 'billing.proforma.issued',
        target: { kind: 'document', id: row.id },
        chain: `account:${account.id}`,
      });
      await deps.mailer.send({
        to: account.email,
        accountId: account.id,
        ...billingNotice('proforma-issued', account.language, {
          document: documentName(row),
          totalCents: totals.total,
          dueAt: input.dueAt,
          lines: input.lines.map((l, i) => `${l.description} × ${l.quantity}: ${euros(totals.nets[i]!)}`),
          vat: { rate: vat.rate, cents: totals.vat },
        }),
      });
      return view(row);
    });
  }

  /**
   * Records the payment of a proforma and issues its invoice, in one unit of work: the proforma is
   * locked first, so two payments of one proforma make one invoice (the second gets the same one).
   */
  async function payProforma(
    ctx: RequestContext,
    proformaId: string,
    payment: { method: NonNullable<DocumentRow['payment_method']>; reference: string | null },
  ) {
    return deps.db.transaction().execute(async () => {
      const proforma = await deps.db
        .selectFrom('billing_document')
        .selectAll()
        .where('id', '=', proformaId)
        .where('kind', '=', 'proforma')
        .forUpdate()
        .executeTakeFirst();
      if (!proforma) throw new AppError('not_found', 'No such proforma invoice.');
      if (proforma.status === 'paid') {
        const invoice = await deps.db
          .selectFrom('billing_document')
          .selectAll()
          .where('proforma_id', '=', proforma.id)
          .where('kind', '=', 'invoice')
          .executeTakeFirstOrThrow();
        return view(invoice);
      }
      if (proforma.status !== 'open') throw new AppError('conflict', 'This proforma invoice was cancelled.');
      await deps.db
        .updateTable('billing_document')
        .set({ status: 'paid', paid_at: ctx.now, payment_method: payment.method, payment_reference: payment.reference })
        .where('id', '=', proforma.id)
        .execute();
      // What follows the payment first, the invoice's number last: the series' row stays locked from
      // taking a number to the commit, and concurrent payments wait on it, so little comes after.
      const invoiceId = newId('doc');
      for (const listener of paidListeners) await listener(ctx, proforma.id);
      if (proforma.account_id)
        await deps.audit.record(ctx, {
          action: 'billing.invoice.issued',
          target: { kind: 'document', id: invoiceId },
          chain: `account:${proforma.account_id}`,
        });
      const contact = proforma.account_id ? await deps.accounts.contactOf(proforma.account_id) : null;
      const { seriesId, number, issuedAt, atcud } = await nextNumber('invoice', ctx.now);
      const invoice: DocumentRow = {
        ...proforma,
        id: invoiceId,
        kind: 'invoice',
        series_id: seriesId,
        number,
        atcud,
        status: 'issued',
        issued_at: issuedAt,
        due_at: null,
        proforma_id: proforma.id,
        paid_at: ctx.now,
        payment_method: payment.method,
        payment_reference: payment.reference,
      };
      await deps.db.insertInto('billing_document').values(invoice).execute();
      // The proforma's lines, copied in the database.
      await sql`insert into billing_document_line (document_id, position, description, quantity, unit_cents, net_cents)
        select ${invoice.id}, position, description, quantity, unit_cents, net_cents
        from billing_document_line where document_id = ${proforma.id}`.execute(deps.db);
      if (contact)
        await deps.mailer.send({
          to: contact.email,
          accountId: proforma.account_id!,
          ...billingNotice('payment-received', contact.language, {
            document: documentName(invoice),
            proforma: documentName(proforma),
            atcud: invoice.atcud,
            totalCents: invoice.total_cents,
          }),
        });
      return view(invoice);
    });
  }

  /**
   * A customer pays their open proforma by card: the gateway is called outside any unit of work (a
   * charge does not roll back), with an idempotency key per attempt, then the payment is recorded
   * and the invoice issued. Sending the same attempt again after a crash takes no second charge:
   * the gateway answers the first, and the invoice is issued once. A refused card is a 402 naming
   * the reason; nothing is recorded.
   */
  async function payProformaByCard(
    ctx: RequestContext,
    accountId: string,
    proformaId: string,
    payWith: { card: CardDetails } | { token: string },
    attempt: string,
  ) {
    const proforma = await deps.db
      .selectFrom('billing_document')
      .selectAll()
      .where('id', '=', proformaId)
      .where('kind', '=', 'proforma')
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    if (!proforma) throw new AppError('not_found', 'No such proforma invoice.');
    if (proforma.status === 'cancelled') throw new AppError('conflict', 'This proforma invoice was cancelled.');
    if (proforma.status === 'paid')
      return payProforma(ctx, proformaId, { method: 'card', reference: proforma.payment_reference });
    const charge = {
      amountCents: proforma.total_cents,
      currency: proforma.currency,
      reference: proforma.id,
      idempotencyKey: `proforma:${proforma.id}:${attempt}`,
    };
    const result =
      'card' in payWith
        ? await deps.payments.authorizeCard({ ...charge, card: payWith.card })
        : await deps.payments.chargeSavedCard({ ...charge, token: payWith.token });
    if (result.status === 'declined') {
      await deps.audit.record(ctx, {
        action: 'billing.card.declined',
        target: { kind: 'document', id: proforma.id },
        chain: `account:${accountId}`,
        data: { reason: result.reason, brand: result.brand },
      });
      throw new AppError('payment_declined', declineWords[result.reason], {
        errors: [{ field: 'card', message: declineWords[result.reason] }],
      });
    }
    return payProforma(ctx, proformaId, { method: 'card', reference: result.gatewayRef });
  }

  /** Cancels an open proforma (it keeps its number: numbers are never reused). */
  async function cancelProforma(ctx: RequestContext, proformaId: string) {
    return deps.db.transaction().execute(async () => {
      const done = await deps.db
        .updateTable('billing_document')
        .set({ status: 'cancelled' })
        .where('id', '=', proformaId)
        .where('kind', '=', 'proforma')
        .where('status', '=', 'open')
        .returningAll()
        .executeTakeFirst();
      if (!done) throw new AppError('conflict', 'Only an open proforma invoice can be cancelled.');
      await deps.audit.record(ctx, { action: 'billing.proforma.cancelled', target: { kind: 'document', id: done.id } });
      return view(done);
    });
  }

  async function linesOf(documentId: string) {
    return deps.db
      .selectFrom('billing_document_line')
      .select(['position', 'description', 'quantity', 'unit_cents', 'net_cents'])
      .where('document_id', '=', documentId)
      .orderBy('position')
      .execute();
  }

  /** An account's documents, newest first. */
  async function documentsOf(accountId: string) {
    const rows = await deps.db
      .selectFrom('billing_document')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('issued_at', 'desc')
      .orderBy('number', 'desc')
      .execute();
    return rows.map(view);
  }

  /** One document with its lines; `accountId` limits it to that account's. */
  async function documentOf(id: string, accountId?: string) {
    let q = deps.db.selectFrom('billing_document').selectAll().where('id', '=', id);
    if (accountId !== undefined) q = q.where('account_id', '=', accountId);
    const row = await q.executeTakeFirst();
    if (!row) throw new AppError('not_found', 'No such document.');
    const lines = await linesOf(id);
    return {
      ...view(row),
      lines: lines.map((l) => ({
        description: l.description,
        quantity: l.quantity,
        unitCents: l.unit_cents,
        netCents: l.net_cents,
      })),
    };
  }

  /**
   * A credit note for (part of) an invoice, in its own series (NC), for a refund or a correction: the
   * invoice's customer and VAT rule, one line naming the invoice and the reason, never more than is
   * left to credit. With `refund`, a card payment is refunded through the gateway first (outside
   * any unit of work) under a key made of the invoice and the number of its credit notes so far, so a
   * retry after a crash refunds once; a transfer or Multibanco payment is refunded by the operator's
   * bank, which the note records.
   */
  async function creditInvoice(
    ctx: RequestContext,
    invoiceId: string,
    input: { netCents?: number | undefined; reason: string; refund: boolean },
  ) {
    const invoice = await deps.db
      .selectFrom('billing_document')
      .selectAll()
      .where('id', '=', invoiceId)
      .where('kind', '=', 'invoice')
      .executeTakeFirst();
    if (!invoice) throw new AppError('not_found', 'No such invoice.');
    const credited = async () =>
      deps.db
        .selectFrom('billing_document')
        .select((eb) => [
          eb.fn.countAll<number>().as('n'),
          eb.fn.coalesce(eb.fn.sum<number>('net_cents'), eb.lit(0)).as('net'),
        ])
        .where('credited_id', '=', invoiceId)
        .where('kind', '=', 'credit_note')
        .executeTakeFirstOrThrow();
    const before = await credited();
    const left = invoice.net_cents - Number(before.net);
    const net = input.netCents ?? left;
    if (net < 1 || net > left)
      throw new AppError('conflict', `At most ${euros(left)} before VAT is left to credit on this invoice.`, {
        errors: [{ field: 'netCents', message: `At most ${left} cents is left to credit.` }],
      });
    const rate = Number(invoice.vat_rate);
    const vatCents =
      net === left ? invoice.vat_cents - Math.round((Number(before.net) * rate) / 100) : Math.round((net * rate) / 100);
    const total = net + vatCents;
    let refundRef: string | null = null;
    if (input.refund && invoice.payment_method === 'card' && invoice.payment_reference) {
      const refunded = await deps.payments.refund({
        gatewayRef: invoice.payment_reference,
        amountCents: total,
        idempotencyKey: `credit:${invoice.id}:${Number(before.n) + 1}`,
      });
      refundRef = refunded.refundRef;
    }
    return deps.db.transaction().execute(async () => {
      // Another credit note may have been issued meanwhile: the check holds under the invoice's lock.
      await deps.db.selectFrom('billing_document').select('id').where('id', '=', invoiceId).forUpdate().execute();
      const now = await credited();
      if (Number(now.n) !== Number(before.n))
        throw new AppError('conflict', 'Another credit note for this invoice was just issued: look again.');
      const { seriesId, number, issuedAt, atcud } = await nextNumber('credit_note', ctx.now);
      const note: DocumentRow = {
        ...invoice,
        id: newId('doc'),
        kind: 'credit_note',
        series_id: seriesId,
        number,
        atcud,
        status: 'issued',
        issued_at: issuedAt,
        due_at: null,
        proforma_id: null,
        credited_id: invoice.id,
        net_cents: net,
        vat_cents: vatCents,
        total_cents: total,
        paid_at: input.refund ? ctx.now : null,
        payment_method: input.refund ? invoice.payment_method : null,
        payment_reference: refundRef,
      };
      await insertDocument(note, [
        {
          description: `Crédito da fatura / Credit for invoice ${documentName(invoice)}: ${input.reason}`,
          quantity: 1,
          unit_cents: net,
          net_cents: net,
        },
      ]);
      if (invoice.account_id) {
        await deps.audit.record(ctx, {
          action: 'billing.credit_note.issued',
          target: { kind: 'document', id: note.id },
          chain: `account:${invoice.account_id}`,
        });
        await notify(invoice.account_id, 'credit-note', {
          document: documentName(note),
          proforma: documentName(invoice),
          totalCents: total,
          refunded: input.refund,
        });
      }
      return view(note);
    });
  }

  /**
   * A Multibanco reference for an open proforma, asked for by its customer: made once by the gateway
   * (outside any unit of work), payable until the proforma is 30 days overdue. Its payment, which the
   * gateway announces, pays the proforma (see `multibancoPaid`).
   */
  async function multibancoFor(ctx: RequestContext, accountId: string, proformaId: string) {
    const proforma = await deps.db
      .selectFrom('billing_document')
      .selectAll()
      .where('id', '=', proformaId)
      .where('kind', '=', 'proforma')
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    if (!proforma) throw new AppError('not_found', 'No such proforma invoice.');
    if (proforma.status !== 'open') throw new AppError('conflict', 'This proforma invoice is not open.');
    const known = await referenceOf(proformaId);
    if (known && new Date(known.expiresAt) > ctx.now) return known;
    const due = proforma.due_at ? new Date(proforma.due_at) : ctx.now;
    const made = await deps.payments.createMultibanco({
      amountCents: proforma.total_cents,
      reference: proforma.id,
      expiresAt: new Date(Math.max(due.getTime(), ctx.now.getTime()) + 30 * 86_400_000),
      idempotencyKey: `proforma-mb:${proforma.id}:${known ? known.expiresAt : 'first'}`,
    });
    await deps.db
      .insertInto('billing_payment_reference')
      .values({
        document_id: proforma.id,
        gateway_ref: made.gatewayRef,
        entity: made.entity,
        reference: made.reference,
        amount_cents: made.amountCents,
        expires_at: made.expiresAt,
        created_at: ctx.now,
      })
      .onConflict((oc) =>
        oc.column('document_id').doUpdateSet((eb) => ({
          gateway_ref: eb.ref('excluded.gateway_ref'),
          entity: eb.ref('excluded.entity'),
          reference: eb.ref('excluded.reference'),
          expires_at: eb.ref('excluded.expires_at'),
        })),
      )
      .execute();
    return (await referenceOf(proformaId))!;
  }

  async function referenceOf(proformaId: string) {
    const row = await deps.db
      .selectFrom('billing_payment_reference')
      .selectAll()
      .where('document_id', '=', proformaId)
      .executeTakeFirst();
    return row
      ? {
          gatewayRef: row.gateway_ref,
          entity: row.entity,
          reference: row.reference,
          amountCents: row.amount_cents,
          expiresAt: new Date(row.expires_at).toISOString(),
        }
      : null;
  }

  /** The gateway announced a Multibanco payment (in its unit of work): a proforma's pays it. */
  async function multibancoPaid(event: { gatewayRef: string; orderReference: string; paidAt: Date }) {
    const known = await deps.db
      .selectFrom('billing_payment_reference as r')
      .innerJoin('billing_document as d', 'd.id', 'r.document_id')
      .select(['d.id', 'd.status'])
      .where('r.gateway_ref', '=', event.gatewayRef)
      .executeTakeFirst();
    if (!known || known.status !== 'open') return;
    await payProforma(systemContext(event.paidAt), known.id, { method: 'multibanco', reference: event.gatewayRef });
  }

  /** Runs `listener` in the unit of work of every proforma's payment, after its invoice is issued. */
  const whenPaid = (listener: (ctx: RequestContext, proformaId: string) => Promise<void>) => {
    paidListeners.push(listener);
  };

  return {
    issueProforma,
    payProforma,
    payProformaByCard,
    multibancoFor,
    referenceOf,
    creditInvoice,
    multibancoPaid,
    cancelProforma,
    documentsOf,
    documentOf,
    whenPaid,
  };
}
export type BillingService = ReturnType<typeof createBillingService>;
export type DocumentWithLines = Awaited<ReturnType<BillingService['documentOf']>>;

function view(row: DocumentRow) {
  return {
    id: row.id,
    kind: row.kind,
    name: documentName(row),
    number: row.number,
    atcud: row.atcud,
    status: row.status,
    issuedAt: isoOrNull(row.issued_at)!,
    dueAt: isoOrNull(row.due_at),
    proformaId: row.proforma_id,
    customer: {
      name: row.customer_name,
      nif: row.customer_nif,
      address: row.customer_address,
      postalCode: row.customer_postal_code,
      city: row.customer_city,
      country: row.customer_country,
    },
    vat: {
      regime: row.vat_regime,
      rate: Number(row.vat_rate),
      space: row.vat_space,
      note: row.vat_note,
      viesCheck: row.vies_check,
    },
    currency: row.currency,
    netCents: row.net_cents,
    vatCents: row.vat_cents,
    totalCents: row.total_cents,
    paidAt: isoOrNull(row.paid_at),
    paymentMethod: row.payment_method,
  };
}
