import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { multipart } from '../../../test/multipart.js';
import { shopWithProducts } from '../../../test/shop-fixture.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

type Shop = Awaited<ReturnType<typeof shopWithProducts>>;
const api = (s: Shop, method: 'GET' | 'PATCH' | 'PUT' | 'DELETE', payload?: object, path = '') =>
  t.app.inject({
    method,
    url: `/api/v1/shops/${s.shopId}${path}`,
    headers: { cookie: s.merchant.cookie },
    ...(payload ? { payload } : {}),
  });
const page = (s: Shop, url: string) => t.app.inject({ method: 'GET', url, headers: { host: s.host } });

describe("a shop's contact and legal details, logo and privacy notice (#10 §1 Settings)", () => {
  it('shows the legal details on the storefront, and names the shop as controller in its privacy notice', async () => {
    const shop = await shopWithProducts(t, [3]);
    const bad = await api(shop, 'PATCH', { details: { email: 'not-an-email', address: { country: 'XX' } } });
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['details.address.country', 'details.email']);
    const saved = await api(shop, 'PATCH', {
      details: {
        legalName: 'Cerâmicas Ribeiro, Lda.',
        taxId: '509999999',
        email: 'Ola@Ceramicas.example',
        phone: '+351 222 000 111',
        address: { line1: 'Rua das Flores 10', postalCode: '4050-262', city: 'Porto', country: 'pt' },
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().details).toEqual({
      legalName: 'Cerâmicas Ribeiro, Lda.',
      taxId: '509999999',
      email: 'ola@ceramicas.example',
      phone: '+351 222 000 111',
      address: { line1: 'Rua das Flores 10', postalCode: '4050-262', city: 'Porto', country: 'PT' },
    });
    // Clearing one field leaves the others.
    const cleared = await api(shop, 'PATCH', { details: { phone: '' } });
    expect(cleared.json().details).toMatchObject({ phone: null, taxId: '509999999' });

    const home = await page(shop, '/');
    expect(home.body).toContain('Cerâmicas Ribeiro, Lda.');
    expect(home.body).toContain('509999999');
    expect(home.body).toContain('href="/privacy"');
    const notice = await page(shop, '/privacy');
    expect(notice.statusCode).toBe(200);
    expect(notice.body).toContain('Cerâmicas Ribeiro, Lda. decides how your data is used in this shop');
    expect(notice.body).toContain('hosts the shop on its behalf (the processor)');
    // Its sections are the data map's shopper records: the orders and the shopper account among them.
    expect(notice.body).toContain('Your orders');
    expect(notice.body).toContain('Your account at the shop');
    const pt = await t.app.inject({
      method: 'GET',
      url: '/privacy',
      headers: { host: shop.host, 'accept-language': 'pt-PT' },
    });
    expect(pt.body).toContain('Política de privacidade');
  });

  it('takes a logo through the upload checks, shows it in the header, and removes the old one’s files', async () => {
    const shop = await shopWithProducts(t, [3]);
    const png = await sharp({ create: { width: 600, height: 150, channels: 3, background: '#1f4f8f' } })
      .png()
      .toBuffer();
    const upload = (bytes: Buffer, filename = 'logo.png') => {
      const body = multipart([{ name: 'file', value: bytes, filename, type: 'image/png' }]);
      return t.app.inject({
        method: 'PUT',
        url: `/api/v1/shops/${shop.shopId}/logo`,
        headers: { cookie: shop.merchant.cookie, ...body.headers },
        payload: body.payload,
      });
    };
    const refused = await upload(Buffer.from('#!/bin/sh\necho hi\n'), 'logo.png');
    expect(refused.statusCode).toBe(422);
    expect((await upload(png)).statusCode).toBe(204);
    const first = (await api(shop, 'GET')).json().logo as { src: string; width: number };
    expect(first).toMatchObject({ width: 600, height: 150 });
    const home = await page(shop, '/');
    expect(home.body).toContain(first.src);
    const file = await page(shop, first.src);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/webp');
    // The back office shows it from another origin.
    expect(file.headers['cross-origin-resource-policy']).toBe('cross-origin');

    expect((await upload(png)).statusCode).toBe(204);
    const second = (await api(shop, 'GET')).json().logo as { src: string };
    expect(second.src).not.toBe(first.src);
    expect((await page(shop, first.src)).statusCode).toBe(404);
    expect((await api(shop, 'DELETE', undefined, '/logo')).statusCode).toBe(204);
    expect((await api(shop, 'GET')).json().logo).toBeNull();
    expect((await page(shop, second.src)).statusCode).toBe(404);
  });

  it('shows on the home page the collections the merchant chose, in that order', async () => {
    const shop = await shopWithProducts(t, [3, 3]);
    for (const [title, handle, product] of [
      ['Canecas', 'canecas', 'produto-1'],
      ['Pratos', 'pratos', 'produto-2'],
    ] as const) {
      const made = await t.app.inject({
        method: 'POST',
        url: `/api/v1/shops/${shop.shopId}/collections`,
        headers: { cookie: shop.merchant.cookie },
        payload: { title, handle, products: [product] },
      });
      expect(made.statusCode, made.body).toBe(201);
    }
    const before = (await page(shop, '/')).body;
    expect(before).toContain('href="/collections/canecas"');
    expect(before.indexOf('/collections/canecas')).toBeLessThan(before.indexOf('/collections/pratos'));
    const chosen = await api(shop, 'PATCH', { homeCollections: ['pratos'] });
    expect(chosen.json().homeCollections).toEqual(['pratos']);
    const home = (await page(shop, '/')).body;
    const main = home.slice(home.indexOf('<main'));
    expect(main).toContain('href="/collections/pratos"');
    expect(main).not.toContain('href="/collections/canecas"');
  });
});
