/**
 * The checkout half of the storefront benchmark, in the app's process (bench/serve-storefront.ts):
 *  - carts made ahead of a checkout run, one per checkout, each holding one unit of a variant (one
 *    in ten on five "hot" variants with 2 units each, so concurrent checkouts race for the last ones);
 *    the rows the carts service writes, without the idle-cart job (nothing runs for 30 days here);
 *  - the ceiling: one raw transaction taking a unit by guarded update and writing an order with its
 *    number and line on the checkout's tables;
 *  - the oversell check: for every variant, the stock before the runs minus the stock now equals the
 *    units in orders that hold stock (not cancelled).
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { hashToken } from '../src/core/crypto/tokens.js';
import { newId } from '../src/core/ids.js';
import type { Platform } from '../src/platform.js';
import { random, type SeededShop } from './storefront-seed.js';

export interface BenchCart {
  host: string;
  token: string;
}

export interface OversellReport {
  variants: number;
  orders: number;
  unitsSold: number;
  /** Variants where stock_before - stock_now ≠ units sold: must be none. */
  mismatches: { variantId: string; before: number; now: number; sold: number }[];
}

const HOT_STOCK = 2;

export async function prepareOrders(p: Platform, catalogues: Record<string, SeededShop[]>, platformDomain: string) {
  const db = p.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const rng = random(99);
  // Five variants per catalogue with 2 units: carts pointing at them outnumber their stock.
  const hot = new Map<string, { shop: SeededShop; variantId: string }[]>();
  for (const [name, shops] of Object.entries(catalogues)) {
    const list = Array.from({ length: 5 }, (_, i) => {
      const shop = shops[i % shops.length]!;
      return { shop, variantId: shop.products[i]!.variants[0]!.id };
    });
    for (const h of list)
      await sql`update product_variant set stock = ${HOT_STOCK} where shop_id = ${h.shop.id} and id = ${h.variantId}`.execute(
        p.db,
      );
    hot.set(name, list);
  }
  const before = new Map(
    (await sql<{ id: string; stock: number }>`select id, stock from product_variant`.execute(p.db)).rows.map((r) => [
      r.id,
      r.stock,
    ]),
  );

  async function makeCarts(catalogue: string, count: number): Promise<BenchCart[]> {
    const shops = catalogues[catalogue]!;
    const now = new Date();
    const carts: Record<string, unknown>[] = [];
    const lines: Record<string, unknown>[] = [];
    const out: BenchCart[] = [];
    for (let i = 0; i < count; i++) {
      const pick =
        rng.int(10) === 0
          ? rng.pick(hot.get(catalogue)!)
          : (() => {
              const shop = rng.pick(shops);
              return { shop, variantId: rng.pick(rng.pick(shop.products).variants).id };
            })();
      const token = randomBytes(32).toString('base64url');
      const id = newId('crt');
      carts.push({ shop_id: pick.shop.id, id, token_hash: hashToken(token), created_at: now, updated_at: now });
      lines.push({ shop_id: pick.shop.id, cart_id: id, variant_id: pick.variantId, quantity: 1, added_at: now });
      out.push({ host: `${pick.shop.slug}.${platformDomain}`, token });
    }
    for (let i = 0; i < carts.length; i += 1000) {
      await db
        .insertInto('cart')
        .values(carts.slice(i, i + 1000))
        .execute();
      await db
        .insertInto('cart_line')
        .values(lines.slice(i, i + 1000))
        .execute();
    }
    return out;
  }

  /** The ceiling: what a checkout must do at least, as one raw transaction. */
  async function rawOrder(shopId: string, variantId: string): Promise<boolean> {
    return p.db.transaction().execute(async (tx) => {
      const taken = await sql<{ price_cents: number; product_id: string; sku: string }>`
        update product_variant set stock = stock - 1
        where shop_id = ${shopId} and id = ${variantId} and stock >= 1
        returning price_cents, product_id, sku`.execute(tx);
      const v = taken.rows[0];
      if (!v) return false;
      const number = await sql<{ last_number: number }>`
        insert into order_number_counter (shop_id, last_number) values (${shopId}, 1001)
        on conflict (shop_id) do update set last_number = order_number_counter.last_number + 1
        returning last_number`.execute(tx);
      const id = newId('ord');
      const now = new Date();
      await sql`
        insert into shop_order (shop_id, id, number, account_id, status, token_hash, currency, subtotal_cents,
          shipping_cents, total_cents, vat_total_cents, vat_breakdown, shipping_zone,
          ship_first_name, ship_last_name, ship_line1, ship_postal_code, ship_city, ship_country,
          bill_first_name, bill_last_name, bill_line1, bill_postal_code, bill_city, bill_country,
          payment_method, created_at, updated_at)
        select ${shopId}, ${id}, ${number.rows[0]!.last_number}, s.account_id, 'paid', ${hashToken(id)}, 'EUR',
          ${v.price_cents}, 395, ${v.price_cents + 395}, 0, '[]', 'pt-mainland',
          'Bench', 'Shopper', 'Rua 1', '1000-001', 'Lisboa', 'PT', 'Bench', 'Shopper', 'Rua 1', '1000-001', 'Lisboa', 'PT',
          'card', ${now}, ${now}
        from shop s where s.id = ${shopId}`.execute(tx);
      await sql`
        insert into order_line (shop_id, order_id, position, variant_id, product_id, product_title, product_handle,
          sku, quantity, unit_price_cents, vat_rate, line_total_cents)
        values (${shopId}, ${id}, 1, ${variantId}, ${v.product_id}, 'Bench', 'bench', ${v.sku}, 1, ${v.price_cents}, 23,
          ${v.price_cents})`.execute(tx);
      return true;
    });
  }

  async function oversell(): Promise<OversellReport> {
    const now = await sql<{ id: string; stock: number; sold: string | null }>`
      select v.id, v.stock,
        (select sum(l.quantity) from order_line l join shop_order o on o.shop_id = l.shop_id and o.id = l.order_id
          where l.shop_id = v.shop_id and l.variant_id = v.id and o.status <> 'cancelled') as sold
      from product_variant v`.execute(p.db);
    const orders = await sql<{ n: string }>`select count(*) as n from shop_order`.execute(p.db);
    const mismatches: OversellReport['mismatches'] = [];
    let unitsSold = 0;
    for (const r of now.rows) {
      const sold = Number(r.sold ?? 0);
      unitsSold += sold;
      const was = before.get(r.id);
      if (was === undefined || was - r.stock !== sold)
        mismatches.push({ variantId: r.id, before: was ?? NaN, now: r.stock, sold });
    }
    return { variants: now.rows.length, orders: Number(orders.rows[0]!.n), unitsSold, mismatches };
  }

  function routes(app: FastifyInstance) {
    app.post<{ Body: { catalogue: string; count: number } }>('/bench/carts', (req) =>
      makeCarts(req.body.catalogue, req.body.count),
    );
    app.post<{ Params: { shopId: string; variantId: string } }>(
      '/bench/raw-order/:shopId/:variantId',
      async (req, reply) =>
        (await rawOrder(req.params.shopId, req.params.variantId))
          ? reply.code(201).send({ ok: true })
          : reply.code(409).send({ ok: false }),
    );
    app.get('/bench/oversell', () => oversell());
  }

  return { routes, hotVariants: hot };
}
