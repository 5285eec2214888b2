import { sql, type Kysely } from 'kysely';
import type { BillingTables, ShopSubscriptionEventTable } from './billing.tables.js';

/**
 * Records a change of a subscription with its time, next in the subscription's sequence: the
 * retention rules and the dunning schedule read these (created, cancellation requested at,
 * suspended, cancelled by the operator at …).
 */
export async function subscriptionEvent(
  db: Kysely<BillingTables>,
  sub: { shop_id: string; id: string },
  kind: ShopSubscriptionEventTable['kind'],
  at: Date,
  data: Record<string, unknown> = {},
) {
  await sql`insert into shop_subscription_event (shop_id, subscription_id, seq, kind, at, data)
    select ${sub.shop_id}, ${sub.id}, coalesce(max(seq), 0) + 1, ${kind}, ${at}, ${JSON.stringify(data)}::jsonb
    from shop_subscription_event where shop_id = ${sub.shop_id} and subscription_id = ${sub.id}`.execute(db);
}
