import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createTestApp, signUp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { PLATFORM_DOMAIN: 'shops.test' } });
});
afterAll(async () => {
  await t?.close();
});

let n = 0;
const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, cookie: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

async function shopWithCatalogue(name = 'Loja do Zé') {
  const { cookie } = await signUp(t.app);
  const slug = `sf-${process.pid}-${++n}`;
  const shop = (await api('POST', '/api/v1/shops', cookie, { slug, name })).json();
  await api('POST', `/api/v1/shops/${shop.id}/collections`, cookie, { title: 'Cozinha', handle: 'cozinha' });
  const mug = (
    await api('POST', `/api/v1/shops/${shop.id}/products`, cookie, {
      title: 'Caneca de barro',
      handle: 'caneca',
      description: 'Feita à mão em **Barcelos**.',
      status: 'active',
      options: [{ name: 'Cor', values: ['Azul', 'Verde'] }],
      variants: [
        { sku: 'CAN-AZ', priceCents: 1250, stock: 3, options: ['Azul'] },
        { sku: 'CAN-VD', priceCents: 1350, stock: 0, options: ['Verde'] },
      ],
      collections: ['cozinha'],
    })
  ).json();
  const host = `${slug}.shops.test`;
  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers: { host, ...headers } });
  return { cookie, shop, mug, host, get };
}

describe('the storefront: server-rendered pages (#9)', () => {
  it('home, collection, product and search pages are plain HTML that needs no script', async () => {
    const s = await shopWithCatalogue();
    const home = await s.get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Caneca de barro');
    expect(home.body).toContain('href="/collections/cozinha"');
    const col = await s.get('/collections/cozinha');
    expect(col.statusCode).toBe(200);
    expect(col.body).toContain('href="/products/caneca"');
    const product = await s.get('/products/caneca');
    expect(product.statusCode).toBe(200);
    expect(product.body).toContain('<strong>Barcelos</strong>');
    expect(product.body).toMatch(
      /<form[^>]+method="post"[^>]+action="\/cart\/add"|<form[^>]+action="\/cart\/add"[^>]+method="post"/,
    );
    expect(product.body).toContain(`value="${s.mug.variants[0].id}"`);
    // The only script is the JSON-LD data block.
    const scripts = product.body.match(/<script[^>]*>/g) ?? [];
    expect(scripts).toEqual(['<script type="application/ld+json">']);
    const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(product.body)![1]!);
    expect(ld['@type']).toBe('Product');
    expect(JSON.stringify(ld)).toContain('12.50');
    expect(product.body).toContain(`<link rel="canonical" href="http://${s.host}/products/caneca"`);
    expect(product.body).toMatch(/<meta property="og:title"/);
    expect(/<meta name="description" content="([^"]*)"/.exec(product.body)?.[1]).toBe('Feita à mão em Barcelos.');
    const search = await s.get('/search?q=barro');
    expect(search.body).toContain('href="/products/caneca"');
    const none = await s.get('/search?q=inexistente');
    expect(none.body).not.toContain('href="/products/caneca"');
    expect((await s.get('/products/nao-existe')).statusCode).toBe(404);
    expect((await s.get('/collections/nao-existe')).statusCode).toBe(404);
    expect((await s.get('/no/such/page')).statusCode).toBe(404);
  });

  it('renders a hostile product title as text, never as markup', async () => {
    const s = await shopWithCatalogue('<script>alert(1)</script> Loja');
    await api('PATCH', `/api/v1/shops/${s.shop.id}/products/${s.mug.id}`, s.cookie, {
      title: '<script>alert(1)</script>',
    });
    for (const url of ['/', '/products/caneca', '/collections/cozinha', '/search?q=alert']) {
      const page = await s.get(url);
      expect(page.body, url).not.toContain('<script>alert(1)');
      expect(page.body, url).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });

  it('/products/<handle>.js answers JSON with variants, prices and availability, not stock counts', async () => {
    const s = await shopWithCatalogue();
    const res = await s.get('/products/caneca.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const p = res.json();
    expect(p).toMatchObject({ handle: 'caneca', price: 1250, price_min: 1250, available: true });
    expect(p.variants.map((v: { title: string; available: boolean }) => [v.title, v.available])).toEqual([
      ['Azul', true],
      ['Verde', false],
    ]);
    expect(JSON.stringify(p)).not.toContain('"stock"');
    expect((await s.get('/products/nada.js')).statusCode).toBe(404);
  });

  it('sends ETag and no-cache on catalogue pages, 304 on a match, and a new page after a price change', async () => {
    const s = await shopWithCatalogue();
    const first = await s.get('/products/caneca');
    expect(first.headers['cache-control']).toBe('public, no-cache');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    const again = await s.get('/products/caneca', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    await api('PATCH', `/api/v1/shops/${s.shop.id}/products/${s.mug.id}`, s.cookie, {
      variants: [
        { id: s.mug.variants[0].id, sku: 'CAN-AZ', priceCents: 999, stock: 3, options: ['Azul'] },
        { id: s.mug.variants[1].id, sku: 'CAN-VD', priceCents: 1350, stock: 0, options: ['Verde'] },
      ],
    });
    // The change's announcement reaches the cache when the transaction commits.
    await expect.poll(async () => (await s.get('/products/caneca', { 'if-none-match': etag })).statusCode).toBe(200);
    expect((await s.get('/products/caneca')).body).toMatch(/9[.,]99/);
  });

  it('answers a cached page compressed in the encoding asked, with its own ETag and 304', async () => {
    const s = await shopWithCatalogue();
    const plain = await s.get('/products/caneca');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/);
    for (const [asked, encoding, decode] of [
      ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
      ['gzip;q=1, br;q=0', 'gzip', gunzipSync],
    ] as const) {
      // The compressed form is made off the main thread after the page's first hit from the cache.
      await expect
        .poll(async () => (await s.get('/products/caneca', { 'accept-encoding': asked })).headers['content-encoding'])
        .toBe(encoding);
      const packed = await s.get('/products/caneca', { 'accept-encoding': asked });
      expect(decode(packed.rawPayload).toString()).toBe(plain.body);
      expect(Number(packed.headers['content-length'])).toBeLessThan(plain.body.length / 2);
      const etag = packed.headers.etag as string;
      expect(etag).not.toBe(plain.headers.etag);
      expect((await s.get('/products/caneca', { 'accept-encoding': asked, 'if-none-match': etag })).statusCode).toBe(
        304,
      );
    }
    // No encoding asked, or only one we do not make: the page's own bytes.
    expect(
      (await s.get('/products/caneca', { 'accept-encoding': 'identity' })).headers['content-encoding'],
    ).toBeUndefined();
    expect(
      (await s.get('/products/caneca', { 'accept-encoding': 'compress' })).headers['content-encoding'],
    ).toBeUndefined();
  });

  it('serves robots.txt and a sitemap index whose pages list every active product and collection', async () => {
    const s = await shopWithCatalogue();
    const robots = await s.get('/robots.txt');
    expect(robots.body).toContain(`Sitemap: http://${s.host}/sitemap.xml`);
    expect(robots.body).toMatch(/Disallow: \/checkout/);
    const index = await s.get('/sitemap.xml');
    expect(index.headers['content-type']).toMatch(/xml/);
    expect(index.body).toContain(`<loc>http://${s.host}/sitemap-1.xml</loc>`);
    const page = await s.get('/sitemap-1.xml');
    expect(page.body).toContain(`<loc>http://${s.host}/products/caneca</loc>`);
    expect(page.body).toContain(`<loc>http://${s.host}/collections/cozinha</loc>`);
    expect((await s.get('/sitemap-2.xml')).statusCode).toBe(404);
  });

  it('shows the cookie banner with the shop as controller until the visitor decides; the decision is the shop’s record', async () => {
    const s = await shopWithCatalogue('Loja Consentida');
    const page = await s.get('/');
    expect(page.body).toMatch(/<form[^>]*action="\/cookies\/consent"/);
    expect(page.body).toContain('Loja Consentida');
    expect(page.headers['set-cookie']).toBeUndefined();
    const decided = await t.app.inject({
      method: 'POST',
      url: '/cookies/consent',
      headers: { host: s.host, 'content-type': 'application/x-www-form-urlencoded', origin: `http://${s.host}` },
      payload: 'method=reject-all&return_to=%2Fproducts%2Fcaneca',
    });
    expect(decided.statusCode).toBe(303);
    expect(decided.headers.location).toBe('/products/caneca');
    const cookie = String(decided.headers['set-cookie']).split(';')[0]!;
    const after = await s.get('/', { cookie });
    expect(page.body).toContain('class="consent"');
    expect(after.body).not.toContain('class="consent"');
    const rows = await t.platform.db
      .selectFrom('shop_cookie_consent')
      .select(['shop_id', 'method', 'statistical', 'marketing'])
      .where('shop_id', '=', s.shop.id)
      .execute();
    expect(rows).toEqual([{ shop_id: s.shop.id, method: 'reject-all', statistical: false, marketing: false }]);
    const offsite = await t.app.inject({
      method: 'POST',
      url: '/cookies/consent',
      headers: { host: s.host, 'content-type': 'application/x-www-form-urlencoded', origin: `http://${s.host}` },
      payload: 'method=accept-all&return_to=%2F%2Fevil.example',
    });
    expect(offsite.headers.location).toBe('/');
  });

  it('answers in Portuguese to a Portuguese browser', async () => {
    const s = await shopWithCatalogue();
    const pt = await s.get('/products/caneca', { 'accept-language': 'pt-PT,pt;q=0.9' });
    const en = await s.get('/products/caneca', { 'accept-language': 'en-GB' });
    expect(pt.body).toMatch(/<html lang="pt-PT"/);
    expect(en.body).toMatch(/<html lang="en"/);
    expect(pt.headers.etag).not.toBe(en.headers.etag);
  });

  it('takes form posts on storefront routes only: the API answers a form with 415 before reading it', async () => {
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a%40b.pt&password=x',
    });
    expect(api.statusCode).toBe(415);
    expect(api.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
