import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { shopper, shopWithProducts } from '../../../test/shop-fixture.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('cart JSON API (#9 §3)', () => {
  it('adds, caps by stock, changes, removes and clears; the cookie holds a token the database keeps only hashed', async () => {
    const s = await shopWithProducts(t, [3, 5], [1000, 250]);
    const b = shopper(t, s.host);
    const empty = await b.send('GET', '/cart.js');
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({ itemCount: 0, totalCents: 0, lines: [], currency: 'EUR' });
    expect(b.cookie).toBe('');

    const added = await b.add(s.variants[0]!, 2);
    expect(added.statusCode).toBe(200);
    const setCookie = String(added.headers['set-cookie']);
    expect(setCookie).toMatch(/^sr_cart=[\w-]{40,};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(added.json()).toMatchObject({ itemCount: 2, totalCents: 2000 });

    // Asking for more than the shelf holds gives what it holds.
    const capped = await b.add(s.variants[0]!, 5);
    expect(capped.json().lines[0]).toMatchObject({ variantId: s.variants[0], quantity: 3, available: true });
    t.clock.advance(1000);
    await b.add(s.variants[1]!, 1);
    const cart = (await b.send('GET', '/cart.js')).json();
    expect(cart).toMatchObject({ itemCount: 4, totalCents: 3250 });
    expect(cart.lines[1]).toMatchObject({
      key: s.variants[1],
      productTitle: 'Produto 2',
      productHandle: 'produto-2',
      variantTitle: null,
      sku: 'SKU-2',
      unitPriceCents: 250,
      lineTotalCents: 250,
      vatRate: 23,
    });

    const token = b.cookie.replace('sr_cart=', '');
    const rows = await t.platform.db
      .selectFrom('cart' as never)
      .selectAll()
      .execute();
    expect(JSON.stringify(rows)).not.toContain(token);

    const changed = await b.send('POST', '/cart/change.js', { id: s.variants[0], quantity: 1 });
    expect(changed.json()).toMatchObject({ itemCount: 2, totalCents: 1250 });
    const removed = await b.send('POST', '/cart/change.js', { id: s.variants[0], quantity: 0 });
    expect(removed.json().lines.map((l: { variantId: string }) => l.variantId)).toEqual([s.variants[1]]);
    const cleared = await b.send('POST', '/cart/clear.js');
    expect(cleared.json()).toMatchObject({ itemCount: 0, lines: [] });
    expect((await b.send('GET', '/cart.js')).json().itemCount).toBe(0);
  });

  it('names the wrong field, refuses a sold-out variant and a variant of another shop', async () => {
    const s = await shopWithProducts(t, [0, 2]);
    const other = await shopWithProducts(t, [4]);
    const b = shopper(t, s.host);
    const bad = await b.send('POST', '/cart/add.js', { id: s.variants[1], quantity: 0 });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors).toEqual([{ field: 'quantity', message: expect.any(String) }]);
    const soldOut = await b.add(s.variants[0]!);
    expect(soldOut.statusCode).toBe(409);
    expect(soldOut.json().errors[0].field).toBe(s.variants[0]);
    const foreign = await b.add(other.variants[0]!);
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().errors[0].field).toBe('id');
    const notInCart = await b.send('POST', '/cart/change.js', { id: s.variants[1], quantity: 1 });
    expect(notInCart.statusCode).toBe(422);
    expect(notInCart.json().errors[0].field).toBe('id');
  });

  it('keeps each shop’s carts to itself: a cookie of shop A opens nothing on shop B’s host', async () => {
    const a = await shopWithProducts(t, [5]);
    const b = await shopWithProducts(t, [5]);
    const onA = shopper(t, a.host);
    await onA.add(a.variants[0]!, 2);
    const onB = shopper(t, b.host);
    onB.cookie = onA.cookie;
    expect((await onB.send('GET', '/cart.js')).json()).toMatchObject({ itemCount: 0, lines: [] });
    // Adding on B with A's cookie makes B a cart of its own; A's is untouched.
    await onB.add(b.variants[0]!, 1);
    expect((await onA.send('GET', '/cart.js')).json()).toMatchObject({ itemCount: 2 });
    // On the platform's own host there is no cart route at all.
    const platform = await t.app.inject({ method: 'GET', url: '/cart.js', headers: { cookie: onA.cookie } });
    expect(platform.statusCode).toBe(404);
  });

  it('deletes a cart left idle for 30 days, not one touched since', async () => {
    const s = await shopWithProducts(t, [5]);
    const idle = shopper(t, s.host);
    const busy = shopper(t, s.host);
    await idle.add(s.variants[0]!);
    await busy.add(s.variants[0]!);
    t.clock.advance(20 * 86_400_000);
    await busy.add(s.variants[0]!);
    t.clock.advance(10 * 86_400_000 + 60_000);
    await t.platform.jobs.runDue();
    expect((await idle.send('GET', '/cart.js')).json().itemCount).toBe(0);
    expect((await busy.send('GET', '/cart.js')).json().itemCount).toBe(2);
    const carts = await t.platform.db.selectFrom('cart').select('id').where('shop_id', '=', s.shopId).execute();
    expect(carts).toHaveLength(1);
    t.clock.advance(20 * 86_400_000 + 60_000);
    await t.platform.jobs.runDue();
    expect((await busy.send('GET', '/cart.js')).json().itemCount).toBe(0);
  });
});
