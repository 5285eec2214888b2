/**
 * npm run bench (shopper export and erasure at scale, #10): on a shop of 100,000 orders over 25,000
 * shoppers (bench/serve-shopper-rights.ts; BENCH_ORDERS, BENCH_SHOPPERS), the merchant's
 *  (a) export of one shopper with 20 orders (BENCH_SHOPPER_ORDERS):
 *      GET /api/v1/shops/:shopId/shoppers/:shopperId/export, the ZIP downloaded whole;
 *  (b) erasure of a fresh shopper with 20 orders each time: POST …/shoppers/:shopperId/erase;
 * each against "the plain statements": the hand-written SQL reading the same shopper's rows, and
 * erasing the same rows (deleted or anonymised to the same values), behind a bare route of the same
 * app process on the same database. Every request is timed from this process, one at a time; each
 * figure is the median of BENCH_RUNS (15) after BENCH_WARMUP (15) unmeasured runs of both sides, so
 * both are timed with their code compiled, not while the JIT is still at work (the first 15 exports
 * after start took 41.5 ms against 15.5 ms later; the plain reads 11.8 against 6.5). Erasures alternate which goes
 * first; after each pair, the orders left by the app's erasure and by the plain one must be the same.
 * Target: each within 3 × the plain statements. On PGlite, and PostgreSQL when DATABASE_URL or
 * TEST_DATABASE_URL is set.
 */
import os from 'node:os';
import { onEachDatabase } from './bench-databases.js';
import { startServer } from './processes.js';
import type { ShopperRightsReady } from './serve-shopper-rights.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 15);
const maximum = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(url: string, init: RequestInit = {}) {
  const t0 = performance.now();
  const res = await fetch(url, init);
  const body = Buffer.from(await res.arrayBuffer());
  const ms = performance.now() - t0;
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${body.toString()}`);
  return { ms, body, type: res.headers.get('content-type') ?? '' };
}

const post = (url: string, headers: Record<string, string> = {}) => timed(url, { method: 'POST', headers });

let failed = false;
await onEachDatabase('sellrocket_sr_bench', async (label, target) => {
  const t0 = performance.now();
  const server = await startServer<ShopperRightsReady>('serve-shopper-rights.ts', {
    ...process.env,
    BENCH_DATABASE_TARGET: JSON.stringify(target),
  });
  const readySeconds = (performance.now() - t0) / 1000;
  try {
    const { url, cookie, shopId, exportShopperId } = server.ready;
    const load = os.loadavg();
    const shopper = (id: string) => `${url}/api/v1/shops/${shopId}/shoppers/${id}`;

    // (a) Export: the same shopper every run (an export changes nothing but the audit log).
    const exports: number[] = [];
    const plainReads: number[] = [];
    const plainReadsInServer: number[] = [];
    let zipBytes = 0;
    let rowsRead = 0;
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const zip = await timed(`${shopper(exportShopperId)}/export`, { headers: { cookie } });
      if (!zip.type.startsWith('application/zip') || zip.body.subarray(0, 2).toString() !== 'PK')
        throw new Error(`the export is not a ZIP (${zip.type})`);
      const plain = await timed(`${url}/bench/plain-export/${exportShopperId}`);
      const inServer = JSON.parse(plain.body.toString()) as { ms: number; rows: number };
      if (i < WARMUP) continue;
      exports.push(zip.ms);
      plainReads.push(plain.ms);
      plainReadsInServer.push(inServer.ms);
      zipBytes = zip.body.length;
      rowsRead = inServer.rows;
    }

    // (b) Erasure: two fresh shoppers a run, one erased by the app, the other by the plain statements.
    const erasures: number[] = [];
    const plainErasures: number[] = [];
    const plainErasuresInServer: number[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const fresh = async () =>
        JSON.parse((await post(`${url}/bench/shopper`)).body.toString()) as { shopperId: string; orderIds: string[] };
      const [a, b] = [await fresh(), await fresh()];
      const byApp = () => post(`${shopper(a.shopperId)}/erase`, { cookie });
      const byPlain = () => post(`${url}/bench/plain-erase/${b.shopperId}`);
      let app: Awaited<ReturnType<typeof post>>;
      let plain: Awaited<ReturnType<typeof post>>;
      if (i % 2 === 0) {
        app = await byApp();
        plain = await byPlain();
      } else {
        plain = await byPlain();
        app = await byApp();
      }
      const summary = (JSON.parse(app.body.toString()) as { summary: Record<string, number> }).summary;
      const inServer = JSON.parse(plain.body.toString()) as { ms: number; rows: number };
      if (summary['shop_order:anonymised'] !== a.orderIds.length || inServer.rows !== b.orderIds.length)
        throw new Error(`erasure: not every order anonymised (${JSON.stringify(summary)}; plain ${inServer.rows})`);
      // What the two erasures leave must be the same: the same orders, anonymised alike; no shopper.
      const [left, right] = await Promise.all(
        [a, b].map(async (s) =>
          (
            await timed(`${url}/bench/orders-state?shopperId=${s.shopperId}&ids=${s.orderIds.join(',')}`)
          ).body.toString(),
        ),
      );
      if (left !== right)
        throw new Error(`the app's erasure and the plain one left different rows:\n${left}\n${right}`);
      if (i < WARMUP) continue;
      erasures.push(app.ms);
      plainErasures.push(plain.ms);
      plainErasuresInServer.push(inServer.ms);
    }

    const [exportMs, readMs, readInServer, eraseMs, plainEraseMs, plainEraseInServer] = [
      exports,
      plainReads,
      plainReadsInServer,
      erasures,
      plainErasures,
      plainErasuresInServer,
    ].map(median) as [number, number, number, number, number, number];
    const { orders, shoppers, shopperOrders, seedSeconds } = server.ready;
    console.log(
      `\n### Shopper export and erasure on ${label}: ${orders.toLocaleString('en')} orders over ${shoppers.toLocaleString('en')} shoppers in one shop, ` +
        `the measured shopper with ${shopperOrders} orders, median of ${RUNS} runs each after ${WARMUP} unmeasured ` +
        `(app ready in ${readySeconds.toFixed(0)} s, seeding ${seedSeconds.toFixed(1)} s of it; load average before ${load.map((l) => l.toFixed(2)).join(' ')})\n`,
    );
    console.log('| what | app, ms | plain statements, ms (inside the server) | ratio |');
    console.log('| --- | ---: | ---: | ---: |');
    const rows: [string, number, number, number][] = [
      [
        `export (GET …/export, ${(zipBytes / 1024).toFixed(0)} KB ZIP; plain: ${rowsRead} rows)`,
        exportMs,
        readMs,
        readInServer,
      ],
      [`erasure (POST …/erase; plain: one transaction)`, eraseMs, plainEraseMs, plainEraseInServer],
    ];
    for (const [what, app, plain, inServer] of rows)
      console.log(
        `| ${what} | ${app.toFixed(1)} | ${plain.toFixed(1)} (${inServer.toFixed(1)}) | ${(app / plain).toFixed(2)} |`,
      );
    console.log('');
    for (const [what, app, plain] of rows) {
      const ratio = app / plain;
      console.log(
        `target (${label}): ${what.split(' (')[0]} ≤ ${maximum} × plain statements → ${ratio.toFixed(2)} ${ratio <= maximum ? 'met' : 'NOT met'}`,
      );
    }
  } catch (e) {
    failed = true;
    throw e;
  } finally {
    await server.stop();
  }
});
if (failed) process.exitCode = 1;
