import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDbKind, type TestApp } from '../../../test/harness.js';
import { checkoutBody, shopper, shopWithProducts } from '../../../test/shop-fixture.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe(`concurrent checkouts never oversell (#9 §4, ${testDbKind})`, () => {
  it('50 shoppers check out the last unit at once: exactly one order is paid, 49 are told it is sold out', async () => {
    const s = await shopWithProducts(t, [1]);
    const shoppers = Array.from({ length: 50 }, () => shopper(t, s.host));
    for (const b of shoppers) expect((await b.add(s.variants[0]!)).statusCode).toBe(200);
    const answers = await Promise.all(shoppers.map((b) => b.checkout(checkoutBody())));
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(49);
    for (const a of answers.filter((x) => x.statusCode === 409))
      expect(a.json().errors).toEqual([{ field: s.variants[0], message: 'Sold out' }]);
    const products = await t.app.inject({
      method: 'GET',
      url: `/api/v1/shops/${s.shopId}/products`,
      headers: { cookie: s.merchant.cookie },
    });
    expect(products.json().items[0].variants[0].stock).toBe(0);
    const orders = await t.app.inject({
      method: 'GET',
      url: `/api/v1/shops/${s.shopId}/orders`,
      headers: { cookie: s.merchant.cookie },
    });
    expect(orders.json()).toMatchObject({ total: 1, items: [{ status: 'paid', number: 1001 }] });
  });
});
