import { sql, type Kysely } from 'kysely';
import { withShop } from '../../core/db/shop-isolation.js';
import type { ShopScope } from '../shops/index.js';
import type { OrdersTables } from './orders.tables.js';

/** Days and months as a Portuguese shop counts them (its orders' dates are instants). */
const shopTimeZone = 'Europe/Lisbon';

/**
 * The back office's home: today's and this month's orders and takings (paid ones, less refunds;
 * cancelled orders do not count), and the orders paid and waiting to be sent. One statement.
 */
export function createShopSummary(db: Kysely<OrdersTables>) {
  return async function summary(scope: ShopScope, now: Date) {
    return withShop(db, scope.shopId, async (tx) => {
      const day = sql`(date_trunc('day', ${now}::timestamptz at time zone ${shopTimeZone}) at time zone ${shopTimeZone})`;
      const month = sql`(date_trunc('month', ${now}::timestamptz at time zone ${shopTimeZone}) at time zone ${shopTimeZone})`;
      const takings = sql`total_cents - refunded_cents`;
      const counted = sql`status in ('paid', 'fulfilled', 'refunded')`;
      const row = await tx
        .selectFrom('shop_order')
        .select([
          sql<number>`count(*) filter (where created_at >= ${day} and status <> 'cancelled')`.as('today_orders'),
          sql<number>`coalesce(sum(${takings}) filter (where created_at >= ${day} and ${counted}), 0)`.as(
            'today_cents',
          ),
          sql<number>`count(*) filter (where created_at >= ${month} and status <> 'cancelled')`.as('month_orders'),
          sql<number>`coalesce(sum(${takings}) filter (where created_at >= ${month} and ${counted}), 0)`.as(
            'month_cents',
          ),
          sql<number>`count(*) filter (where status = 'paid')`.as('to_fulfil'),
          sql<number>`count(*) filter (where status = 'pending_payment')`.as('awaiting_payment'),
        ])
        .where('shop_id', '=', scope.shopId)
        .executeTakeFirstOrThrow();
      return {
        today: { orders: Number(row.today_orders), revenueCents: Number(row.today_cents) },
        month: { orders: Number(row.month_orders), revenueCents: Number(row.month_cents) },
        ordersToFulfil: Number(row.to_fulfil),
        ordersAwaitingPayment: Number(row.awaiting_payment),
      };
    });
  };
}
