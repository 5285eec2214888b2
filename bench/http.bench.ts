/**
 * npm run bench (HTTP part): request throughput against two ceilings, each server and the load
 * generator in processes of their own (2 cores: the server gets one, autocannon the other).
 *  - framework ceiling: Fastify's bare hello world (bench/serve-bare.ts);
 *  - GET /api/v1/auth/session without a cookie: the app's whole request path, no database work;
 *  - database ceiling: a route running one primary-key SELECT on the app's database;
 *  - GET /api/v1/account signed in: session check + account read, one round trip.
 * The app (bench/serve-app.ts) runs in its default configuration, LOG_LEVEL=info included, on the
 * embedded database and (when DATABASE_URL or TEST_DATABASE_URL is set) on PostgreSQL.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type autocannon from 'autocannon';
import { onEachDatabase } from './bench-databases.js';
import { runLoad, startServer } from './processes.js';
import type { AppReady } from './serve-app.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

interface Row { route: string; rps: number; p50: number; p99: number; errors: number; logBytes?: number }

async function measure(route: string, url: string, headers: Record<string, string> = {}, logFile?: string): Promise<Row> {
  const opts: autocannon.Options = { url, connections, headers, duration: seconds };
  await runLoad({ ...opts, duration: 1 }); // warm-up: the JIT, the pools
  const before = logFile ? statSync(logFile).size : 0;
  const r = await runLoad(opts);
  const logBytes = logFile ? statSync(logFile).size - before : undefined;
  return { route, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx + r.timeouts, ...(logBytes !== undefined ? { logBytes } : {}) };
}

function printRows(label: string, rows: Row[]) {
  console.log(`\n${label}: ${seconds}s per route, ${connections} connections, LOG_LEVEL=${process.env.LOG_LEVEL ?? 'info'}`);
  console.log('route'.padEnd(44), 'req/s'.padStart(9), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'errors'.padStart(7), 'log B/req'.padStart(10));
  for (const r of rows) {
    const perRequest = r.logBytes === undefined ? '' : (r.logBytes / Math.max(1, r.rps * seconds)).toFixed(0);
    console.log(r.route.padEnd(44), r.rps.toFixed(0).padStart(9), r.p50.toFixed(1).padStart(8), r.p99.toFixed(1).padStart(8), String(r.errors).padStart(7), perRequest.padStart(10));
  }
}

function target(name: string, measured: Row, ceiling: Row, minimum: number) {
  const ratio = measured.rps / ceiling.rps;
  const errors = measured.errors + ceiling.errors;
  const verdict = errors > 0 ? `not valid: ${errors} error answers` : ratio >= minimum ? 'met' : 'NOT met';
  console.log(`target: ${name} ≥ ${minimum} × ${ceiling.route} → ${ratio.toFixed(2)} ${verdict}`);
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'sellrocket-http-bench-'));
try {
  const bare = await startServer<{ url: string }>('serve-bare.ts', process.env);
  let framework: Row;
  try {
    framework = await measure('bare Fastify hello world', bare.ready.url);
  } finally {
    await bare.stop();
  }

  await onEachDatabase('sellrocket_bench', async (label, databaseTarget) => {
    const logFile = path.join(scratch, `app-${label.replace(/\W+/g, '-')}.log`);
    const env = { ...process.env, BENCH_DATABASE_TARGET: JSON.stringify(databaseTarget) };
    const app = await startServer<AppReady>('serve-app.ts', env, logFile);
    try {
      const { url, accountId, cookie } = app.ready;
      const session = await measure('GET /api/v1/auth/session (no cookie)', `${url}/api/v1/auth/session`, {}, logFile);
      const pk = await measure('database ceiling (1 PK SELECT)', `${url}/bench/pk/${accountId}`, {}, logFile);
      const account = await measure('GET /api/v1/account (signed in)', `${url}/api/v1/account`, { cookie }, logFile);
      printRows(label, [framework, session, pk, account]);
      target('session', session, framework, 0.5);
      target('account', account, pk, 0.5);
    } finally {
      await app.stop();
    }
  });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
