import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { shopWithProducts } from '../../../test/shop-fixture.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('bulk stock edit and stock filters (#10 §1 Products)', () => {
  it('sets many variants’ stock at once, filters products by stock, and changes nothing when one variant is not the shop’s', async () => {
    const a = await shopWithProducts(t, [10, 10, 10]);
    const other = await shopWithProducts(t, [5]);
    const call = (method: 'GET' | 'PATCH', url: string, payload?: object) =>
      t.app.inject({
        method,
        url: `/api/v1/shops/${a.shopId}${url}`,
        headers: { cookie: a.merchant.cookie },
        ...(payload ? { payload } : {}),
      });
    const set = await call('PATCH', '/stock', {
      items: [
        { variantId: a.variants[0], stock: 0 },
        { variantId: a.variants[1], stock: 2 },
      ],
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ updated: 2 });
    const skus = async (filter: string) =>
      (await call('GET', `/products?stock=${filter}`))
        .json()
        .items.map((p: { variants: { sku: string }[] }) => p.variants[0]!.sku)
        .sort();
    expect(await skus('out')).toEqual(['SKU-1']);
    expect(await skus('low')).toEqual(['SKU-1', 'SKU-2']);

    const refused = await call('PATCH', '/stock', {
      items: [
        { variantId: a.variants[2], stock: 99 },
        { variantId: other.variants[0], stock: 0 },
      ],
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([{ field: 'items.1.variantId', message: 'No such variant in this shop.' }]);
    const all = (await call('GET', '/products')).json().items as { variants: { sku: string; stock: number }[] }[];
    expect(all.find((p) => p.variants[0]!.sku === 'SKU-3')!.variants[0]!.stock).toBe(10);
    const otherStock = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/shops/${other.shopId}/products`,
        headers: { cookie: other.merchant.cookie },
      })
    ).json().items[0].variants[0].stock;
    expect(otherStock).toBe(5);
  });
});
