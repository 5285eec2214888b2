import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { withShop } from '../../core/db/shop-isolation.js';
import { checkoutBody, shopper, shopWithProducts } from '../../../test/shop-fixture.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const orderTables = [
  'cart',
  'cart_line',
  'shopper',
  'order_number_counter',
  'shop_order',
  'order_line',
  'order_event',
  'checkout_request',
];

describe('row-level security alone walls off each shop’s carts and orders (#9 §6)', () => {
  it('inside shop A, queries without any WHERE clause see only A’s rows of every orders table', async () => {
    const shops = [await shopWithProducts(t, [5]), await shopWithProducts(t, [5])];
    for (const s of shops) {
      const b = shopper(t, s.host);
      await b.add(s.variants[0]!);
      await b.add(s.variants[0]!);
      expect((await b.checkout(checkoutBody(), `rls-${s.shopId}`)).statusCode).toBe(201);
      await b.add(s.variants[0]!);
    }
    const [a, b] = shops as [(typeof shops)[0], (typeof shops)[0]];
    for (const table of orderTables) {
      // As the connecting role (no wall), both shops' rows are there.
      const all = await sql<{ shop_id: string }>`select shop_id from ${sql.table(table)}`.execute(t.platform.db);
      const owners = new Set(all.rows.map((r) => r.shop_id));
      expect(owners.has(a.shopId) && owners.has(b.shopId), table).toBe(true);
      const seen = await withShop(t.platform.db, a.shopId, (tx) =>
        sql<{ shop_id: string }>`select shop_id from ${sql.table(table)}`.execute(tx),
      );
      expect(seen.rows.length, table).toBeGreaterThan(0);
      expect(new Set(seen.rows.map((r) => r.shop_id)), table).toEqual(new Set([a.shopId]));
    }
    // Nor can shop A write a row into shop B.
    await expect(
      withShop(t.platform.db, a.shopId, (tx) =>
        sql`update shop_order set tracking_number = 'X' where shop_id = ${b.shopId}`.execute(tx),
      ),
    ).resolves.toMatchObject({ numAffectedRows: 0n });
  });
});
