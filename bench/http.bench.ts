/**
 * npm run bench: HTTP throughput of the platform against its own ceilings, on the embedded
 * database and (when DATABASE_URL or TEST_DATABASE_URL is set) on PostgreSQL.
 *  - framework ceiling: a route that does nothing;
 *  - database ceiling: a route that runs one primary-key SELECT;
 *  - GET /api/v1/account (authenticated) and POST /api/v1/auth/login (argon2id-bound).
 * The load generator (autocannon) runs in a worker thread, so it takes the other core.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { onEachDatabase } from './bench-databases.js';
import { buildApp } from '../src/app.js';
import { systemClock } from '../src/core/clock.js';
import { loadConfig } from '../src/core/config.js';
import { parseKeyring } from '../src/core/crypto/field-encryption.js';
import { openDatabase, type DatabaseTarget } from '../src/core/db/database.js';
import { migrate } from '../src/core/db/migrate.js';
import { createPlatform } from '../src/platform.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);

interface Row { route: string; rps: number; p50: number; p99: number; errors: number }

async function load(url: string, opts: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string; duration?: number } = {}): Promise<autocannon.Result> {
  return autocannon({
    url, connections, duration: opts.duration ?? seconds, workers: 1,
    method: opts.method ?? 'GET', headers: opts.headers ?? {}, ...(opts.body ? { body: opts.body } : {}),
  });
}

async function benchOn(label: string, target: DatabaseTarget): Promise<Row[]> {
  const database = await openDatabase(target);
  await migrate(database.db, systemClock);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '100000000', DATA_DIR: os.tmpdir() });
  const platform = createPlatform({
    config, clock: systemClock, database, onError: (e) => console.error(e),
    secrets: { keyring: parseKeyring(`b1:${randomBytes(32).toString('base64')}`), hashKey: randomBytes(32) },
  });
  const app = await buildApp(platform, {
    extraRoutes: (a) => {
      a.get('/bench/trivial', async () => ({ ok: true }));
      a.get<{ Params: { id: string } }>('/bench/pk/:id', async (req) => {
        const row = await sql<{ id: string }>`select id from account where id = ${req.params.id}`.execute(platform.db);
        return { id: row.rows[0]?.id ?? null };
      });
    },
  });
  try {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const email = `bench.${Date.now()}@example.pt`;
    const password = 'benchmark passphrase';
    const signup = await app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: {
      firstName: 'Bench', lastName: 'Mark', email, password, phone: '+351912345678',
      address: { line1: 'Rua 1', postalCode: '1000-001', city: 'Lisboa', country: 'PT' }, acceptTerms: true,
    } });
    // Measuring error answers would be meaningless: stop here if the account could not be opened.
    if (signup.statusCode !== 201) throw new Error(`bench signup failed: ${signup.statusCode} ${signup.body}`);
    const accountId = signup.json().id as string;
    const cookie = signup.cookies.map((c) => `${c.name}=${c.value}`).join('; ');

    await load(`${address}/bench/trivial`, { duration: 1 }); // warm-up
    const routes: [string, () => Promise<autocannon.Result>][] = [
      ['framework ceiling (no-op route)', () => load(`${address}/bench/trivial`)],
      ['database ceiling (1 PK SELECT)', () => load(`${address}/bench/pk/${accountId}`)],
      ['GET /api/v1/account', () => load(`${address}/api/v1/account`, { headers: { cookie } })],
      ['POST /api/v1/auth/login', () => load(`${address}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) })],
    ];
    const rows: Row[] = [];
    for (const [route, run] of routes) {
      const r = await run();
      rows.push({ route, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx });
    }
    const [framework, database_] = rows;
    console.log(`\n${label}: ${seconds}s per route, ${connections} connections`);
    console.log('route'.padEnd(34), 'req/s'.padStart(9), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'vs framework'.padStart(13), 'vs database'.padStart(12), 'errors'.padStart(7));
    for (const r of rows) {
      console.log(r.route.padEnd(34), r.rps.toFixed(0).padStart(9), r.p50.toFixed(1).padStart(8), r.p99.toFixed(1).padStart(8),
        (r.rps / framework!.rps).toFixed(3).padStart(13), (r.rps / database_!.rps).toFixed(3).padStart(12), String(r.errors).padStart(7));
    }
    const account = rows[2]!;
    const verdict = account.errors > 0 ? `not valid: ${account.errors} error answers` : account.rps / database_!.rps >= 0.5 ? 'met' : 'NOT met';
    console.log(`target: GET /api/v1/account ≥ 0.5 × database ceiling → ${(account.rps / database_!.rps).toFixed(2)} ${verdict}`);
    return rows;
  } finally {
    await app.close();
    await database.close();
  }
}

await onEachDatabase('sellrocket_bench', (label, target) => benchOn(label, target).then(() => undefined));
