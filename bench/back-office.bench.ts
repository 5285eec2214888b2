/**
 * npm run bench (back-office product list, #10): the merchant's `GET /api/v1/shops/:shopId/products`
 * on a shop of 10,000 products (BENCH_PRODUCTS), signed in with the merchant's cookie, against the
 * ceiling "raw list-20 query": the same 20 products selected by one plain SQL statement on the same
 * database connection, behind a bare route of the same app process (bench/serve-back-office.ts).
 * Three lists, each with its own ceiling: pages spread over the whole list (`?page=N`), a search
 * (`?q=<word>`, the first pages of its results) and the active products (`?status=active`).
 * Before measuring, a few addresses of each are asked of both and must give the same products.
 *
 * Measured as bench/storefront.bench.ts measures its "list of 20" ceiling: autocannon in its own
 * process, BENCH_CONNECTIONS connections (50) cycling a fixed random sample of BENCH_SAMPLE (300)
 * addresses, best of BENCH_ROUNDS (2) rounds of BENCH_SECONDS (2) s each after a warm-up. Target:
 * each list ≥ 0.5 × its raw query. On PGlite, and PostgreSQL when DATABASE_URL or TEST_DATABASE_URL
 * is set.
 */
import os from 'node:os';
import type autocannon from 'autocannon';
import { onEachDatabase } from './bench-databases.js';
import { measureAll, measureOnce, verdict, type LoadTarget, type Measured } from './measure.js';
import { startLoadGenerator, startServer } from './processes.js';
import type { BackOfficeReady } from './serve-back-office.js';
import { materials, nouns, random } from './storefront-seed.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
// Ten: the PostgreSQL pool's size (PGlite answers one query at a time whatever the number).
const connections = Number(process.env.BENCH_BACK_OFFICE_CONNECTIONS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const sampleSize = Number(process.env.BENCH_SAMPLE ?? 300);
const minimum = 0.5;

const words = [...nouns, ...materials.map((m) => m.replace(/^de /, ''))].map((w) => w.toLowerCase());

const lists = [
  { kind: 'pages spread over the list', query: 'page=N' },
  { kind: 'search', query: 'q=<word>' },
  { kind: 'active products', query: 'status=active' },
] as const;
type Kind = (typeof lists)[number]['kind'];

/** The query strings of one kind of list, a fixed random sample. */
function queries(kind: Kind, ready: BackOfficeReady, seed: number): string[] {
  const rng = random(seed);
  return Array.from({ length: sampleSize }, () => {
    if (kind === 'pages spread over the list') return `page=${1 + rng.int(Math.ceil(ready.products / 20))}`;
    if (kind === 'active products') return `status=active&page=${1 + rng.int(Math.ceil(ready.active / 20))}`;
    // Whole words and prefixes (search matches prefixes): "caneca", "cort"; the first three pages.
    const word = rng.pick(words);
    return `q=${encodeURIComponent(rng.int(2) ? word : word.slice(0, 4))}&page=${1 + rng.int(3)}`;
  });
}

const cell = (m: Measured | undefined) =>
  m ? [m.rps.toFixed(0), m.p50.toFixed(1), m.p99.toFixed(1), String(m.errors)] : ['–', '–', '–', '–'];
const row = (cells: string[]) => console.log(`| ${cells.join(' | ')} |`);

const generator = startLoadGenerator();
let failed = false;
try {
  await onEachDatabase('sellrocket_bo_bench', async (label, target) => {
    const t0 = performance.now();
    const server = await startServer<BackOfficeReady>('serve-back-office.ts', {
      ...process.env,
      BENCH_DATABASE_TARGET: JSON.stringify(target),
    });
    const readySeconds = (performance.now() - t0) / 1000;
    try {
      const ready = server.ready;
      const { url, cookie, shopId } = ready;
      const appPath = (q: string) => `/api/v1/shops/${shopId}/products?${q}`;
      const rawPath = (q: string) => `/bench/list/${shopId}?${q}`;

      // The same products both ways, or the comparison means nothing.
      for (const [i, { kind }] of lists.entries())
        for (const q of queries(kind, ready, i + 1).slice(0, 5)) {
          const [a, b] = await Promise.all(
            [fetch(`${url}${appPath(q)}`, { headers: { cookie } }), fetch(`${url}${rawPath(q)}`)].map(async (r) => {
              const res = await r;
              if (!res.ok) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
              return (await res.json()) as { items: { id: string }[]; total: number };
            }),
          );
          const ids = (x: typeof a) => `${x!.total}: ${x!.items.map((p) => p.id).join(',')}`;
          if (ids(a) !== ids(b)) throw new Error(`${kind} (${q}): the app's list and the raw query differ`);
          if (a!.items.length === 0) throw new Error(`${kind} (${q}): an empty page`);
        }

      // Each run ends when the server has answered every request of it still queued for the database.
      const idle = async () => {
        const r = (await (await fetch(`${url}/bench/idle`)).json()) as { idle: boolean };
        if (!r.idle) console.log('(the server was still busy 20 s after a run)');
      };
      const targets = lists.flatMap(({ kind }, i) => {
        const qs = queries(kind, ready, i + 1);
        return [
          {
            name: `raw list-20 query: ${kind}`,
            url,
            requests: qs.map((q): autocannon.Request => ({ method: 'GET', path: rawPath(q) })),
          },
          {
            name: `GET …/products: ${kind}`,
            url,
            requests: qs.map((q): autocannon.Request => ({ method: 'GET', path: appPath(q), headers: { cookie } })),
          },
        ].map((t: LoadTarget) => ({
          ...t,
          run: async (secs: number) => {
            const m = await measureOnce(t, { connections, seconds: secs, load: generator.run });
            await idle();
            return m;
          },
        }));
      });
      const load = os.loadavg();
      const best = await measureAll(targets, { connections, seconds, rounds, load: generator.run });

      console.log(
        `\n### Back-office product list on ${label}: ${ready.products.toLocaleString('en')} products (${ready.active.toLocaleString('en')} active) in one shop, ` +
          `best of ${rounds} rounds of ${seconds} s, ${connections} connections, ${sampleSize} addresses per target ` +
          `(app ready in ${readySeconds.toFixed(0)} s, seeding ${ready.seedSeconds.toFixed(1)} s of it; load average before ${load.map((l) => l.toFixed(2)).join(' ')})\n`,
      );
      row([
        'list',
        'raw list-20 req/s',
        'p50 ms',
        'p99 ms',
        'errors',
        'app req/s',
        'p50 ms',
        'p99 ms',
        'errors',
        'ratio',
      ]);
      row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']);
      for (const { kind, query } of lists) {
        const raw = best.get(`raw list-20 query: ${kind}`);
        const got = best.get(`GET …/products: ${kind}`);
        row([`${kind} (\`${query}\`)`, ...cell(raw), ...cell(got), raw && got ? (got.rps / raw.rps).toFixed(2) : '–']);
      }
      console.log('');
      for (const { kind } of lists) {
        const v = verdict(best.get(`GET …/products: ${kind}`), best.get(`raw list-20 query: ${kind}`), minimum);
        if (v.text.startsWith('not valid')) failed = true;
        console.log(`target (${label}): ${kind} ≥ ${minimum} × raw list-20 query → ${v.ratio.toFixed(2)} ${v.text}`);
      }
    } finally {
      await server.stop();
    }
  });
} finally {
  generator.stop();
}
if (failed) process.exitCode = 1;
