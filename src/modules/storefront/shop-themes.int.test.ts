import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../../../test/harness.js';
import { defaultThemeDir } from './theme/index.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { PLATFORM_DOMAIN: 'shops.test' } });
});
afterAll(async () => {
  await t?.close();
});

const defaultProduct = readFileSync(path.join(defaultThemeDir, 'templates/product.liquid'), 'utf8');

let n = 0;
async function shop() {
  const { cookie } = await signUp(t.app);
  const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const slug = `theme-${process.pid}-${++n}`;
  const s = (await call('POST', '/api/v1/shops', { slug, name: 'Tema' })).json();
  await call('POST', `/api/v1/shops/${s.id}/products`, {
    title: 'Caneca',
    handle: 'caneca',
    status: 'active',
    variants: [{ sku: 'C-1', priceCents: 900, stock: 5 }],
  });
  const page = (url: string) => t.app.inject({ method: 'GET', url, headers: { host: `${slug}.shops.test` } });
  const save = (files: Record<string, string | null>) =>
    call('POST', `/api/v1/shops/${s.id}/theme/versions`, { files });
  const overview = async () => (await call('GET', `/api/v1/shops/${s.id}/theme`)).json();
  return { s, call, page, save, overview };
}

describe('a shop’s theme code (#10 §1 Theme)', () => {
  it('refuses a file whose Liquid does not parse, naming file and line, and changes nothing', async () => {
    const x = await shop();
    const res = await x.save({
      'templates/product.liquid': `${defaultProduct}\n{% if product.available %}\n<p>open</p>`,
      'snippets/price.liquid': '{{ product.price | no_such_filter }}',
      '../../etc/passwd.liquid': 'x',
    });
    expect(res.statusCode).toBe(422);
    const fields = res.json().errors.map((e: { field: string; message: string }) => [e.field, e.message]);
    expect(fields).toEqual([
      [
        'files.templates/product.liquid',
        expect.stringMatching(/^Line \d+, column \d+: tag \{% if product\.available %\} not closed/),
      ],
      ['files.snippets/price.liquid', expect.stringMatching(/undefined filter: no_such_filter/)],
      ['files.../../etc/passwd.liquid', expect.stringMatching(/Not a theme file/)],
    ]);
    expect((await x.overview()).versions).toEqual([]);
    expect((await x.page('/products/caneca')).statusCode).toBe(200);
  });

  it('shows a saved version at once, keeps the history, and rolls back in one step', async () => {
    const x = await shop();
    expect((await x.page('/products/caneca')).body).not.toContain('Feito à mão');
    const v1 = await x.save({
      'templates/product.liquid': defaultProduct.replace('<h1>', '<p class="made">Feito à mão</p><h1>'),
    });
    expect(v1.statusCode, v1.body).toBe(201);
    expect((await x.page('/products/caneca')).body).toContain('Feito à mão');
    const v2 = await x.save({ 'snippets/price.liquid': '<span class="price-now">{{ product.price | money }}</span>' });
    expect(v2.json()).toEqual({ id: expect.stringMatching(/^thv_/), number: 2 });
    const both = (await x.page('/products/caneca')).body;
    expect(both).toContain('Feito à mão');
    expect(both).toContain('price-now');
    const o = await x.overview();
    expect(o).toMatchObject({ active: 2, fallback: 1, lastError: null });
    expect(o.versions.map((v: { number: number; files: string[] }) => [v.number, v.files])).toEqual([
      [2, ['snippets/price.liquid', 'templates/product.liquid']],
      [1, ['templates/product.liquid']],
    ]);
    const rollback = await x.call('POST', `/api/v1/shops/${x.s.id}/theme/versions/${v1.json().id}/activate`);
    expect(rollback.statusCode).toBe(204);
    expect((await x.page('/products/caneca')).body).not.toContain('price-now');
    expect((await x.call('POST', `/api/v1/shops/${x.s.id}/theme/reset`)).statusCode).toBe(204);
    expect((await x.page('/products/caneca')).body).not.toContain('Feito à mão');
    expect((await x.call('POST', `/api/v1/shops/${x.s.id}/theme/versions/thv_none/activate`)).statusCode).toBe(404);
  });

  it('serves the last good version when the live one fails while rendering, and tells the merchant', async () => {
    const x = await shop();
    await x.save({ 'templates/product.liquid': defaultProduct.replace('<h1>', '<p>Versão boa</p><h1>') });
    // Parses, but names a snippet the theme does not have: it fails only when a product page renders.
    const broken = await x.save({ 'templates/product.liquid': `${defaultProduct}\n{% render 'no-such-snippet' %}` });
    expect(broken.statusCode).toBe(201);
    const res = await x.page('/products/caneca');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Versão boa');
    // Other pages of the broken version still render with it.
    expect((await x.page('/')).statusCode).toBe(200);
    await expect
      .poll(async () => (await x.overview()).lastError)
      .toMatchObject({ version: 2, message: expect.stringMatching(/no-such-snippet/) });
  });
});
