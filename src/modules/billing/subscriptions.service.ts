import { isoOrNull } from '../../core/clock.js';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { RequestContext } from '../../core/context.js';
import { withShop } from '../../core/db/shop-isolation.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { ShopScope, ShopsService } from '../shops/index.js';
import type { BillingService } from './billing.service.js';
import type { Notify } from './billing-notices.js';
import type { Dunning } from './dunning.js';
import { subscriptionEvent } from './subscription-events.js';
import type { BillingTables, ShopSubscriptionTable, SubscriptionPeriod } from './billing.tables.js';

type SubscriptionRow = Selectable<ShopSubscriptionTable>;

/** The end of a period that starts at `start`: one calendar month or year later (31 Jan + 1 month = 28/29 Feb). */
export function periodEnd(start: Date, period: SubscriptionPeriod): Date {
  const end = new Date(start);
  const day = end.getUTCDate();
  if (period === 'yearly') end.setUTCFullYear(end.getUTCFullYear() + 1, end.getUTCMonth(), 1);
  else end.setUTCMonth(end.getUTCMonth() + 1, 1);
  const lastDay = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).getUTCDate();
  end.setUTCDate(Math.min(day, lastDay));
  return end;
}

const day = 86_400_000;
const date = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Shops' subscriptions to plans (issue #11 §2) and the billing run (§4): choosing a plan issues the
 * first period's proforma; the run issues each next period's proforma `daysBefore` days (default 14)
 * before it starts, due on its first day; paying a period's proforma renews the subscription into
 * it. A cancellation asked for by the customer takes effect at the end of the period paid. Every
 * change is an event with its time.
 */
export function createSubscriptions(deps: {
  db: Kysely<BillingTables>;
  billing: BillingService;
  shops: ShopsService;
  dunning: Dunning;
  notify: Notify;
  daysBefore?: number;
}) {
  const daysBefore = deps.daysBefore ?? 14;

  const event = subscriptionEvent;

  async function plans() {
    return deps.db.selectFrom('plan').selectAll().orderBy('position').execute();
  }

  /** The plans by id, and the names of these subscriptions' shops: read once for a whole run. */
  async function billingContext(subs: SubscriptionRow[]) {
    const plans = new Map((await deps.db.selectFrom('plan').selectAll().execute()).map((p) => [p.id, p]));
    const shopNames = await deps.shops.namesOf([...new Set(subs.map((s) => s.shop_id))]);
    return { plans, shopNames };
  }

  /** Issues the proforma of one period of a subscription, once: a second run finds it issued. */
  async function billPeriod(
    ctx: RequestContext,
    sub: SubscriptionRow,
    start: Date,
    dueAt: Date,
    known: Awaited<ReturnType<typeof billingContext>>,
  ) {
    const end = periodEnd(start, sub.period);
    // A downgrade asked for takes effect with the next period: it is billed at the new plan.
    const planId = sub.pending_plan_id ?? sub.plan_id;
    const claimed = await sql<{ n: number }>`insert into shop_subscription_proforma
        (shop_id, subscription_id, period_start, period_end, document_id, plan_id)
      values (${sub.shop_id}, ${sub.id}, ${start}, ${end}, null, ${planId}) on conflict do nothing returning 1 as n`.execute(
      deps.db,
    );
    if (claimed.rows.length === 0) return null;
    const plan = known.plans.get(planId)!;
    const shop = { name: known.shopNames.get(sub.shop_id) ?? sub.shop_id };
    const proforma = await deps.billing.issueProforma(ctx, {
      accountId: sub.account_id,
      dueAt,
      lines: [
        {
          description: `${plan.name} plan (${sub.period}) for ${shop.name}, ${date(start)} to ${date(new Date(end.getTime() - day))}`,
          quantity: 1,
          unitCents: sub.period === 'yearly' ? plan.yearly_cents : plan.monthly_cents,
        },
      ],
    });
    await deps.db
      .updateTable('shop_subscription_proforma')
      .set({ document_id: proforma.id })
      .where('shop_id', '=', sub.shop_id)
      .where('subscription_id', '=', sub.id)
      .where('period_start', '=', start)
      .execute();
    await event(deps.db, sub, 'proforma_issued', ctx.now, { document: proforma.id, periodStart: start.toISOString() });
    return proforma;
  }

  /** A shop starts on a plan: the first period begins now and its proforma is due in `daysBefore` days. */
  async function subscribe(
    ctx: RequestContext,
    scope: ShopScope & { accountId: string },
    input: { planId: string; period: SubscriptionPeriod },
  ) {
    return deps.db.transaction().execute(async () => {
      const plan = await deps.db.selectFrom('plan').select('id').where('id', '=', input.planId).executeTakeFirst();
      if (!plan)
        throw new AppError('validation', 'No such plan.', { errors: [{ field: 'planId', message: 'No such plan.' }] });
      const live = await deps.db
        .selectFrom('shop_subscription')
        .select('id')
        .where('shop_id', '=', scope.shopId)
        .where('status', '<>', 'cancelled')
        .executeTakeFirst();
      if (live) throw new AppError('conflict', 'This shop already runs under a plan.');
      const sub: SubscriptionRow = {
        shop_id: scope.shopId,
        id: newId('sub'),
        account_id: scope.accountId,
        plan_id: input.planId,
        period: input.period,
        status: 'active',
        current_period_start: ctx.now,
        current_period_end: periodEnd(ctx.now, input.period),
        cancel_requested_at: null,
        cancelled_at: null,
        created_at: ctx.now,
        // A shop whose plan had ended is off the web until this plan's first proforma is paid.
        suspended_at: (await deps.shops.billingHoldOf(scope.shopId)) === 'no-plan' ? ctx.now : null,
        cancel_notice_at: null,
        cancel_effective_at: null,
        cancelled_by: null,
        pending_plan_id: null,
      };
      await deps.db.insertInto('shop_subscription').values(sub).execute();
      await event(deps.db, sub, 'created', ctx.now, { plan: sub.plan_id, period: sub.period });
      const start = sub.current_period_start;
      await billPeriod(ctx, sub, start, new Date(ctx.now.getTime() + daysBefore * day), await billingContext([sub]));
      return view(sub);
    });
  }

  /** The customer asks to cancel: the shop keeps its plan to the end of the period, and no next proforma is issued. */
  async function requestCancellation(ctx: RequestContext, scope: ShopScope) {
    return withShop(deps.db, scope.shopId, async (tx) => {
      const sub = await tx
        .updateTable('shop_subscription')
        .set({ status: 'cancel_requested', cancel_requested_at: ctx.now })
        .where('shop_id', '=', scope.shopId)
        .where('status', '=', 'active')
        .returningAll()
        .executeTakeFirst();
      if (!sub) throw new AppError('conflict', 'This shop has no active plan to cancel.');
      await event(tx, sub, 'cancel_requested', ctx.now, { effectiveAt: sub.current_period_end.toISOString() });
      await deps.notify(sub.account_id, 'cancelled-at-request', {
        shop: await deps.shops.nameOf(sub.shop_id),
        effectiveAt: new Date(sub.current_period_end),
      });
      return view(sub);
    });
  }

  /**
   * Moves the shop to another plan of the same period. A dearer plan applies at once, and the rest
   * of the period is billed at the difference, prorated by the time left (its own proforma, due in
   * 7 days); a cheaper one takes effect with the next period, which is billed at it. Each is an event.
   */
  async function changePlan(ctx: RequestContext, scope: ShopScope, input: { planId: string }) {
    return deps.db.transaction().execute(async () => {
      const sub = await deps.db
        .selectFrom('shop_subscription')
        .selectAll()
        .where('shop_id', '=', scope.shopId)
        .where('status', '=', 'active')
        .forUpdate()
        .executeTakeFirst();
      if (!sub) throw new AppError('conflict', 'This shop has no active plan to change.');
      const plans = new Map((await deps.db.selectFrom('plan').selectAll().execute()).map((p) => [p.id, p]));
      const next = plans.get(input.planId);
      if (!next)
        throw new AppError('validation', 'No such plan.', { errors: [{ field: 'planId', message: 'No such plan.' }] });
      const current = plans.get(sub.plan_id)!;
      if (next.id === current.id && !sub.pending_plan_id)
        throw new AppError('conflict', 'The shop already runs under this plan.');
      const price = (p: typeof current) => (sub.period === 'yearly' ? p.yearly_cents : p.monthly_cents);
      if (price(next) <= price(current)) {
        const updated = await deps.db
          .updateTable('shop_subscription')
          .set({ pending_plan_id: next.id === current.id ? null : next.id })
          .where('shop_id', '=', sub.shop_id)
          .where('id', '=', sub.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await event(deps.db, sub, 'plan_change_scheduled', ctx.now, {
          from: current.id,
          to: next.id,
          effectiveAt: new Date(sub.current_period_end).toISOString(),
        });
        return view(updated);
      }
      const start = new Date(sub.current_period_start).getTime();
      const end = new Date(sub.current_period_end).getTime();
      const left = Math.max(0, end - Math.max(ctx.now.getTime(), start));
      const prorated = Math.round(((price(next) - price(current)) * left) / (end - start));
      const updated = await deps.db
        .updateTable('shop_subscription')
        .set({ plan_id: next.id, pending_plan_id: null })
        .where('shop_id', '=', sub.shop_id)
        .where('id', '=', sub.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      let document: string | null = null;
      if (prorated > 0) {
        const shop = await deps.shops.nameOf(sub.shop_id);
        const days = (ms: number) => Math.round(ms / day);
        const proforma = await deps.billing.issueProforma(ctx, {
          accountId: sub.account_id,
          dueAt: new Date(ctx.now.getTime() + 7 * day),
          lines: [
            {
              description: `Upgrade from ${current.name} to ${next.name} for ${shop}, ${date(ctx.now)} to ${date(new Date(end - day))} (${days(left)} of ${days(end - start)} days)`,
              quantity: 1,
              unitCents: prorated,
            },
          ],
        });
        document = proforma.id;
      }
      await event(deps.db, sub, 'plan_changed', ctx.now, { from: current.id, to: next.id, prorated, document });
      return view(updated);
    });
  }

  async function current(scope: ShopScope) {
    const sub = await withShop(deps.db, scope.shopId, (tx) =>
      tx
        .selectFrom('shop_subscription')
        .selectAll()
        .where('shop_id', '=', scope.shopId)
        .where('status', '<>', 'cancelled')
        .executeTakeFirst(),
    );
    return sub ? view(sub) : null;
  }

  /**
   * The billing run: for every live subscription whose next period starts within `daysBefore`
   * days, that period's proforma (once); and every cancellation asked for whose period has ended
   * takes effect. Safe to run on several servers at once: a period is claimed by its row.
   */
  async function runBilling(ctx: RequestContext) {
    const horizon = new Date(ctx.now.getTime() + daysBefore * day);
    const due = await deps.db
      .selectFrom('shop_subscription as s')
      .selectAll('s')
      .where('s.status', '=', 'active')
      .where('s.current_period_end', '<=', horizon)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('shop_subscription_proforma as p')
              .select('p.period_start')
              .whereRef('p.shop_id', '=', 's.shop_id')
              .whereRef('p.subscription_id', '=', 's.id')
              .whereRef('p.period_start', '=', 's.current_period_end'),
          ),
        ),
      )
      .execute();
    let issued = 0;
    const known = await billingContext(due);
    for (const sub of due) {
      const proforma = await deps.db
        .transaction()
        .execute(() => billPeriod(ctx, sub, sub.current_period_end, sub.current_period_end, known));
      if (proforma) issued++;
    }
    const ended = await deps.db.transaction().execute(async () => {
      const rows = await deps.db
        .updateTable('shop_subscription')
        .set({ status: 'cancelled', cancelled_at: ctx.now, cancelled_by: 'customer' })
        .where('status', '=', 'cancel_requested')
        .where('current_period_end', '<=', ctx.now)
        .returningAll()
        .execute();
      for (const sub of rows) {
        // Its plan has ended: the shop goes off the web until a plan is chosen and paid again.
        await deps.shops.setBillingHold(ctx, sub.shop_id, 'no-plan');
        await event(deps.db, sub, 'cancelled', ctx.now, { by: 'customer' });
      }
      return rows;
    });
    const dunning = await deps.dunning.run(ctx);
    return { proformasIssued: issued, ...dunning, cancelled: ended.length + dunning.cancelled };
  }

  /** A period's proforma was paid: the subscription renews into that period (the first one is already current). */
  async function periodPaid(ctx: RequestContext, proformaId: string): Promise<SubscriptionRow | null> {
    // The period and its subscription in one statement: the payment's next steps read both.
    const billed = await deps.db
      .selectFrom('shop_subscription_proforma as p')
      .innerJoin('shop_subscription as s', (j) =>
        j.onRef('s.shop_id', '=', 'p.shop_id').onRef('s.id', '=', 'p.subscription_id'),
      )
      .selectAll('s')
      .select(['p.period_start', 'p.period_end', 'p.plan_id as billed_plan_id'])
      .where('p.document_id', '=', proformaId)
      .executeTakeFirst();
    if (!billed) return null;
    const { period_start: start, period_end: end, billed_plan_id: billedPlan, ...sub } = billed;
    if (new Date(sub.current_period_start) >= new Date(start)) return sub;
    const renewed = await deps.db
      .updateTable('shop_subscription')
      .set((eb) => ({
        current_period_start: start,
        current_period_end: end,
        // The period was billed at this plan: a downgrade asked for takes effect with it.
        plan_id: billedPlan ?? eb.ref('plan_id'),
        pending_plan_id: billedPlan ? null : eb.ref('pending_plan_id'),
      }))
      .where('shop_id', '=', sub.shop_id)
      .where('id', '=', sub.id)
      .where('current_period_start', '<', start)
      .returningAll()
      .executeTakeFirst();
    if (!renewed) return sub;
    await event(deps.db, renewed, 'renewed', ctx.now, { document: proformaId, until: new Date(end).toISOString() });
    return renewed;
  }

  return { plans, subscribe, changePlan, requestCancellation, current, runBilling, periodPaid };
}
export type Subscriptions = ReturnType<typeof createSubscriptions>;

function view(sub: SubscriptionRow) {
  return {
    id: sub.id,
    shopId: sub.shop_id,
    planId: sub.plan_id,
    period: sub.period,
    status: sub.status,
    currentPeriodStart: new Date(sub.current_period_start).toISOString(),
    currentPeriodEnd: new Date(sub.current_period_end).toISOString(),
    cancelRequestedAt: isoOrNull(sub.cancel_requested_at),
    suspendedAt: isoOrNull(sub.suspended_at),
    cancelNoticeAt: isoOrNull(sub.cancel_notice_at),
    cancelEffectiveAt: isoOrNull(sub.cancel_effective_at),
    /** A cheaper plan asked for, taking effect with the next period. */
    pendingPlanId: sub.pending_plan_id,
  };
}
