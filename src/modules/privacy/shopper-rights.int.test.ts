import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { checkoutBody, shopper, shopWithProducts } from '../../../test/shop-fixture.js';
import { readZip } from '../../../test/zip.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const email = `zacarias.${process.pid}@example.pt`;
const delivery = {
  firstName: 'Zacarias',
  lastName: 'Vilarinho',
  line1: 'Travessa do Sossego 7',
  line2: '3.º esq.',
  postalCode: '4000-123',
  city: 'Porto',
  country: 'PT',
  phone: '912 000 777',
};

async function buyAt(shop: Awaited<ReturnType<typeof shopWithProducts>>) {
  const b = shopper(t, shop.host);
  await b.add(shop.variants[0]!);
  const res = await b.checkout(checkoutBody(undefined, { email, shippingAddress: delivery }));
  expect(res.statusCode, res.body).toBe(201);
  const row = await t.platform.db
    .selectFrom('shopper')
    .select('id')
    .where('shop_id', '=', shop.shopId)
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return { order: res.json().order as { id: string }, shopperId: row.id };
}

describe('the merchant answers its shoppers’ rights, SellRocket as processor (#10 §4, C9)', () => {
  it('exports everything the shop holds on a shopper as a ZIP naming the shop as controller, audited', async () => {
    const a = await shopWithProducts(t, [5]);
    const { shopperId } = await buyAt(a);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/shops/${a.shopId}/shoppers/${shopperId}/export`,
      headers: { cookie: a.merchant.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const files = await readZip(res.rawPayload);
    const manifest = JSON.parse(files.get('manifest.json')!);
    expect(manifest.subjects).toEqual([{ kind: 'shopper', id: shopperId, shopId: a.shopId }]);
    // What they bought is theirs too, with their order: its lines and its timeline.
    expect(manifest.files.map((f: { table: string }) => f.table)).toEqual(
      expect.arrayContaining(['shop_order', 'order_line', 'order_event']),
    );
    expect(files.get('data/order_line.json')).toContain('"order_id"');
    const every = [...files.values()].join('\n');
    for (const given of [email, delivery.line1, delivery.line2, delivery.postalCode, delivery.city, delivery.lastName])
      expect(every, given).toContain(given);
    const report = [...files.entries()].find(([name]) => name.endsWith('.html'))![1];
    expect(report).toContain('<h1>Your data at Loja');
    expect(report).toMatch(/Controller:<\/strong> Loja \d+/);
    expect(report).toContain('<strong>Processor:</strong> SellRocket');
    const audited = await t.platform.db
      .selectFrom('audit_log')
      .select('target_id')
      .where('action', '=', 'shopper.export')
      .execute();
    expect(audited.map((r) => r.target_id)).toContain(shopperId);
  });

  it('erases a shopper in shop A only: the same email at shop B and B’s order stay; A’s invoice keeps its fiscal fields', async () => {
    const a = await shopWithProducts(t, [5]);
    const b = await shopWithProducts(t, [5]);
    const inA = await buyAt(a);
    const inB = await buyAt(b);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/shops/${a.shopId}/shoppers/${inA.shopperId}/erase`,
      headers: { cookie: a.merchant.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().journalId).toMatch(/^era_/);

    const orderA = await t.platform.db
      .selectFrom('shop_order')
      .selectAll()
      .where('id', '=', inA.order.id)
      .executeTakeFirstOrThrow();
    expect(orderA).toMatchObject({ shopper_id: null, ship_line1: '[erased]', ship_phone: null });
    expect(orderA).toMatchObject({ bill_first_name: 'Zacarias', bill_line1: delivery.line1 });
    // Shop B's shopper with the same email, and B's order, are untouched.
    const stillB = await t.platform.db
      .selectFrom('shopper')
      .select('email')
      .where('id', '=', inB.shopperId)
      .executeTakeFirst();
    expect(stillB?.email).toBe(email);
    const orderB = await t.platform.db
      .selectFrom('shop_order')
      .selectAll()
      .where('id', '=', inB.order.id)
      .executeTakeFirstOrThrow();
    expect(orderB).toMatchObject({
      ship_line1: delivery.line1,
      ship_first_name: delivery.firstName,
      shopper_id: inB.shopperId,
    });
    // Nothing else of them anywhere in shop A's tables: only the held invoice fields.
    const dumpA = await sql<{ t: string }>`
      select coalesce(string_agg(x::text, ' '), '') as t from (
        select s::text as x from shopper s where s.shop_id = ${a.shopId}
        union all select c::text from cart c where c.shop_id = ${a.shopId}) d`.execute(t.platform.db);
    expect(dumpA.rows[0]!.t).not.toContain(email);
    // Another merchant cannot erase B's shopper from their shop.
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/v1/shops/${a.shopId}/shoppers/${inB.shopperId}/erase`,
      headers: { cookie: a.merchant.cookie },
    });
    expect(foreign.statusCode).toBe(404);
    const audited = await t.platform.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'shopper.erase')
      .execute();
    expect(audited.length).toBeGreaterThan(0);
  });
});
