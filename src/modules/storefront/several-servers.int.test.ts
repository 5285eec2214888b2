import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, testDbKind, type TestApp } from '../../../test/harness.js';

// Two app servers on one PostgreSQL: what one changes, the other shows on its next request.
describe.skipIf(testDbKind !== 'postgres')('the storefront on several app servers (#9)', () => {
  let a: TestApp;
  let b: Awaited<ReturnType<TestApp['anotherServer']>>;
  beforeAll(async () => {
    a = await createTestApp({ env: { PLATFORM_DOMAIN: 'shops.test' } });
    b = await a.anotherServer();
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('a price change through one server shows on the other’s next request, though it had the page cached', async () => {
    const { cookie } = await signUp(a.app);
    const slug = `multi-${process.pid}`;
    const shop = (
      await a.app.inject({
        method: 'POST',
        url: '/api/v1/shops',
        headers: { cookie },
        payload: { slug, name: 'Multi' },
      })
    ).json();
    const product = (
      await a.app.inject({
        method: 'POST',
        url: `/api/v1/shops/${shop.id}/products`,
        headers: { cookie },
        payload: {
          title: 'Chávena',
          handle: 'chavena',
          status: 'active',
          variants: [{ sku: 'CH', priceCents: 1111, stock: 5 }],
        },
      })
    ).json();
    const onB = () =>
      b.app.inject({ method: 'GET', url: '/products/chavena', headers: { host: `${slug}.shops.test` } });
    expect((await onB()).body).toMatch(/11[.,]11/);
    const cached = await onB();
    expect(b.platform.storefrontCache.size()).toBeGreaterThan(0);
    expect(cached.body).toMatch(/11[.,]11/);
    const changed = await a.app.inject({
      method: 'PATCH',
      url: `/api/v1/shops/${shop.id}/products/${product.id}`,
      headers: { cookie },
      payload: { variants: [{ id: product.variants[0].id, sku: 'CH', priceCents: 2222, stock: 5 }] },
    });
    expect(changed.statusCode).toBe(200);
    const next = await onB();
    expect(next.body).toMatch(/22[.,]22/);
    expect(next.body).not.toMatch(/11[.,]11/);
  });

  it('a shop suspended through one server is unavailable on the other’s next request', async () => {
    const { cookie } = await signUp(a.app);
    const slug = `multi-s-${process.pid}`;
    const shop = (
      await a.app.inject({
        method: 'POST',
        url: '/api/v1/shops',
        headers: { cookie },
        payload: { slug, name: 'Multi' },
      })
    ).json();
    const onB = () => b.app.inject({ method: 'GET', url: '/', headers: { host: `${slug}.shops.test` } });
    expect((await onB()).statusCode).toBe(200);
    const ctx = {
      requestId: 't',
      ip: '127.0.0.1',
      userAgent: null,
      now: new Date(),
      actor: { kind: 'system' as const },
    };
    await a.platform.shops.setSuspended(ctx, shop.id, true, 'test');
    expect((await onB()).statusCode).toBe(503);
  });
});
