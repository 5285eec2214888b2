import sharp from 'sharp';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from './harness.js';
import { multipart } from './multipart.js';
import { plausible } from './json-schema-arbitrary.js';
import { shopTables } from './shop-isolation.js';

// Generated from the OpenAPI document: every shop-scoped route, tried by merchant A with shop B's
// ids. A new route is covered the day it is added; a new kind of id fails here until B has one.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

interface Operation {
  method: string;
  path: string;
  bodySchema: object | undefined;
}

async function shopScopedOperations(): Promise<Operation[]> {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  const ops: Operation[] = [];
  for (const [path, byMethod] of Object.entries<
    Record<string, { requestBody?: { content?: Record<string, { schema?: object }> } }>
  >(doc.paths)) {
    if (!path.includes('{shopId}') || path.startsWith('/api/v1/staff/')) continue;
    for (const [method, op] of Object.entries(byMethod))
      ops.push({
        method: method.toUpperCase(),
        path,
        bodySchema: op.requestBody?.content?.['application/json']?.schema,
      });
  }
  return ops;
}

async function merchantWithShop(slug: string) {
  const { cookie } = await signUp(t.app);
  const call = (method: 'POST' | 'GET', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const shop = (await call('POST', '/api/v1/shops', { slug, name: slug })).json();
  const collection = (await call('POST', `/api/v1/shops/${shop.id}/collections`, { title: 'Col' })).json();
  const product = (
    await call('POST', `/api/v1/shops/${shop.id}/products`, {
      title: 'Thing',
      status: 'active',
      variants: [{ sku: `T-${slug}`, priceCents: 100, stock: 5 }],
      collections: [collection.handle],
    })
  ).json();
  // An order, bought on the shop's own host as a shopper would.
  const host = `${slug}.localhost`;
  const added = await t.app.inject({
    method: 'POST',
    url: '/cart/add.js',
    headers: { host },
    payload: { id: product.variants[0].id, quantity: 1 },
  });
  const order = (
    await t.app.inject({
      method: 'POST',
      url: '/checkout.js',
      headers: { host, cookie: added.cookies.map((c) => `${c.name}=${c.value}`).join('; ') },
      payload: {
        email: `shopper@${slug}.example`,
        shippingAddress: {
          firstName: 'Ana',
          lastName: 'Silva',
          line1: 'Rua 1',
          postalCode: '1100-048',
          city: 'Lisboa',
          country: 'PT',
        },
        payment: { method: 'card', number: '4242424242424242', expMonth: 12, expYear: 2040, cvc: '123' },
      },
    })
  ).json().order;
  const photo = multipart([
    {
      name: 'file',
      value: await sharp({ create: { width: 40, height: 30, channels: 3, background: '#123456' } })
        .png()
        .toBuffer(),
      filename: 'p.png',
      type: 'image/png',
    },
  ]);
  const image = (
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/shops/${shop.id}/products/${product.id}/images`,
      headers: { cookie, ...photo.headers },
      payload: photo.payload,
    })
  ).json();
  const theme = (
    await call('POST', `/api/v1/shops/${shop.id}/theme/versions`, {
      files: { 'snippets/tag-line.liquid': '<p>{{ shop.name }}</p>' },
    })
  ).json();
  const buyer = await sql<{ id: string }>`select id from shopper where shop_id = ${shop.id as string}`.execute(
    t.platform.db,
  );
  // A shopper account's privacy request puts one in the shop's queue.
  const form = (url: string, fields: Record<string, string>, shopperCookie = '') =>
    t.app.inject({
      method: 'POST',
      url,
      headers: {
        host,
        'content-type': 'application/x-www-form-urlencoded',
        ...(shopperCookie ? { cookie: shopperCookie } : {}),
      },
      payload: new URLSearchParams(fields).toString(),
    });
  const registered = await form('/account/register', {
    first_name: 'Ana',
    last_name: 'Silva',
    email: `account@${slug}.example`,
    password: 'lavender tractor oceanic 42',
  });
  const session = registered.cookies.find((c) => c.name === 'sr_shopper')!;
  await form('/account/privacy', { kind: 'access' }, `sr_shopper=${session.value}`);
  const queued = await sql<{
    id: string;
  }>`select id from shop_privacy_request where shop_id = ${shop.id as string}`.execute(t.platform.db);
  return {
    cookie,
    ids: {
      shopId: shop.id as string,
      shopperId: buyer.rows[0]!.id,
      versionId: theme.id as string,
      productId: product.id as string,
      imageId: image.id as string,
      collectionId: collection.id as string,
      orderId: order.id as string,
      requestId: queued.rows[0]!.id,
    },
  };
}

/** Every row shop B has, in every shop table and its own row: compared before and after. */
async function snapshot(shopId: string) {
  const rows: Record<string, unknown[]> = {};
  for (const table of await shopTables(t.platform.db))
    rows[table] = (
      await sql`select * from ${sql.table(table)} where shop_id = ${shopId} order by 1, 2`.execute(t.platform.db)
    ).rows;
  rows.shop = (await sql`select * from shop where id = ${shopId}`.execute(t.platform.db)).rows;
  return rows;
}

describe('tenant isolation: every shop route with another tenant’s ids (#9 §6)', () => {
  it('answers 404 to merchant A for each of shop B’s ids, and leaves B unchanged', async () => {
    const a = await merchantWithShop(`iso-a-${process.pid}`);
    const b = await merchantWithShop(`iso-b-${process.pid}`);
    const ops = await shopScopedOperations();
    expect(ops.length).toBeGreaterThanOrEqual(8);
    const before = await snapshot(b.ids.shopId);
    const tried: string[] = [];
    for (const op of ops) {
      const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      const unknown = params.filter((p) => !(p in b.ids));
      expect(unknown, `${op.method} ${op.path}: give shop B an id of this kind`).toEqual([]);
      // B's ids throughout; and A's own shop with B's other ids (a product of B under A's shop).
      const variants = [b.ids, ...(params.length > 1 ? [{ ...b.ids, shopId: a.ids.shopId }] : [])];
      for (const ids of variants) {
        const url = op.path.replace(/\{(\w+)\}/g, (_m, p: string) => ids[p as keyof typeof ids]);
        const res = await t.app.inject({
          method: op.method as 'GET',
          url,
          headers: { cookie: a.cookie, ...(op.bodySchema ? { 'content-type': 'application/json' } : {}) },
          ...(op.bodySchema ? { payload: JSON.stringify(plausible(op.bodySchema)) } : {}),
        });
        expect(res.statusCode, `${op.method} ${url}: ${res.body.slice(0, 300)}`).toBe(404);
        tried.push(`${op.method} ${op.path}`);
      }
    }
    expect(await snapshot(b.ids.shopId)).toEqual(before);
    // The matrix is not empty by accident: B's owner still reaches every one of its own routes' reads.
    expect(tried).toEqual(expect.arrayContaining(['GET /api/v1/shops/{shopId}/products/{productId}']));
    const own = await t.app.inject({
      method: 'GET',
      url: `/api/v1/shops/${b.ids.shopId}/products/${b.ids.productId}`,
      headers: { cookie: b.cookie },
    });
    expect(own.statusCode).toBe(200);
  });
});
