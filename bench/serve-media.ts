/**
 * The application under test for the upload benchmark, in a process of its own: the platform on a
 * fresh database (or BENCH_DATABASE_TARGET), a merchant with a shop and a product, and the ceiling
 * route: POST /bench/sharp-alone?count=N&concurrency=C converts the bench's JPEG with sharp alone —
 * the same sizes and formats as an upload, nothing else (no sniffing, scanning, storing or request
 * body) — and answers how long that took. Tells its parent where it listens and the merchant's cookie.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { buildApp } from '../src/app.js';
import { renditionFormats, renditionWidths } from '../src/modules/media/index.js';
import { openBenchPlatform } from './bench-platform.js';

export interface MediaReady {
  url: string;
  cookie: string;
  uploadPath: string;
  jpegFile: string;
  jpegBytes: number;
}

const { scratch, database, platform } = await openBenchPlatform('serve-media');

// A 2 MB photo-like JPEG: smooth gradients with fine noise (what camera sensors give), 3000 × 2000.
const noise = await sharp({
  create: {
    width: 3000,
    height: 2000,
    channels: 3,
    background: '#808080',
    noise: { type: 'gaussian', mean: 128, sigma: 24 },
  },
})
  .png()
  .toBuffer();
const jpeg = await sharp(noise).blur(0.6).modulate({ saturation: 1.4 }).jpeg({ quality: 91 }).toBuffer();
const jpegFile = path.join(scratch, 'bench.jpg');
writeFileSync(jpegFile, jpeg);

/** What an upload's conversion is, with sharp alone (the pipeline's settings: image-pipeline.ts). */
async function sharpAlone() {
  const upright = sharp(jpeg).rotate();
  for (const w of renditionWidths)
    for (const format of renditionFormats) {
      const resized = upright.clone().resize({ width: w, withoutEnlargement: true });
      await (format === 'avif' ? resized.avif({ quality: 55, effort: 2 }) : resized.webp({ quality: 78 })).toBuffer();
    }
}

const app = await buildApp(platform, {
  extraRoutes: (a) => {
    a.post<{ Querystring: { count: string; concurrency: string } }>('/bench/sharp-alone', async (req) => {
      const count = Number(req.query.count);
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: Number(req.query.concurrency) }, async () => {
          while (next++ < count) await sharpAlone();
        }),
      );
      return { seconds: (performance.now() - started) / 1000 };
    });
  },
});

const signup = await app.inject({
  method: 'POST',
  url: '/api/v1/auth/signup',
  payload: {
    firstName: 'Bench',
    lastName: 'Merchant',
    email: 'bench@media.example',
    password: 'correct horse battery staple 42',
    phone: '+351912345678',
    company: 'Bench, Lda.',
    nif: 'PT501964843',
    marketingConsent: false,
    acceptTerms: true,
    address: { line1: 'Rua 1', postalCode: '1100-048', city: 'Lisboa', country: 'PT' },
  },
});
const cookie = signup.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
const shop = (
  await app.inject({
    method: 'POST',
    url: '/api/v1/shops',
    headers: { cookie },
    payload: { slug: 'bench', name: 'Bench' },
  })
).json();
const product = (
  await app.inject({
    method: 'POST',
    url: `/api/v1/shops/${shop.id}/products`,
    headers: { cookie },
    payload: { title: 'Bench', status: 'active', variants: [{ sku: 'B-1', priceCents: 100, stock: 1 }] },
  })
).json();
if (!product.id) throw new Error(`bench set-up failed: ${signup.statusCode} ${signup.body}`);

const url = await app.listen({ port: 0, host: '127.0.0.1' });
const ready: MediaReady = {
  url,
  cookie,
  uploadPath: `/api/v1/shops/${shop.id}/products/${product.id}/images`,
  jpegFile,
  jpegBytes: jpeg.length,
};
process.send?.(ready);
process.on('disconnect', () => {
  void app
    .close()
    .then(() => database.close())
    .then(() => process.exit(0));
});
