import { sql, type Kysely } from 'kysely';
import { containsPattern } from '../../core/db/like.js';
import { withShop } from '../../core/db/shop-isolation.js';
import { newId } from '../../core/ids.js';
import type { ShopScope } from '../shops/index.js';
import { address, orderSummaryView } from './orders.reads.js';
import type { OrdersTables } from './orders.tables.js';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/**
 * A shop's shoppers as the merchant sees them (the merchant is their controller): who bought, how
 * often and how much, and one shopper with their orders and the addresses they gave. The routes
 * write each view to the audit log.
 */
export function createShopperReads(db: Kysely<OrdersTables>) {
  async function list(scope: ShopScope, q: { q?: string | undefined; page: number; perPage: number }) {
    return withShop(db, scope.shopId, async (tx) => {
      const term = q.q?.trim().toLowerCase();
      let base = tx.selectFrom('shopper as s').where('s.shop_id', '=', scope.shopId);
      if (term) base = base.where(sql<boolean>`lower(s.email) like ${containsPattern(term)}`);
      const rows = await base
        .leftJoin('shop_order as o', (j) => j.onRef('o.shop_id', '=', 's.shop_id').onRef('o.shopper_id', '=', 's.id'))
        .select([
          's.id',
          's.email',
          's.created_at',
          sql<number>`count(o.id)`.as('orders'),
          sql<number>`coalesce(sum(o.total_cents - o.refunded_cents) filter (where o.status in ('paid', 'fulfilled', 'refunded')), 0)`.as(
            'spent',
          ),
          sql<Date | null>`max(o.created_at)`.as('last_order_at'),
        ])
        .groupBy(['s.id', 's.email', 's.created_at'])
        .orderBy(sql`max(o.created_at)`, sql`desc nulls last`)
        .orderBy('s.id')
        .limit(q.perPage)
        .offset((q.page - 1) * q.perPage)
        .execute();
      const total = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      return {
        items: rows.map((r) => ({
          id: r.id,
          email: r.email,
          ordersCount: Number(r.orders),
          totalSpentCents: Number(r.spent),
          lastOrderAt: iso(r.last_order_at),
          createdAt: iso(r.created_at)!,
        })),
        total: Number(total.n),
      };
    });
  }

  async function detail(scope: ShopScope, shopperId: string) {
    return withShop(db, scope.shopId, async (tx) => {
      const shopper = await tx
        .selectFrom('shopper')
        .selectAll()
        .where('shop_id', '=', scope.shopId)
        .where('id', '=', shopperId)
        .executeTakeFirst();
      if (!shopper) return null;
      const orders = await tx
        .selectFrom('shop_order')
        .selectAll()
        .where('shop_id', '=', scope.shopId)
        .where('shopper_id', '=', shopperId)
        .orderBy('number', 'desc')
        .execute();
      // The addresses they gave, each once, newest first (a Map keeps the first of each).
      const addresses = [
        ...new Map(orders.map((o) => [JSON.stringify(address(o, 'ship')), address(o, 'ship')])).values(),
      ];
      return {
        id: shopper.id,
        email: shopper.email,
        createdAt: iso(shopper.created_at)!,
        orders: orders.map((o) => orderSummaryView({ ...o, email: shopper.email })),
        addresses,
      };
    });
  }

  /**
   * The shop's shopper for an email, made when there is none: a shopper who signs up before buying
   * is the same row their checkout finds later (one per shop and email).
   */
  async function ensure(scope: ShopScope, email: string, now: Date) {
    return withShop(db, scope.shopId, async (tx) => {
      const row = await tx
        .insertInto('shopper')
        .values({ shop_id: scope.shopId, id: newId('spr'), email, created_at: now })
        .onConflict((oc) => oc.columns(['shop_id', 'email']).doUpdateSet({ email }))
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    });
  }

  async function findByEmail(scope: ShopScope, email: string) {
    return withShop(db, scope.shopId, async (tx) => {
      const row = await tx
        .selectFrom('shopper')
        .select('id')
        .where('shop_id', '=', scope.shopId)
        .where('email', '=', email)
        .executeTakeFirst();
      return row?.id ?? null;
    });
  }

  async function emailOf(scope: ShopScope, shopperId: string) {
    return withShop(db, scope.shopId, async (tx) => {
      const row = await tx
        .selectFrom('shopper')
        .select('email')
        .where('shop_id', '=', scope.shopId)
        .where('id', '=', shopperId)
        .executeTakeFirst();
      return row?.email ?? null;
    });
  }

  /**
   * Every shop where this email is a shopper: for a request made to the platform, which must reach
   * the merchants who control that data. A platform-level read (no one shop's wall).
   */
  async function shopsWithEmail(email: string) {
    const rows = await db
      .selectFrom('shopper')
      .select(['shop_id', 'id'])
      .where('email', '=', email)
      .orderBy('shop_id')
      .execute();
    return rows.map((r) => ({ shopId: r.shop_id, shopperId: r.id }));
  }

  return { list, detail, ensure, findByEmail, emailOf, shopsWithEmail };
}
export type ShopperReads = ReturnType<typeof createShopperReads>;
