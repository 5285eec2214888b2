import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../../../test/harness.js';
import { multipart } from '../../../test/multipart.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { PLATFORM_DOMAIN: 'shops.test' } });
});
afterAll(async () => {
  await t?.close();
});

let n = 0;
async function merchantShop() {
  const { cookie } = await signUp(t.app);
  const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const shop = (await call('POST', '/api/v1/shops', { slug: `csv-${process.pid}-${++n}`, name: 'CSV' })).json();
  const importCsv = (csv: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/shops/${shop.id}/products/import`,
      headers: { cookie, 'content-type': 'text/csv' },
      payload: csv,
    });
  const products = async () =>
    (await call('GET', `/api/v1/shops/${shop.id}/products?perPage=100`)).json().items as {
      handle: string;
      title: string;
      description: string;
      status: string;
      options: { name: string; values: string[] }[];
      variants: { sku: string; priceCents: number; stock: number; options: string[] }[];
      collections: string[];
    }[];
  return { cookie, shop, call, importCsv, products };
}

const header =
  'Handle,Title,Body (HTML),Status,VAT Rate,Collections,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Option3 Name,Option3 Value,Variant SKU,Variant Price,Variant Inventory Qty,Variant Grams,Image Src';

describe('products as CSV (#10 §1)', () => {
  it('exports a row per variant in Shopify’s columns, and imports it into another shop as the same catalogue', async () => {
    const a = await merchantShop();
    await a.call('POST', `/api/v1/shops/${a.shop.id}/collections`, { title: 'Cozinha', handle: 'cozinha' });
    const mug = (
      await a.call('POST', `/api/v1/shops/${a.shop.id}/products`, {
        title: '=HYPERLINK("x") Caneca',
        handle: 'caneca',
        description: 'Feita à mão em **Barcelos**, "azul".',
        status: 'active',
        vatRate: 23,
        options: [{ name: 'Cor', values: ['Azul', 'Verde'] }],
        variants: [
          { sku: 'CAN-AZ', priceCents: 1250, stock: 3, weightGrams: 350, options: ['Azul'] },
          { sku: 'CAN-VD', priceCents: 1305, stock: 0, options: ['Verde'] },
        ],
        collections: ['cozinha'],
      })
    ).json();
    await a.call('POST', `/api/v1/shops/${a.shop.id}/products`, {
      title: 'Mel',
      status: 'draft',
      vatRate: 6,
      variants: [{ sku: 'MEL-1', priceCents: 800, stock: 10 }],
    });
    const photo = multipart([
      {
        name: 'file',
        value: await sharp({ create: { width: 300, height: 200, channels: 3, background: '#345' } })
          .png()
          .toBuffer(),
        filename: 'a.png',
        type: 'image/png',
      },
    ]);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/shops/${a.shop.id}/products/${mug.id}/images`,
      headers: { cookie: a.cookie, ...photo.headers },
      payload: photo.payload,
    });

    const exported = await a.call('GET', `/api/v1/shops/${a.shop.id}/products/export`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toMatch(/^text\/csv/);
    expect(exported.headers['content-disposition']).toMatch(/attachment; filename="products-csv-/);
    const lines = exported.body.trim().split('\r\n');
    expect(lines[0]).toBe(header);
    expect(lines).toHaveLength(4);
    // A title that would be a spreadsheet formula opens as text.
    expect(exported.body).toContain(`'=HYPERLINK`);
    expect(exported.body).toMatch(
      new RegExp(`http://${a.shop.slug}\\.shops\\.test(:\\d+)?/images/img_[0-9a-z]+/300\\.webp`),
    );

    const b = await merchantShop();
    await b.call('POST', `/api/v1/shops/${b.shop.id}/collections`, { title: 'Cozinha', handle: 'cozinha' });
    const imported = await b.importCsv(exported.body);
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toEqual({ products: 2, created: 2, updated: 0 });
    const strip = (ps: Awaited<ReturnType<typeof a.products>>) =>
      ps
        .map((p) => ({
          ...p,
          title: p.title.replace(/^'/, ''),
          id: undefined,
          createdAt: undefined,
          updatedAt: undefined,
          descriptionHtml: undefined,
          variants: p.variants.map((v) => ({ ...v, id: undefined })),
        }))
        .sort((x, y) => x.handle.localeCompare(y.handle));
    const [before, after] = [strip(await a.products()), strip(await b.products())];
    expect(after.map((p) => p.variants)).toEqual(before.map((p) => p.variants));
    expect(after.map((p) => [p.handle, p.title, p.status, p.options, p.collections])).toEqual(
      before.map((p) => [p.handle, p.title, p.status, p.options, p.collections]),
    );
    expect(after.find((p) => p.handle === 'caneca')!.description).toContain('**Barcelos**');
  });

  it('imports nothing when one row is wrong, and names the row and column of each problem', async () => {
    const s = await merchantShop();
    const csv = [
      header,
      'good,Good product,,active,23,,,,,,,,G-1,10.00,5,,',
      'caneca,Caneca,<p>Ok</p>,active,23,,Cor,Azul,,,,,C-AZ,12.50,3,,',
      'caneca,,,,,,,Verde,,,,,C-VD,twelve,3,,',
      'bad-qty,Other,,active,23,,,,,,,,O-1,"9,99",-2,,',
    ].join('\r\n');
    const res = await s.importCsv(csv);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.json().errors).toEqual([
      { field: 'row 4: Variant Price', message: expect.stringMatching(/price in euros/) },
      { field: 'row 5: Variant Inventory Qty', message: expect.stringMatching(/whole number/) },
    ]);
    expect(await s.products()).toEqual([]);
  });

  it('updates products it already has by handle, keeps variants by SKU, and rolls all back on a SKU clash', async () => {
    const s = await merchantShop();
    const first = await s.importCsv(
      [header, 'mel,Mel,,active,6,,,,,,,,MEL-1,8.00,10,,', 'sal,Sal,,active,6,,,,,,,,SAL-1,3.00,4,,'].join('\n'),
    );
    expect(first.json()).toEqual({ products: 2, created: 2, updated: 0 });
    const again = await s.importCsv([header, 'mel,Mel de urze,,active,6,,,,,,,,MEL-1,9.50,7,,'].join('\n'));
    expect(again.json()).toEqual({ products: 1, created: 0, updated: 1 });
    const mel = (await s.products()).find((p) => p.handle === 'mel')!;
    expect(mel).toMatchObject({ title: 'Mel de urze', variants: [{ sku: 'MEL-1', priceCents: 950, stock: 7 }] });

    // The second product takes the first one's SKU: refused while writing, so the first change is undone too.
    const clash = await s.importCsv(
      [header, 'mel,Mel novo,,active,6,,,,,,,,MEL-1,1.00,1,,', 'azeite,Azeite,,active,13,,,,,,,,SAL-1,7.00,2,,'].join(
        '\n',
      ),
    );
    expect(clash.statusCode).toBe(422);
    expect(clash.json().errors[0].field).toMatch(/^row 3: /);
    const after = await s.products();
    expect(after.map((p) => p.handle).sort()).toEqual(['mel', 'sal']);
    expect(after.find((p) => p.handle === 'mel')!.title).toBe('Mel de urze');
  });
});
