/**
 * The application under test for the shopper export and erasure benchmark, in a process of its own:
 * the platform on a fresh embedded database (or BENCH_DATABASE_TARGET), a merchant signed up with
 * one shop through the API, and that shop's BENCH_ORDERS orders (default 100,000) over BENCH_SHOPPERS
 * shoppers (default 25,000), each order with one to three lines and two events (placed, paid),
 * written with plain `insert … select generate_series(…)` statements as the connecting role. One more
 * shopper holds BENCH_SHOPPER_ORDERS orders (default 20): the one exported.
 *
 * Bench routes, on the same database connection as the app:
 *  - POST /bench/shopper: a fresh shopper with BENCH_SHOPPER_ORDERS orders of the same contents;
 *  - GET /bench/plain-export/:shopperId: the plain statements reading what the export holds of the
 *    shopper — their row, their orders with their lines and events, and their rows of the
 *    shopper-account and privacy-request tables — by the tables' keys and indexes (shop_id first);
 *  - POST /bench/plain-erase/:shopperId: the plain statements erasing the same rows, in one
 *    transaction: the account's rows and consents deleted, orders and privacy requests anonymised as
 *    the data map says (the same values), the shopper deleted;
 *  - GET /bench/orders-state?ids=…: what is left of some orders, to compare the two erasures.
 * Tells its parent where it listens, the merchant's cookie, the shop and the exported shopper.
 */
import { sql, type RawBuilder } from 'kysely';
import { buildApp } from '../src/app.js';
import { newId } from '../src/core/ids.js';
import { benchMerchant } from './bench-merchant.js';
import { closeOnExit, openBenchPlatform } from './bench-platform.js';

export interface ShopperRightsReady {
  url: string;
  cookie: string;
  shopId: string;
  exportShopperId: string;
  orders: number;
  shoppers: number;
  shopperOrders: number;
  seedSeconds: number;
}

const ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000);
const SHOPPERS = Number(process.env.BENCH_SHOPPERS ?? 25_000);
const SHOPPER_ORDERS = Number(process.env.BENCH_SHOPPER_ORDERS ?? 20);
const ERASED = '[erased]';

const { scratch, database, platform } = await openBenchPlatform('serve-shopper-rights');
const db = platform.db;

let nextNumber = 1001;
/** `count` orders `<idPrefix><g>` of the shopper `shopper` (an expression of g), with their lines and events. */
async function insertOrders(
  shopId: string,
  accountId: string,
  idPrefix: string,
  count: number,
  shopper: RawBuilder<string>,
) {
  const first = nextNumber;
  nextNumber += count;
  const now = new Date();
  await sql`
    insert into shop_order (shop_id, id, number, account_id, status, token_hash, shopper_id, currency,
      subtotal_cents, shipping_cents, total_cents, vat_total_cents, vat_breakdown, shipping_zone,
      ship_first_name, ship_last_name, ship_line1, ship_line2, ship_postal_code, ship_city, ship_country, ship_phone,
      bill_first_name, bill_last_name, bill_line1, bill_line2, bill_postal_code, bill_city, bill_country, bill_phone,
      payment_method, card_brand, card_last4, gateway_ref, created_at, updated_at, paid_at)
    select ${shopId}, ${idPrefix} || g, ${first - 1} + g, ${accountId}, 'paid', md5(${idPrefix} || g), ${shopper}, 'EUR',
      1000 * (1 + g % 3), 395, 1000 * (1 + g % 3) + 395, round((1000 * (1 + g % 3) + 395) * 23 / 123.0)::int,
      '[{"rate":23}]'::jsonb, 'pt-mainland',
      (array['Ana', 'João', 'Maria', 'Pedro', 'Rita'])[1 + g % 5], 'Apelido ' || (g % 997), 'Rua ' || g, 'Andar ' || (g % 9),
      '1100-048', 'Lisboa', 'PT', '+35191' || lpad((g % 10000000)::text, 7, '0'),
      (array['Ana', 'João', 'Maria', 'Pedro', 'Rita'])[1 + g % 5], 'Apelido ' || (g % 997), 'Rua ' || g, null,
      '1100-048', 'Lisboa', 'PT', null,
      'card', 'visa', '4242', 'sim_' || g,
      ${now}::timestamptz - make_interval(mins => g), ${now}::timestamptz - make_interval(mins => g),
      ${now}::timestamptz - make_interval(mins => g)
    from generate_series(1, ${count}::int) g`.execute(db);
  await sql`
    insert into order_line (shop_id, order_id, position, variant_id, product_id, product_title, product_handle,
      variant_title, sku, quantity, unit_price_cents, vat_rate, line_total_cents)
    select ${shopId}, ${idPrefix} || g, k, 'var_b' || k, 'prd_b' || k, 'Caneca de cerâmica ' || k, 'caneca-' || k,
      null, 'SKU-' || k, 1, 1000, 23, 1000
    from generate_series(1, ${count}::int) g cross join lateral generate_series(1, 1 + g % 3) k`.execute(db);
  await sql`
    insert into order_event (shop_id, order_id, seq, kind, data, actor, created_at)
    select ${shopId}, ${idPrefix} || g, s, (array['placed', 'paid'])[s], '{}'::jsonb, (array['shopper', 'system'])[s], ${now}
    from generate_series(1, ${count}::int) g cross join generate_series(1, 2) s`.execute(db);
  await sql`
    insert into order_number_counter (shop_id, last_number) values (${shopId}, ${nextNumber - 1})
    on conflict (shop_id) do update set last_number = excluded.last_number`.execute(db);
  return Array.from({ length: count }, (_, i) => `${idPrefix}${i + 1}`);
}

/** A shopper with SHOPPER_ORDERS orders, all of the same contents whoever they are. */
async function freshShopper(shopId: string, accountId: string) {
  const id = newId('spr');
  await sql`insert into shopper (shop_id, id, email, created_at) values (${shopId}, ${id}, ${`${id}@bench.example`}, ${new Date()})`.execute(
    db,
  );
  const orderIds = await insertOrders(shopId, accountId, `ord_${id.slice(4)}_`, SHOPPER_ORDERS, sql`${id}`);
  return { shopperId: id, orderIds };
}

const timed = async (fn: () => Promise<unknown>) => {
  const t0 = performance.now();
  const rows = await fn();
  return { ms: performance.now() - t0, rows };
};

const app = await buildApp(platform, {
  extraRoutes: (a) => {
    a.post('/bench/shopper', () => freshShopper(shopId, accountId));
    a.get<{ Params: { shopperId: string } }>('/bench/plain-export/:shopperId', (req) =>
      timed(async () => {
        const s = req.params.shopperId;
        let rows = 0;
        for (const q of [
          sql`select * from shopper where shop_id = ${shopId} and id = ${s}`,
          sql`select * from shop_order where shop_id = ${shopId} and shopper_id = ${s}`,
          sql`select * from order_line where shop_id = ${shopId}
            and order_id in (select id from shop_order where shop_id = ${shopId} and shopper_id = ${s})`,
          sql`select * from order_event where shop_id = ${shopId}
            and order_id in (select id from shop_order where shop_id = ${shopId} and shopper_id = ${s})`,
          sql`select * from shopper_account where shop_id = ${shopId} and shopper_id = ${s}`,
          sql`select * from shopper_session where shop_id = ${shopId} and shopper_id = ${s}`,
          sql`select * from shopper_token where shop_id = ${shopId} and shopper_id = ${s}`,
          sql`select * from shopper_address where shop_id = ${shopId} and shopper_id = ${s}`,
          sql`select * from shopper_newsletter_consent where shop_id = ${shopId} and shopper_id = ${s}`,
          sql`select * from shop_privacy_request where shop_id = ${shopId} and shopper_id = ${s}`,
        ])
          rows += (await q.execute(db)).rows.length;
        return rows;
      }),
    );
    a.post<{ Params: { shopperId: string } }>('/bench/plain-erase/:shopperId', (req) =>
      timed(() =>
        db.transaction().execute(async (tx) => {
          const s = req.params.shopperId;
          for (const t of ['shopper_session', 'shopper_token', 'shopper_address'])
            await sql`delete from ${sql.table(t)} where shop_id = ${shopId} and shopper_id = ${s}`.execute(tx);
          await sql`delete from shopper_account where shop_id = ${shopId} and shopper_id = ${s}`.execute(tx);
          await sql`delete from shopper_newsletter_consent where shop_id = ${shopId} and shopper_id = ${s}`.execute(tx);
          await sql`update shop_privacy_request set email = ${ERASED}, extension_reason = null, refusal_reason = null, shopper_id = null
            where shop_id = ${shopId} and shopper_id = ${s}`.execute(tx);
          const orders = await sql`update shop_order set ship_first_name = ${ERASED}, ship_last_name = ${ERASED},
              ship_line1 = ${ERASED}, ship_line2 = null, ship_postal_code = ${ERASED}, ship_city = ${ERASED},
              ship_phone = null, bill_phone = null, shopper_id = null
            where shop_id = ${shopId} and shopper_id = ${s}`.execute(tx);
          await sql`delete from shopper where shop_id = ${shopId} and id = ${s}`.execute(tx);
          return Number(orders.numAffectedRows ?? 0);
        }),
      ),
    );
    a.get<{ Querystring: { ids: string; shopperId: string } }>('/bench/orders-state', async (req) => {
      const orders = await sql`
        select shopper_id, ship_first_name, ship_last_name, ship_line1, ship_line2, ship_postal_code, ship_city,
          ship_country, ship_phone, bill_first_name, bill_last_name, bill_line1, bill_postal_code, bill_city, bill_phone
        from shop_order where shop_id = ${shopId} and id = any(${req.query.ids.split(',')}::text[]) order by number`.execute(
        db,
      );
      const shopper =
        await sql`select 1 from shopper where shop_id = ${shopId} and id = ${req.query.shopperId}`.execute(db);
      return { orders: orders.rows, shopperLeft: shopper.rows.length };
    });
  },
});

closeOnExit(app, database, scratch);

const { cookie, shopId, accountId } = await benchMerchant(app, 'shopper-rights');

const seedStart = performance.now();
await sql`insert into shopper (shop_id, id, email, created_at)
  select ${shopId}, 'spr_b' || s, 'comprador' || s || '@bench.example', ${new Date()} from generate_series(1, ${SHOPPERS}::int) s`.execute(
  db,
);
await insertOrders(shopId, accountId, 'ord_b', ORDERS, sql`'spr_b' || (1 + g % ${SHOPPERS})`);
const exported = await freshShopper(shopId, accountId);
await sql`analyze`.execute(db);
const seedSeconds = (performance.now() - seedStart) / 1000;

const url = await app.listen({ port: 0, host: '127.0.0.1' });
const ready: ShopperRightsReady = {
  url,
  cookie,
  shopId,
  exportShopperId: exported.shopperId,
  orders: ORDERS,
  shoppers: SHOPPERS,
  shopperOrders: SHOPPER_ORDERS,
  seedSeconds,
};
if (process.send) process.send(ready);
else console.error(`serving on ${url} (shop ${shopId}, shopper ${exported.shopperId}, cookie ${cookie})`);
