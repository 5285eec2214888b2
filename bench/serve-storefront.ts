/**
 * The application under test for the storefront benchmark, in a process of its own: builds the
 * platform on a fresh embedded database (or on the target in BENCH_DATABASE_TARGET), seeds two
 * catalogues of the same size side by side (100 shops of 100 products, 500 shops of 20), adds the
 * ceiling routes, and tells its parent where it listens and what it seeded.
 *
 * Ceilings, on the platform's own host, each one statement on the tables the storefront reads:
 *  - GET /bench/pk/:shopId/:productId: one primary-key SELECT of a product;
 *  - GET /bench/list/:shopId: 20 of a shop's products with their count, one query;
 *  - POST /bench/raw-order/:shopId/:variantId: a guarded stock decrement and an order, one raw
 *    transaction (with carts made ahead of checkout runs and the oversell check: storefront-orders.ts).
 * A storefront request with `x-bench-uncached: 1` first drops its shop's rendered pages, so it is a
 * page-cache miss through the same code as any other (see storefront.bench.ts for why this way).
 * Default configuration otherwise (LOG_LEVEL=info unless the environment says otherwise), with a rate
 * limit high enough not to block the load generator.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { openBenchPlatform } from './bench-platform.js';
import { prepareOrders } from './storefront-orders.js';
import { seedShops, verifySeed, type SeededShop } from './storefront-seed.js';

export interface StorefrontReady {
  url: string;
  seedSeconds: number;
  /** Whether this build has checkout (the orders module's tables), and so the checkout routes. */
  checkout: boolean;
  /** The two catalogues: key → its shops. */
  catalogues: Record<string, SeededShop[]>;
}

const catalogueShapes = {
  '100 shops × 100 products': { prefix: 'big', shops: 100, productsPerShop: 100 },
  '500 shops × 20 products': { prefix: 'small', shops: 500, productsPerShop: 20 },
} as const;
const collectionSize = 20;

const { scratch, target, database, config, platform } = await openBenchPlatform('serve-storefront');

// BENCH_CPU_PROF=<dir>: a CPU profile of serving (seeding left out; the bench restarts it after its
// warm-up), written when the process stops.
const profiler = process.env.BENCH_CPU_PROF ? new inspector.Session() : null;
const post = (method: string, params?: object) =>
  new Promise<unknown>((resolve, reject) =>
    profiler!.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result))),
  );

async function shutDown() {
  if (profiler) {
    const { profile } = (await post('Profiler.stop')) as { profile: object };
    mkdirSync(process.env.BENCH_CPU_PROF!, { recursive: true });
    const file = path.join(process.env.BENCH_CPU_PROF!, `serve-storefront-${target.kind}-${process.pid}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.error(`CPU profile: ${file}`);
  }
  await app.close();
  await database.close();
  rmSync(scratch, { recursive: true, force: true });
  process.exit(0);
}

const seedStart = performance.now();
await verifySeed(platform);
const catalogues: Record<string, SeededShop[]> = {};
for (const [i, [name, shape]] of Object.entries(catalogueShapes).entries())
  catalogues[name] = await seedShops(platform, { ...shape, collectionSize, seed: i + 1 });
const seedSeconds = (performance.now() - seedStart) / 1000;
const hasOrders = await sql<{ t: string | null }>`select to_regclass('shop_order')::text as t`.execute(platform.db);
const orders = hasOrders.rows[0]?.t != null ? await prepareOrders(platform, catalogues, config.platformDomain) : null;

const app = await buildApp(platform, {
  extraRoutes: (a) => {
    a.get<{ Params: { shopId: string; productId: string } }>('/bench/pk/:shopId/:productId', async (req) => {
      const row = await sql<{ id: string; handle: string; title: string }>`
        select id, handle, title from product where shop_id = ${req.params.shopId} and id = ${req.params.productId}`.execute(
        platform.db,
      );
      return row.rows[0] ?? null;
    });
    a.get<{ Params: { shopId: string } }>('/bench/list/:shopId', async (req) => {
      const found = await sql<{ id: string; handle: string; title: string; total: string }>`
        select id, handle, title, vat_rate, created_at, count(*) over () as total
        from product where shop_id = ${req.params.shopId} and status = 'active'
        order by created_at desc, id limit 20`.execute(platform.db);
      return { items: found.rows, total: Number(found.rows[0]?.total ?? 0) };
    });
    orders?.routes(a);
    if (profiler)
      a.post('/bench/profile/restart', async () => {
        await post('Profiler.stop');
        await post('Profiler.start');
        return { restarted: true };
      });
    a.addHook('onRequest', (request, _reply, done) => {
      if (request.shop && request.headers['x-bench-uncached'] === '1')
        platform.storefrontCache.dropShop(request.shop.id);
      done();
    });
  },
});

process.on('disconnect', () => {
  void shutDown();
});
process.on('SIGTERM', () => {
  void shutDown();
});
process.on('SIGINT', () => {
  void shutDown();
});

if (profiler) {
  profiler.connect();
  await post('Profiler.enable');
  await post('Profiler.start');
}
const url = await app.listen({ port: 0, host: '127.0.0.1' });
const ready: StorefrontReady = { url, seedSeconds, checkout: orders !== null, catalogues };
if (process.send) process.send(ready);
else console.error(`serving on ${url} (seeded in ${seedSeconds.toFixed(1)} s; shops big-0…, small-0… on localhost)`);
