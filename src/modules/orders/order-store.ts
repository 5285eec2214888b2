import { sql, type Kysely, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { RequestContext } from '../../core/context.js';
import { actorRef } from '../../core/context.js';
import { withShop } from '../../core/db/shop-isolation.js';
import type { JobQueue } from '../../core/jobs/job-queue.js';
import type { OrderStatus, OrdersTables, ShopOrderTable } from './orders.tables.js';

export type OrderRow = Selectable<ShopOrderTable>;
export type OrderTx = Transaction<OrdersTables>;
export const ORDER_MAIL_JOB = 'orders.mail';
export type OrderMailKind = 'confirmation' | 'awaiting-payment' | 'merchant-notice' | 'fulfilment';

/** Who an event was done by: a reference only (acc_…, stf_…), or the shopper or the platform. */
export function actorOf(ctx: RequestContext): string {
  const ref = actorRef(ctx.actor);
  if (ref.id) return `${ref.kind}:${ref.id}`;
  return ref.kind === 'anonymous' ? 'shopper' : ref.kind;
}

/**
 * The order tables' writes, each inside the caller's unit of work, entered for the order's shop. State
 * changes are guarded updates (`where status in …`): two app servers acting on one order at once change
 * it once, and the loser learns it from the row count.
 */
export function createOrderStore(deps: { db: Kysely<OrdersTables>; jobs: JobQueue }) {
  const inShop = <T>(shopId: string, fn: (tx: OrderTx) => Promise<T>) => withShop(deps.db, shopId, fn);

  async function event(
    tx: OrderTx,
    order: { shop_id: string; id: string },
    ctx: RequestContext,
    kind: string,
    data: Record<string, string | number | null> = {},
  ) {
    await tx
      .insertInto('order_event')
      .values({
        shop_id: order.shop_id,
        order_id: order.id,
        seq: sql<number>`(select coalesce(max(seq), 0) + 1 from order_event where shop_id = ${order.shop_id} and order_id = ${order.id})`,
        kind,
        data: JSON.stringify(data),
        actor: actorOf(ctx),
        created_at: ctx.now,
      })
      .execute();
  }

  /** Moves an order from one of `from` to `to` with `set`; undefined when it was in none of them. */
  async function transition(
    tx: OrderTx,
    order: { shop_id: string; id: string },
    from: OrderStatus[],
    set: Omit<Updateable<ShopOrderTable>, 'shop_id' | 'id'> & { updated_at: Date },
  ): Promise<OrderRow | undefined> {
    return tx
      .updateTable('shop_order')
      .set(set)
      .where('shop_id', '=', order.shop_id)
      .where('id', '=', order.id)
      .where('status', 'in', from)
      .returningAll()
      .executeTakeFirst();
  }

  async function byId(tx: Kysely<OrdersTables>, shopId: string, orderId: string) {
    return tx
      .selectFrom('shop_order')
      .selectAll()
      .where('shop_id', '=', shopId)
      .where('id', '=', orderId)
      .executeTakeFirst();
  }

  async function linesOf(tx: Kysely<OrdersTables>, shopId: string, orderId: string) {
    return tx
      .selectFrom('order_line')
      .selectAll()
      .where('shop_id', '=', shopId)
      .where('order_id', '=', orderId)
      .orderBy('position')
      .execute();
  }

  /** Queues an order mail in the unit of work: it is sent only if the change that causes it commits. */
  function mail(order: { shop_id: string; id: string; account_id: string }, kind: OrderMailKind) {
    return deps.jobs.enqueue(ORDER_MAIL_JOB, {
      shopId: order.shop_id,
      accountId: order.account_id,
      orderId: order.id,
      kind,
    });
  }

  return { inShop, event, transition, byId, linesOf, mail };
}
export type OrderStore = ReturnType<typeof createOrderStore>;
