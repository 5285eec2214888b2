import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { checkoutBody, shopper, shopWithProducts } from '../../../test/shop-fixture.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function buy(host: string, variantId: string, email: string, quantity = 1) {
  const s = shopper(t, host);
  await s.add(variantId, quantity);
  const res = await s.checkout(checkoutBody(undefined, { email }));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().order as { id: string; number: number };
}

describe('the back office’s shoppers, orders search and home (#10 §1)', () => {
  it('lists shoppers with their orders and spend, shows one with orders and addresses, and audits every view', async () => {
    const shop = await shopWithProducts(t, [10, 2]);
    const api = (url: string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/shops/${shop.shopId}${url}`,
        headers: { cookie: shop.merchant.cookie },
      });
    await buy(shop.host, shop.variants[0]!, 'ana@example.pt', 2);
    await buy(shop.host, shop.variants[0]!, 'ana@example.pt');
    await buy(shop.host, shop.variants[1]!, 'rui@example.pt');

    const list = (await api('/shoppers')).json();
    expect(list.total).toBe(2);
    const ana = list.items.find((s: { email: string }) => s.email === 'ana@example.pt');
    // Two orders: 2 × 12.30 and 1 × 12.30, with shipping (mainland, the shop's default rate) on each.
    expect(ana).toMatchObject({ ordersCount: 2 });
    expect(ana.totalSpentCents).toBeGreaterThan(3 * 1230);
    expect((await api('/shoppers?q=RUI')).json().items.map((s: { email: string }) => s.email)).toEqual([
      'rui@example.pt',
    ]);

    const one = (await api(`/shoppers/${ana.id}`)).json();
    expect(one.orders).toHaveLength(2);
    expect(one.addresses).toHaveLength(1);
    expect(one.addresses[0]).toMatchObject({ city: expect.any(String), country: 'PT' });
    expect((await api('/shoppers/spr_nobody')).statusCode).toBe(404);

    const audited = await t.platform.db
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'data'])
      .where('action', 'in', ['shopper.list', 'shopper.read'])
      .where(
        'actor_id',
        '=',
        (
          await t.platform.db
            .selectFrom('shop')
            .select('account_id')
            .where('id', '=', shop.shopId)
            .executeTakeFirstOrThrow()
        ).account_id,
      )
      .orderBy('seq')
      .execute();
    expect(audited.map((a) => a.action)).toEqual(['shopper.list', 'shopper.list', 'shopper.read']);
    expect(audited[2]!.target_id).toBe(ana.id);
    expect((audited[0]!.data as { shoppers: string[] }).shoppers.sort()).toEqual(
      list.items.map((s: { id: string }) => s.id).sort(),
    );
  });

  it('finds orders by number or email and by date, and sums today’s and the month’s takings', async () => {
    const shop = await shopWithProducts(t, [10, 1]);
    const api = (url: string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/shops/${shop.shopId}${url}`,
        headers: { cookie: shop.merchant.cookie },
      });
    const first = await buy(shop.host, shop.variants[0]!, 'maria@example.pt');
    await buy(shop.host, shop.variants[1]!, 'joao@example.pt');
    expect((await api(`/orders?q=%23${first.number}`)).json().items.map((o: { id: string }) => o.id)).toEqual([
      first.id,
    ]);
    expect((await api('/orders?q=joao')).json().total).toBe(1);
    const today = t.clock.now().toISOString().slice(0, 10);
    expect((await api(`/orders?from=${today}&to=${today}`)).json().total).toBe(2);
    expect((await api('/orders?to=2000-01-01')).json().total).toBe(0);
    expect((await api('/orders?from=yesterday')).statusCode).toBe(422);

    const summary = (await api('/summary')).json();
    expect(summary).toMatchObject({
      today: { orders: 2 },
      month: { orders: 2 },
      ordersToFulfil: 2,
      ordersAwaitingPayment: 0,
    });
    const order = (await api(`/orders/${first.id}`)).json();
    expect(summary.today.revenueCents).toBeGreaterThanOrEqual(order.totals.totalCents);
    // The second product's only unit is sold: it heads the low-stock list.
    expect(summary.lowStock[0]).toMatchObject({ sku: 'SKU-2', stock: 0 });
  });
});
