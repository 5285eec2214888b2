import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, staffSession, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { PLATFORM_DOMAIN: 'shops.test' } });
});
afterAll(async () => {
  await t?.close();
});

let n = 0;
const slug = () => `loja-${process.pid}-${++n}`;
const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, cookie: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const storefront = (host: string, url = '/', headers: Record<string, string> = {}, remoteAddress = '203.0.113.5') =>
  t.app.inject({ method: 'GET', url, headers: { host, ...headers }, remoteAddress });

describe('shops: the merchant API (#9)', () => {
  it('opens a shop with defaults, lists it, changes it, and closes it; audited on the account', async () => {
    const { cookie, account } = await signUp(t.app);
    const s = slug();
    const created = await api('POST', '/api/v1/shops', cookie, { slug: s, name: 'Loja da Maria' });
    expect(created.statusCode).toBe(201);
    const shop = created.json();
    expect(shop).toMatchObject({
      slug: s,
      name: 'Loja da Maria',
      status: 'active',
      currency: 'EUR',
      defaultVatRate: 23,
      url: `http://${s}.shops.test:3000/`,
    });
    expect(shop.shippingRates).toEqual([
      { zone: 'pt-mainland', priceCents: 395 },
      { zone: 'pt-islands', priceCents: 795 },
      { zone: 'eu', priceCents: 1250 },
      { zone: 'world', priceCents: 2500 },
    ]);
    expect((await api('GET', '/api/v1/shops', cookie)).json().items.map((x: { id: string }) => x.id)).toEqual([
      shop.id,
    ]);
    const patched = await api('PATCH', `/api/v1/shops/${shop.id}`, cookie, {
      name: 'Loja da Maria, Lda.',
      defaultVatRate: 13,
      shippingRates: [{ zone: 'eu', priceCents: 990 }],
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'Loja da Maria, Lda.', defaultVatRate: 13 });
    expect(patched.json().shippingRates).toContainEqual({ zone: 'eu', priceCents: 990 });
    expect((await api('DELETE', `/api/v1/shops/${shop.id}`, cookie)).statusCode).toBe(204);
    expect((await api('GET', `/api/v1/shops/${shop.id}`, cookie)).json().status).toBe('closed');
    expect((await api('PATCH', `/api/v1/shops/${shop.id}`, cookie, { name: 'Reopened?' })).statusCode).toBe(409);
    const actions = (await t.platform.audit.listForTarget({ kind: 'shop', id: shop.id })).map((e) => e.action);
    expect(actions.sort()).toEqual(['shop.close', 'shop.create', 'shop.update']);
    const chains = await t.platform.db
      .selectFrom('audit_log')
      .select('chain')
      .where('target_id', '=', shop.id)
      .execute();
    expect(new Set(chains.map((c) => c.chain))).toEqual(new Set([`account:${account.id}`]));
  });

  it('refuses bad slugs and a taken one with 422 naming the field, and writes nothing', async () => {
    const { cookie } = await signUp(t.app);
    for (const bad of ['ab', '-loja', 'www', 'Loja Maria', 'x'.repeat(64)]) {
      const res = await api('POST', '/api/v1/shops', cookie, { slug: bad, name: 'X' });
      expect(res.statusCode, bad).toBe(422);
      expect(res.json().errors[0].field, bad).toBe('slug');
    }
    const s = slug();
    expect((await api('POST', '/api/v1/shops', cookie, { slug: s, name: 'First' })).statusCode).toBe(201);
    const other = await signUp(t.app);
    const taken = await api('POST', '/api/v1/shops', other.cookie, { slug: s, name: 'Second' });
    expect(taken.statusCode).toBe(422);
    expect(taken.json().errors).toEqual([expect.objectContaining({ field: 'slug' })]);
    expect((await api('GET', '/api/v1/shops', other.cookie)).json().items).toEqual([]);
    const wrong = await api('POST', '/api/v1/shops', cookie, {
      slug: slug(),
      name: 'Y',
      defaultVatRate: 21,
      branding: { primaryColour: 'blue' },
    });
    expect(wrong.statusCode).toBe(422);
    expect(
      wrong
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['branding.primaryColour', 'defaultVatRate']);
  });

  it("one merchant cannot see, change or close another's shop: 404, and the shop is unchanged", async () => {
    const a = await signUp(t.app);
    const b = await signUp(t.app);
    const shopB = (await api('POST', '/api/v1/shops', b.cookie, { slug: slug(), name: 'B' })).json();
    expect((await api('GET', `/api/v1/shops/${shopB.id}`, a.cookie)).statusCode).toBe(404);
    expect((await api('PATCH', `/api/v1/shops/${shopB.id}`, a.cookie, { name: 'Taken over' })).statusCode).toBe(404);
    expect((await api('DELETE', `/api/v1/shops/${shopB.id}`, a.cookie)).statusCode).toBe(404);
    expect((await api('GET', `/api/v1/shops/${shopB.id}`, b.cookie)).json()).toMatchObject({
      name: 'B',
      status: 'active',
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/shops' })).statusCode).toBe(401);
  });
});

describe('shops on their own hosts (#9)', () => {
  it('serves a shop at <slug>.<PLATFORM_DOMAIN>, with its name escaped; the platform stays on the bare domain', async () => {
    const { cookie } = await signUp(t.app);
    const s = slug();
    await api('POST', '/api/v1/shops', cookie, { slug: s, name: '<script>alert(1)</script> Loja' });
    const home = await storefront(`${s}.shops.test:3000`);
    expect(home.statusCode).toBe(200);
    expect(home.headers['content-type']).toMatch(/text\/html/);
    expect(home.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Loja');
    expect(home.body).not.toContain('<script>alert(1)');
    expect((await storefront(`${s}.shops.test`, '/api/v1/terms')).statusCode).toBe(404);
    expect((await storefront('shops.test', '/api/v1/terms')).statusCode).toBe(200);
    expect((await storefront('www.shops.test', '/api/v1/terms')).statusCode).toBe(200);
  });

  it('answers an unknown shop host with an HTML 404 page', async () => {
    const res = await storefront('no-such-shop.shops.test');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toMatch(/no shop at this address/);
  });

  it('answers a suspended shop with a neutral 503; staff suspend and reinstate it, audited', async () => {
    const { cookie } = await signUp(t.app);
    const s = slug();
    const shop = (await api('POST', '/api/v1/shops', cookie, { slug: s, name: 'Loja' })).json();
    const staff = await staffSession(t, ['support']);
    const suspend = await api('POST', `/api/v1/staff/shops/${shop.id}/suspend`, staff.cookie, {
      reason: 'unpaid invoices',
    });
    expect(suspend.json()).toEqual({ id: shop.id, status: 'suspended' });
    const down = await storefront(`${s}.shops.test`);
    expect(down.statusCode).toBe(503);
    expect(down.body).toMatch(/temporarily unavailable/);
    expect(down.body).not.toMatch(/unpaid/);
    expect((await api('POST', `/api/v1/staff/shops/${shop.id}/reinstate`, staff.cookie, {})).statusCode).toBe(200);
    expect((await storefront(`${s}.shops.test`)).statusCode).toBe(200);
    expect((await api('POST', `/api/v1/staff/shops/${shop.id}/suspend`, cookie, { reason: 'x' })).statusCode).toBe(401);
    const actions = (await t.platform.audit.listForTarget({ kind: 'shop', id: shop.id })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['shop.suspend', 'shop.reinstate']));
  });

  it('believes X-Forwarded-Host only from a trusted proxy', async () => {
    const { cookie } = await signUp(t.app);
    const s = slug();
    await api('POST', '/api/v1/shops', cookie, { slug: s, name: 'Loja' });
    const untrusted = await storefront('shops.test', '/', { 'x-forwarded-host': `${s}.shops.test` });
    expect(untrusted.body).not.toMatch(/<h1>Loja<\/h1>/);
    const behind = await createTestApp({ env: { PLATFORM_DOMAIN: 'shops.test', TRUST_PROXY: '10.0.0.1' } });
    try {
      const other = await signUp(behind.app);
      const s2 = slug();
      await behind.app.inject({
        method: 'POST',
        url: '/api/v1/shops',
        headers: { cookie: other.cookie },
        payload: { slug: s2, name: 'Atrás' },
      });
      const proxied = await behind.app.inject({
        method: 'GET',
        url: '/',
        headers: { host: 'internal:8080', 'x-forwarded-host': `${s2}.shops.test` },
        remoteAddress: '10.0.0.1',
      });
      expect(proxied.statusCode).toBe(200);
      expect(proxied.body).toMatch(/<h1>Atrás<\/h1>/);
    } finally {
      await behind.close();
    }
  });
});
