import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, signUp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

let n = 0;
const slugOf: Record<string, string> = {};
const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, cookie: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

async function merchantWithShop() {
  const { cookie } = await signUp(t.app);
  const slug = `cat-${process.pid}-${++n}`;
  const res = await api('POST', '/api/v1/shops', cookie, { slug, name: 'Loja' });
  expect(res.statusCode).toBe(201);
  slugOf[res.json().id] = slug;
  return { cookie, slug, shopId: res.json().id as string };
}

const tshirt = {
  title: 'Camisola Azul — Algodão',
  description: 'Feita em **Portugal**. <script>alert(1)</script>',
  status: 'active',
  options: [
    { name: 'Size', values: ['S', 'M'] },
    { name: 'Colour', values: ['Blue'] },
  ],
  variants: [
    { sku: 'CAM-AZ-S', priceCents: 1990, stock: 5, options: ['S', 'Blue'] },
    { sku: 'CAM-AZ-M', priceCents: 2190, stock: 0, options: ['M', 'Blue'] },
  ],
};

describe('catalogue: the merchant API (#9)', () => {
  it('adds a product with options and variants, a handle from its title, safe HTML and the shop’s VAT', async () => {
    const { cookie, shopId } = await merchantWithShop();
    const res = await api('POST', `/api/v1/shops/${shopId}/products`, cookie, tshirt);
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({ handle: 'camisola-azul-algodao', status: 'active', vatRate: 23 });
    expect(p.variants.map((v: { sku: string; priceCents: number }) => [v.sku, v.priceCents])).toEqual([
      ['CAM-AZ-S', 1990],
      ['CAM-AZ-M', 2190],
    ]);
    expect(p.descriptionHtml).toContain('<strong>Portugal</strong>');
    expect(p.descriptionHtml).not.toContain('<script');
    expect(p.descriptionHtml).toContain('&lt;script&gt;');
    // The same title again gets the next free handle.
    const again = await api('POST', `/api/v1/shops/${shopId}/products`, cookie, {
      ...tshirt,
      variants: [{ sku: 'OTHER', priceCents: 100, stock: 1, options: ['S', 'Blue'] }],
    });
    expect(again.json().handle).toBe('camisola-azul-algodao-2');
    const got = await api('GET', `/api/v1/shops/${shopId}/products/${p.id}`, cookie);
    expect(got.json()).toEqual(p);
  });

  it('names each wrong field: options, variant values, duplicate SKUs (in the body and in the shop)', async () => {
    const { cookie, shopId } = await merchantWithShop();
    const bad = await api('POST', `/api/v1/shops/${shopId}/products`, cookie, {
      ...tshirt,
      variants: [
        { sku: 'X1', priceCents: 100, stock: 1, options: ['XL', 'Blue'] },
        { sku: 'x1', priceCents: 100, stock: 1, options: ['S'] },
      ],
    });
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['variants.0.options.0', 'variants.1.options', 'variants.1.sku']);
    expect((await api('POST', `/api/v1/shops/${shopId}/products`, cookie, tshirt)).statusCode).toBe(201);
    const clash = await api('POST', `/api/v1/shops/${shopId}/products`, cookie, {
      ...tshirt,
      handle: 'another',
      variants: [{ sku: 'cam-az-m', priceCents: 100, stock: 1, options: ['M', 'Blue'] }],
    });
    expect(clash.statusCode).toBe(422);
    expect(clash.json().errors).toEqual([{ field: 'variants.0.sku', message: expect.stringContaining('SKU') }]);
    const handleTaken = await api('POST', `/api/v1/shops/${shopId}/products`, cookie, {
      ...tshirt,
      handle: 'camisola-azul-algodao',
      variants: [{ sku: 'NEW', priceCents: 100, stock: 1, options: ['M', 'Blue'] }],
    });
    expect(handleTaken.statusCode).toBe(422);
    expect(handleTaken.json().errors[0].field).toBe('handle');
    const noVariants = await api('POST', `/api/v1/shops/${shopId}/products`, cookie, { title: 'X', variants: [] });
    expect(noVariants.json().errors[0].field).toBe('variants');
    // Nothing of the refused products was written.
    const list = await api('GET', `/api/v1/shops/${shopId}/products`, cookie);
    expect(list.json().total).toBe(1);
  });

  it('changes variants keeping ids by id or SKU, swaps SKUs, and deletes what is left out', async () => {
    const { cookie, shopId } = await merchantWithShop();
    const p = (await api('POST', `/api/v1/shops/${shopId}/products`, cookie, tshirt)).json();
    const [s, m] = p.variants;
    const res = await api('PATCH', `/api/v1/shops/${shopId}/products/${p.id}`, cookie, {
      title: 'Camisola',
      variants: [
        { id: s.id, sku: 'CAM-AZ-M', priceCents: 1500, stock: 3, options: ['S', 'Blue'] },
        { sku: 'CAM-AZ-S', priceCents: 1600, stock: 4, options: ['M', 'Blue'] },
      ],
    });
    expect(res.statusCode).toBe(200);
    const changed = res.json();
    expect(changed.title).toBe('Camisola');
    expect(changed.handle).toBe(p.handle);
    expect(changed.variants[0]).toMatchObject({ id: s.id, sku: 'CAM-AZ-M', priceCents: 1500 });
    // The SKU CAM-AZ-S belonged to `s`, which took another SKU: the second line is a new variant.
    expect([s.id, m.id]).not.toContain(changed.variants[1].id);
    const only = await api('PATCH', `/api/v1/shops/${shopId}/products/${p.id}`, cookie, {
      variants: [{ id: s.id, sku: 'CAM-AZ-M', priceCents: 1500, stock: 3, options: ['S', 'Blue'] }],
    });
    expect(only.json().variants.map((v: { id: string }) => v.id)).toEqual([s.id]);
    const unknownId = await api('PATCH', `/api/v1/shops/${shopId}/products/${p.id}`, cookie, {
      variants: [{ id: 'var_nope', sku: 'Q', priceCents: 1, stock: 1, options: ['S', 'Blue'] }],
    });
    expect(unknownId.json().errors).toEqual([{ field: 'variants.0.id', message: expect.any(String) }]);
    expect((await api('DELETE', `/api/v1/shops/${shopId}/products/${p.id}`, cookie)).statusCode).toBe(204);
    expect((await api('GET', `/api/v1/shops/${shopId}/products/${p.id}`, cookie)).statusCode).toBe(404);
    const audit = (await t.platform.audit.listForTarget({ kind: 'product', id: p.id })).map((e) => e.action);
    expect(audit.sort()).toEqual(['product.create', 'product.delete', 'product.update', 'product.update']);
  });

  it('collections keep their order; products join by handle; list filters by collection and status', async () => {
    const { cookie, shopId } = await merchantWithShop();
    const a = (await api('POST', `/api/v1/shops/${shopId}/products`, cookie, { ...tshirt, handle: 'a' })).json();
    const b = (
      await api('POST', `/api/v1/shops/${shopId}/products`, cookie, {
        title: 'Caneca',
        handle: 'b',
        status: 'draft',
        variants: [{ sku: 'CAN', priceCents: 800, stock: 10 }],
      })
    ).json();
    const col = await api('POST', `/api/v1/shops/${shopId}/collections`, cookie, {
      title: 'Verão',
      products: ['b', 'a'],
    });
    expect(col.statusCode).toBe(201);
    expect(col.json()).toMatchObject({ handle: 'verao', productsCount: 2 });
    const unknown = await api('POST', `/api/v1/shops/${shopId}/collections`, cookie, {
      title: 'X',
      products: ['a', 'zzz'],
    });
    expect(unknown.json().errors).toEqual([{ field: 'products.1', message: expect.any(String) }]);
    const inCol = await api('GET', `/api/v1/shops/${shopId}/products?collection=verao`, cookie);
    expect(inCol.json().total).toBe(2);
    const drafts = await api('GET', `/api/v1/shops/${shopId}/products?status=draft`, cookie);
    expect(drafts.json().items.map((p: { id: string }) => p.id)).toEqual([b.id]);
    const withCollection = await api('PATCH', `/api/v1/shops/${shopId}/products/${a.id}`, cookie, {
      collections: [],
    });
    expect(withCollection.json().collections).toEqual([]);
    const cols = await api('GET', `/api/v1/shops/${shopId}/collections`, cookie);
    expect(cols.json().items.find((c: { handle: string }) => c.handle === 'verao').productsCount).toBe(1);
    await api('PATCH', `/api/v1/shops/${shopId}/products/${b.id}`, cookie, { status: 'active' });
    await api('PATCH', `/api/v1/shops/${shopId}/products/${a.id}`, cookie, { collections: ['verao'] });
    const shop = (await t.platform.shops.bySlug(slugOf[shopId]!))!;
    const page = await t.platform.catalogueReads.collectionPage(shop.scope, 'verao', { page: 1, perPage: 20 });
    expect(page?.products.map((p) => p.handle)).toEqual(['b', 'a']);
    expect(page?.total).toBe(2);
    const second = await t.platform.catalogueReads.collectionPage(shop.scope, 'verao', { page: 2, perPage: 1 });
    expect(second?.products.map((p) => p.handle)).toEqual(['a']);
    await api('PATCH', `/api/v1/shops/${shopId}/products/${b.id}`, cookie, { status: 'draft' });
    const hidden = await t.platform.catalogueReads.collectionPage(shop.scope, 'verao', { page: 1, perPage: 20 });
    expect(hidden?.products.map((p) => p.handle)).toEqual(['a']);
  });

  it('searches titles, SKUs and descriptions without accents, by prefix, best match first', async () => {
    const { cookie, shopId } = await merchantWithShop();
    const add = (title: string, sku: string, description = '') =>
      api('POST', `/api/v1/shops/${shopId}/products`, cookie, {
        title,
        description,
        status: 'active',
        variants: [{ sku, priceCents: 100, stock: 1 }],
      });
    await add('Sabonete de Alfazema', 'SAB-ALF');
    await add('Vela perfumada', 'VEL-01', 'Aroma de alfazema e limão');
    await add('Caderno', 'CAD-A5');
    const search = async (q: string) =>
      (await api('GET', `/api/v1/shops/${shopId}/products?q=${encodeURIComponent(q)}`, cookie))
        .json()
        .items.map((p: { title: string }) => p.title);
    expect(await search('alfaz')).toEqual(['Sabonete de Alfazema', 'Vela perfumada']);
    expect(await search('LIMAO')).toEqual(['Vela perfumada']);
    expect(await search('sab-alf')).toEqual(['Sabonete de Alfazema']);
    expect(await search('cad a5')).toEqual(['Caderno']);
    expect(await search("'&|!:*()")).toHaveLength(3);
    expect(await search('nada')).toEqual([]);

    // The index lookup runs as the tables' owner (migration 0027), bound to the transaction's shop:
    // another shop's matching product is not found, and with no shop named nothing is.
    const other = await merchantWithShop();
    await api('POST', `/api/v1/shops/${other.shopId}/products`, other.cookie, {
      title: 'Sabonete de Alfazema',
      status: 'active',
      variants: [{ sku: 'SAB-ALF', priceCents: 100, stock: 1 }],
    });
    expect(await search('alfaz')).toEqual(['Sabonete de Alfazema', 'Vela perfumada']);
    const unscoped = await sql<{
      id: string;
    }>`select id from shop_product_matches(to_tsquery('simple', 'alfaz:*'), null)`.execute(t.platform.db);
    expect(unscoped.rows).toEqual([]);
  });

  it('another merchant’s shop and product ids are not found', async () => {
    const a = await merchantWithShop();
    const b = await merchantWithShop();
    const p = (await api('POST', `/api/v1/shops/${b.shopId}/products`, b.cookie, tshirt)).json();
    expect((await api('GET', `/api/v1/shops/${b.shopId}/products/${p.id}`, a.cookie)).statusCode).toBe(404);
    expect((await api('GET', `/api/v1/shops/${a.shopId}/products/${p.id}`, a.cookie)).statusCode).toBe(404);
    expect(
      (await api('PATCH', `/api/v1/shops/${a.shopId}/products/${p.id}`, a.cookie, { title: 'x' })).statusCode,
    ).toBe(404);
    expect((await api('DELETE', `/api/v1/shops/${a.shopId}/products/${p.id}`, a.cookie)).statusCode).toBe(404);
    expect((await api('GET', `/api/v1/shops/${b.shopId}/products/${p.id}`, b.cookie)).json().title).toBe(tshirt.title);
  });
});
