import { sql, type Kysely, type Selectable } from 'kysely';
import type { AuditLog } from '../../core/audit/audit-log.js';
import { isoOrNull } from '../../core/clock.js';
import { actorRef, type RequestContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import type { ShopsService } from '../shops/index.js';
import type { NoticeFacts, Notify } from './billing-notices.js';
import type { PaymentMethods } from './payment-methods.js';
import { documentName, type BillingService } from './billing.service.js';
import type { BillingTables, DunningStage, ShopSubscriptionTable } from './billing.tables.js';
import { subscriptionEvent } from './subscription-events.js';

/** When each step of the dunning schedule comes, in days from a proforma's due date. */
export interface DunningSchedule {
  reminderDaysBefore: number;
  /** Up to three overdue notices, in days after the due date, ascending. */
  overdueDaysAfter: readonly number[];
  suspendDaysAfter: number;
  /** How long the operator's notice of cancellation runs before it takes effect. */
  cancelNoticeDays: number;
}

export const defaultDunningSchedule: DunningSchedule = {
  reminderDaysBefore: 3,
  overdueDaysAfter: [1, 7, 14],
  suspendDaysAfter: 15,
  cancelNoticeDays: 30,
};

const day = 86_400_000;
const after = (d: Date, days: number) => new Date(d.getTime() + days * day);

/**
 * The furthest step of the schedule a proforma due at `dueAt` has reached at `now`, or null before
 * the reminder. Only the furthest is ever sent: a run that comes late (the servers were down for a
 * week) sends the one notice that is true now, not every one it missed.
 */
export function stageAt(schedule: DunningSchedule, dueAt: Date, now: Date): DunningStage | null {
  if (now >= after(dueAt, schedule.suspendDaysAfter)) return 'suspension';
  for (let n = schedule.overdueDaysAfter.length; n >= 1; n--)
    if (now >= after(dueAt, schedule.overdueDaysAfter[n - 1]!)) return `overdue-${n}` as DunningStage;
  if (now < dueAt && now >= after(dueAt, -schedule.reminderDaysBefore)) return 'reminder';
  return null;
}

type SubscriptionRow = Selectable<ShopSubscriptionTable>;

/**
 * Dunning and the account lifecycle (issue #11 §5): reminders before a proforma's due date, up to
 * three overdue notices, the shop's suspension some days after it, reactivation by the payment, and
 * the operator's cancellation after notice. Each notice is claimed by a row before it is sent, so
 * several servers running the schedule send it once; each step is a subscription event.
 */
export function createDunning(deps: {
  db: Kysely<BillingTables>;
  audit: AuditLog;
  billing: BillingService;
  shops: ShopsService;
  notify: Notify;
  paymentMethods: Pick<PaymentMethods, 'expiryNotices'>;
  schedule: DunningSchedule;
}) {
  const { schedule } = deps;
  const event = subscriptionEvent;

  /** The live subscription of a shop, locked for the change the caller makes. */
  async function liveSubscription(shopId: string) {
    const sub = await deps.db
      .selectFrom('shop_subscription')
      .selectAll()
      .where('shop_id', '=', shopId)
      .where('status', '<>', 'cancelled')
      .forUpdate()
      .executeTakeFirst();
    if (!sub) throw new AppError('not_found', 'This shop runs under no plan.');
    return sub;
  }

  /** The subscription's open proformas, or only those due by `dueBy`. */
  async function openProformasOf(sub: Pick<SubscriptionRow, 'shop_id' | 'id'>, dueBy?: Date) {
    let query = deps.db
      .selectFrom('shop_subscription_proforma as p')
      .innerJoin('billing_document as d', 'd.id', 'p.document_id')
      .select('d.id')
      .where('p.shop_id', '=', sub.shop_id)
      .where('p.subscription_id', '=', sub.id)
      .where('d.status', '=', 'open');
    if (dueBy) query = query.where('d.due_at', '<=', dueBy);
    return (await query.execute()).map((d) => d.id);
  }

  async function suspend(ctx: RequestContext, sub: SubscriptionRow, facts: NoticeFacts, data: Record<string, string>) {
    await deps.db
      .updateTable('shop_subscription')
      .set({ suspended_at: ctx.now })
      .where('shop_id', '=', sub.shop_id)
      .where('id', '=', sub.id)
      .execute();
    await deps.shops.setBillingHold(ctx, sub.shop_id, 'non-payment');
    await event(deps.db, sub, 'suspended', ctx.now, data);
    await deps.notify(sub.account_id, 'suspended', facts);
  }

  async function reactivate(ctx: RequestContext, sub: SubscriptionRow, data: Record<string, string>) {
    await deps.db
      .updateTable('shop_subscription')
      .set({ suspended_at: null })
      .where('shop_id', '=', sub.shop_id)
      .where('id', '=', sub.id)
      .execute();
    if (await deps.shops.setBillingHold(ctx, sub.shop_id, null)) {
      await event(deps.db, sub, 'reactivated', ctx.now, data);
      await deps.notify(sub.account_id, 'reactivated', { shop: await deps.shops.nameOf(sub.shop_id) });
    }
  }

  /** One step of the schedule for one proforma, once: the notice's row is the claim. */
  async function step(
    ctx: RequestContext,
    p: {
      id: string;
      account_id: string;
      due_at: Date;
      total_cents: number;
      number: number;
      issued_at: Date;
      shop_id: string | null;
      subscription_id: string | null;
    },
    stage: DunningStage,
  ) {
    return deps.db.transaction().execute(async () => {
      const claimed = await sql`insert into billing_dunning_notice (document_id, stage, sent_at)
        values (${p.id}, ${stage}, ${ctx.now}) on conflict do nothing returning 1`.execute(deps.db);
      if (claimed.rows.length === 0) return null;
      const sub = p.shop_id
        ? await deps.db
            .selectFrom('shop_subscription')
            .selectAll()
            .where('shop_id', '=', p.shop_id)
            .where('id', '=', p.subscription_id!)
            .executeTakeFirst()
        : undefined;
      const dueAt = new Date(p.due_at);
      const facts: NoticeFacts = {
        document: documentName({ kind: 'proforma', number: p.number, issued_at: p.issued_at }),
        totalCents: p.total_cents,
        dueAt,
        shop: p.shop_id ? await deps.shops.nameOf(p.shop_id) : 'your account',
        effectiveAt: after(dueAt, schedule.suspendDaysAfter),
      };
      if (stage === 'suspension') {
        if (!sub || sub.status === 'cancelled') return null; // nothing left to take off the web
        await suspend(ctx, sub, facts, { document: p.id, by: 'schedule' });
        return stage;
      }
      const nth = stage === 'reminder' ? 0 : Number(stage.slice(-1));
      await deps.notify(p.account_id, stage === 'reminder' ? 'reminder' : 'overdue', { ...facts, nth });
      if (sub)
        await event(deps.db, sub, stage === 'reminder' ? 'reminder_sent' : 'overdue_notice_sent', ctx.now, {
          document: p.id,
          stage,
        });
      return stage;
    });
  }

  /**
   * The schedule's walk over every open proforma, and the operator's cancellations whose notice
   * has run out. Safe on several servers at once.
   */
  async function run(ctx: RequestContext) {
    const open = await deps.db
      .selectFrom('billing_document as d')
      .leftJoin('shop_subscription_proforma as p', 'p.document_id', 'd.id')
      .select([
        'd.id',
        'd.account_id',
        'd.due_at',
        'd.total_cents',
        'd.number',
        'd.issued_at',
        'p.shop_id',
        'p.subscription_id',
      ])
      .where('d.kind', '=', 'proforma')
      .where('d.status', '=', 'open')
      .where('d.account_id', 'is not', null)
      .where('d.due_at', '<=', after(ctx.now, schedule.reminderDaysBefore))
      .where(({ not, exists, selectFrom }) =>
        // A proforma suspended already has nothing further to be told.
        not(
          exists(
            selectFrom('billing_dunning_notice as n')
              .select('n.stage')
              .whereRef('n.document_id', '=', 'd.id')
              .where('n.stage', '=', 'suspension'),
          ),
        ),
      )
      .orderBy('d.due_at')
      .execute();
    const sent = { reminders: 0, overdueNotices: 0, suspended: 0, cancelled: 0 };
    for (const p of open) {
      const reached = stageAt(schedule, new Date(p.due_at!), ctx.now);
      // A proforma of no shop (one staff issued) has nothing to suspend: its notices stop at the last overdue one.
      const stage =
        reached === 'suspension' && !p.shop_id
          ? (`overdue-${schedule.overdueDaysAfter.length}` as DunningStage)
          : reached;
      if (!stage) continue;
      const done = await step(ctx, { ...p, account_id: p.account_id!, due_at: p.due_at! }, stage);
      if (done === 'reminder') sent.reminders++;
      else if (done === 'suspension') sent.suspended++;
      else if (done) sent.overdueNotices++;
    }
    sent.cancelled = await cancelAfterNotice(ctx);
    return { ...sent, cardExpiryNotices: await deps.paymentMethods.expiryNotices(ctx) };
  }

  /** The operator's cancellations whose notice has run out take effect; each shop goes off the web. */
  async function cancelAfterNotice(ctx: RequestContext) {
    const ending = await deps.db
      .selectFrom('shop_subscription')
      .select(['shop_id', 'id'])
      .where('status', '<>', 'cancelled')
      .where('cancel_effective_at', '<=', ctx.now)
      .execute();
    let cancelled = 0;
    for (const { shop_id, id } of ending) {
      const done = await deps.db.transaction().execute(async () => {
        const sub = await deps.db
          .updateTable('shop_subscription')
          .set({ status: 'cancelled', cancelled_at: ctx.now, cancelled_by: 'operator' })
          .where('shop_id', '=', shop_id)
          .where('id', '=', id)
          .where('status', '<>', 'cancelled')
          .returningAll()
          .executeTakeFirst();
        if (!sub) return false; // another server took it
        for (const unpaid of await openProformasOf(sub)) await deps.billing.cancelProforma(ctx, unpaid);
        await deps.shops.setBillingHold(ctx, shop_id, 'no-plan');
        await event(deps.db, sub, 'cancelled', ctx.now, { by: 'operator' });
        await deps.notify(sub.account_id, 'cancelled-by-operator', { shop: await deps.shops.nameOf(shop_id) });
        return true;
      });
      if (done) cancelled++;
    }
    return cancelled;
  }

  /**
   * A proforma was paid (in the payment's unit of work): a shop suspended for non-payment comes
   * back once nothing it owes is past the suspension point, and a shop whose plan had ended and
   * was chosen again (its subscription starts suspended) comes back with its first payment. An operator's notice given while the
   * shop owed money is withdrawn when nothing is overdue any more.
   */
  async function paid(ctx: RequestContext, proformaId: string, sub: SubscriptionRow | null) {
    if (!sub || sub.status === 'cancelled') return;
    // Only a shop billing took off the web has anything to come back from (most payments: nothing).
    // It comes back once nothing it owes is past the suspension point.
    if (sub.suspended_at && (await openProformasOf(sub, after(ctx.now, -schedule.suspendDaysAfter))).length === 0)
      await reactivate(ctx, sub, { document: proformaId, by: 'payment' });
    if (sub.cancel_notice_at && sub.cancel_effective_at) {
      if ((await openProformasOf(sub, ctx.now)).length === 0) await withdraw(ctx, sub, 'payment');
    }
  }

  async function withdraw(ctx: RequestContext, sub: SubscriptionRow, by: string) {
    await deps.db
      .updateTable('shop_subscription')
      .set({ cancel_notice_at: null, cancel_effective_at: null })
      .where('shop_id', '=', sub.shop_id)
      .where('id', '=', sub.id)
      .execute();
    await event(deps.db, sub, 'cancel_notice_withdrawn', ctx.now, { by });
  }

  async function audited(ctx: RequestContext, action: string, sub: SubscriptionRow) {
    await deps.audit.record(ctx, {
      action,
      target: { kind: 'shop', id: sub.shop_id },
      chain: `account:${sub.account_id}`,
    });
  }

  /** Staff take a shop off the web for non-payment now, whatever the schedule says. */
  async function suspendNow(ctx: RequestContext, shopId: string) {
    return deps.db.transaction().execute(async () => {
      const sub = await liveSubscription(shopId);
      if (sub.suspended_at) throw new AppError('conflict', 'This shop is suspended already.');
      await suspend(ctx, sub, { shop: await deps.shops.nameOf(shopId) }, { by: actorRef(ctx.actor).kind });
      await audited(ctx, 'billing.suspend', sub);
      return status(shopId);
    });
  }

  /** Staff bring a shop suspended for non-payment back, paid or not (an arrangement with the customer). */
  async function reactivateNow(ctx: RequestContext, shopId: string) {
    return deps.db.transaction().execute(async () => {
      const sub = await liveSubscription(shopId);
      if (!sub.suspended_at) throw new AppError('conflict', 'This shop is not suspended for non-payment.');
      await reactivate(ctx, sub, { by: actorRef(ctx.actor).kind });
      await audited(ctx, 'billing.reactivate', sub);
      return status(shopId);
    });
  }

  /** The operator gives notice of cancellation: it takes effect after `days` (the schedule's by default). */
  async function giveCancelNotice(ctx: RequestContext, shopId: string, days?: number) {
    return deps.db.transaction().execute(async () => {
      const sub = await liveSubscription(shopId);
      if (sub.cancel_notice_at) throw new AppError('conflict', 'Notice of cancellation was given already.');
      const effectiveAt = after(ctx.now, days ?? schedule.cancelNoticeDays);
      await deps.db
        .updateTable('shop_subscription')
        .set({ cancel_notice_at: ctx.now, cancel_effective_at: effectiveAt })
        .where('shop_id', '=', sub.shop_id)
        .where('id', '=', sub.id)
        .execute();
      await event(deps.db, sub, 'cancel_notice_given', ctx.now, { effectiveAt: effectiveAt.toISOString() });
      await deps.notify(sub.account_id, 'cancel-notice', { shop: await deps.shops.nameOf(shopId), effectiveAt });
      await audited(ctx, 'billing.cancel_notice', sub);
      return status(shopId);
    });
  }

  async function withdrawCancelNotice(ctx: RequestContext, shopId: string) {
    return deps.db.transaction().execute(async () => {
      const sub = await liveSubscription(shopId);
      if (!sub.cancel_notice_at) throw new AppError('conflict', 'No notice of cancellation was given.');
      await withdraw(ctx, sub, actorRef(ctx.actor).kind);
      await audited(ctx, 'billing.cancel_notice_withdrawn', sub);
      return status(shopId);
    });
  }

  /** Where a shop's subscription stands in the lifecycle. */
  async function status(shopId: string) {
    const sub = await deps.db
      .selectFrom('shop_subscription')
      .selectAll()
      .where('shop_id', '=', shopId)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    if (!sub) throw new AppError('not_found', 'This shop runs under no plan.');
    return lifecycleView(sub);
  }

  /**
   * The staff console's overview: open proformas not yet due and overdue (with the last notice
   * sent), shops suspended for non-payment and cancellations under notice. It names customers, so
   * the read is audited.
   */
  async function overview(ctx: RequestContext) {
    const open = await deps.db
      .selectFrom('billing_document as d')
      .leftJoin('shop_subscription_proforma as p', 'p.document_id', 'd.id')
      .select((eb) => [
        'd.id',
        'd.number',
        'd.issued_at',
        'd.account_id',
        'd.customer_name',
        'd.total_cents',
        'd.due_at',
        'p.shop_id',
        eb
          .selectFrom('billing_dunning_notice as n')
          .select('n.stage')
          .whereRef('n.document_id', '=', 'd.id')
          .orderBy('n.sent_at', 'desc')
          .limit(1)
          .as('last_notice'),
      ])
      .where('d.kind', '=', 'proforma')
      .where('d.status', '=', 'open')
      .orderBy('d.due_at')
      .limit(500)
      .execute();
    const subs = await deps.db
      .selectFrom('shop_subscription')
      .selectAll()
      .where('status', '<>', 'cancelled')
      .where((eb) => eb.or([eb('suspended_at', 'is not', null), eb('cancel_notice_at', 'is not', null)]))
      .orderBy('created_at')
      .limit(500)
      .execute();
    const names = await deps.shops.namesOf([
      ...new Set([...open.flatMap((d) => (d.shop_id ? [d.shop_id] : [])), ...subs.map((s) => s.shop_id)]),
    ]);
    await deps.audit.record(ctx, { action: 'billing.overview.read', target: { kind: 'billing', id: 'overview' } });
    const proforma = (d: (typeof open)[number]) => ({
      id: d.id,
      name: documentName({ kind: 'proforma', number: d.number, issued_at: d.issued_at }),
      accountId: d.account_id,
      customerName: d.customer_name,
      shopId: d.shop_id,
      shopName: d.shop_id ? (names.get(d.shop_id) ?? null) : null,
      totalCents: d.total_cents,
      dueAt: new Date(d.due_at!).toISOString(),
      daysOverdue: Math.max(0, Math.floor((ctx.now.getTime() - new Date(d.due_at!).getTime()) / day)),
      lastNotice: (d.last_notice ?? null) as DunningStage | null,
    });
    const withShop = (s: SubscriptionRow) => ({ ...lifecycleView(s), shopName: names.get(s.shop_id) ?? null });
    return {
      due: open.filter((d) => new Date(d.due_at!) > ctx.now).map(proforma),
      overdue: open.filter((d) => new Date(d.due_at!) <= ctx.now).map(proforma),
      suspended: subs.filter((s) => s.suspended_at).map(withShop),
      underNotice: subs.filter((s) => s.cancel_notice_at).map(withShop),
    };
  }

  return { run, paid, suspendNow, reactivateNow, giveCancelNotice, withdrawCancelNotice, status, overview };
}
export type Dunning = ReturnType<typeof createDunning>;

function lifecycleView(sub: SubscriptionRow) {
  return {
    shopId: sub.shop_id,
    subscriptionId: sub.id,
    accountId: sub.account_id,
    status: sub.status,
    suspendedAt: isoOrNull(sub.suspended_at),
    cancelNoticeAt: isoOrNull(sub.cancel_notice_at),
    cancelEffectiveAt: isoOrNull(sub.cancel_effective_at),
    cancelledAt: isoOrNull(sub.cancelled_at),
    cancelledBy: sub.cancelled_by,
  };
}
