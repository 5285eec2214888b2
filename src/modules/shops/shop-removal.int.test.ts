import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../core/context.js';
import { createTestApp, signUp, type TestApp } from '../../../test/harness.js';
import { shopTablesInDeleteOrder } from './shop-removal.js';
import { checkoutBody, shopper } from '../../../test/shop-fixture.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { PLATFORM_DOMAIN: 'shops.test' } });
});
afterAll(async () => {
  await t?.close();
});

const api = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string, payload?: object, host?: string) =>
  t.app.inject({ method, url, headers: { cookie, ...(host ? { host } : {}) }, ...(payload ? { payload } : {}) });

/** Every row of every table, as text: what a full dump of the database holds. */
async function dump() {
  const tables = await sql<{ name: string }>`
    select tablename as name from pg_tables where schemaname = current_schema() order by tablename`.execute(
    t.platform.db,
  );
  const rows: string[] = [];
  for (const { name } of tables.rows) {
    const r = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(t.platform.db);
    for (const row of r.rows) rows.push(`${name}: ${JSON.stringify(row)}`);
  }
  return rows;
}

async function stockedShop(slug: string) {
  const { cookie } = await signUp(t.app);
  const shop = (await api('POST', '/api/v1/shops', cookie, { slug, name: `Loja ${slug}` })).json();
  await api('POST', `/api/v1/shops/${shop.id}/collections`, cookie, { title: 'Tudo', handle: 'tudo' });
  const product = (
    await api('POST', `/api/v1/shops/${shop.id}/products`, cookie, {
      title: `Produto ${slug}`,
      status: 'active',
      variants: [{ sku: `SKU-${slug}`, priceCents: 500, stock: 2 }],
      collections: ['tudo'],
    })
  ).json();
  // A visitor's banner decision on the shop's host is the shop's record too.
  await t.app.inject({
    method: 'POST',
    url: '/cookies/consent',
    headers: { host: `${slug}.shops.test`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'method=accept-all',
  });
  // A shopper's cart and a paid order: the shop's customers' data goes with the shop.
  const buyer = shopper(t, `${slug}.shops.test`);
  expect((await buyer.add(product.variants[0].id, 1)).statusCode).toBe(200);
  const order = await buyer.checkout(checkoutBody());
  expect(order.statusCode, order.body).toBe(201);
  await buyer.add(product.variants[0].id, 1);
  return { cookie, shop, product, order: order.json().order as { id: string } };
}

describe('complete removal of a shop (#9 §7)', () => {
  it('deletes the rows of every shop table and the shop, and nothing of another shop', async () => {
    const gone = await stockedShop(`gone-${process.pid}`);
    const kept = await stockedShop(`kept-${process.pid}`);
    expect(
      (await t.app.inject({ method: 'GET', url: '/', headers: { host: `gone-${process.pid}.shops.test` } })).statusCode,
    ).toBe(200);
    const before = await dump();
    expect(before.filter((r) => r.includes(gone.shop.id)).length).toBeGreaterThan(5);

    const removed = await t.platform.shops.removeShop(systemContext(new Date()), gone.shop.id);
    expect(removed).toMatchObject({ shop: 1, product: 1, product_variant: 1, collection: 1, collection_product: 1 });
    expect(removed).toHaveProperty('shop_cookie_consent', 1);
    expect(removed).toMatchObject({ shop_order: 1, order_line: 1, cart: 1 });
    expect(removed?.job).toBeGreaterThan(0);

    const after = await dump();
    // Only the audit trail still names it (what was done to the shop, by whom), and the payment
    // processor's own ledger (simulated here, as a real processor's, it is not ours to delete).
    const outside = (r: string) => r.startsWith('audit_log:') || r.startsWith('payment_simulator_');
    const left = after.filter((r) => r.includes(gone.shop.id) && !outside(r));
    expect(left.map((r) => r.slice(0, 300))).toEqual([]);
    expect(after.filter((r) => r.includes(gone.product.id) && !outside(r))).toEqual([]);
    expect(after.filter((r) => r.includes(gone.order.id) && !outside(r))).toEqual([]);
    expect(after.filter((r) => r.includes(kept.shop.id)).length).toBe(
      before.filter((r) => r.includes(kept.shop.id)).length,
    );
    // Its host is a shop no more, on this server at once.
    expect(
      (await t.app.inject({ method: 'GET', url: '/', headers: { host: `gone-${process.pid}.shops.test` } })).statusCode,
    ).toBe(404);
    // Running it again finds nothing to do.
    expect(await t.platform.shops.removeShop(systemContext(new Date()), gone.shop.id)).toBeNull();
  });

  it('orders shop tables so that each comes before the tables it references', async () => {
    const order = await shopTablesInDeleteOrder(t.platform.db);
    expect(order.indexOf('collection_product')).toBeLessThan(order.indexOf('product'));
    expect(order.indexOf('product_variant')).toBeLessThan(order.indexOf('product'));
    expect(order).not.toContain('shop');
  });
});

describe('erasing a merchant’s account (#9 §7)', () => {
  it('takes its shops with everything in them', async () => {
    const slug = `erased-${process.pid}`;
    const { shop, product } = await stockedShop(slug);
    const accountId = (
      await t.platform.db.selectFrom('shop').select('account_id').where('id', '=', shop.id).executeTakeFirstOrThrow()
    ).account_id;
    const { operatorCommands } = await import('../../cli/operator-commands.js');
    const result = await operatorCommands['privacy-erase'](t.platform, { account: accountId });
    expect(result.exitCode, JSON.stringify(result)).toBe(0);
    const after = await dump();
    expect(after.filter((r) => (r.includes(shop.id) || r.includes(product.id)) && !r.startsWith('audit_log:'))).toEqual(
      [],
    );
  });
});
