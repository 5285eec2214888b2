/**
 * npm run bench (HTTP part): request throughput against two ceilings, each server and the load
 * generator in processes of their own (2 cores: the server gets one, autocannon the other).
 *  - framework ceiling: Fastify's bare hello world (bench/serve-bare.ts);
 *  - GET /api/v1/auth/session without a cookie: the app's whole request path, no database work;
 *  - database ceiling: a route running one primary-key SELECT on the app's database;
 *  - GET /api/v1/account signed in: session check + account read, one round trip.
 * The app (bench/serve-app.ts) runs in its default configuration, LOG_LEVEL=info included, on the
 * embedded database and (when DATABASE_URL or TEST_DATABASE_URL is set) on PostgreSQL. Log bytes per
 * request are what the app wrote to its stdout (a file here) while loaded.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onEachDatabase } from './bench-databases.js';
import { runLoad, startServer } from './processes.js';
import type { AppReady } from './serve-app.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
// Two cores shared with other work: each target is measured in turn, round after round, and its best
// round kept, so a burst of someone else's load skews one round of one target, not a ratio.
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);

interface Target {
  route: string;
  url: string;
  headers?: Record<string, string>;
  logFile?: string;
}
interface Row {
  route: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  logBytes?: number;
}

async function measureOnce(t: Target, duration: number): Promise<Row> {
  const before = t.logFile ? statSync(t.logFile).size : 0;
  const r = await runLoad({ url: t.url, connections, headers: t.headers ?? {}, duration });
  const logBytes = t.logFile ? statSync(t.logFile).size - before : undefined;
  return {
    route: t.route,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx + r.timeouts,
    ...(logBytes !== undefined ? { logBytes } : {}),
  };
}

async function measure(targets: Target[]): Promise<Row[]> {
  for (const t of targets) await measureOnce(t, 1); // warm-up: the JIT, the pools
  const best = new Map<string, Row>();
  for (let round = 0; round < rounds; round++) {
    for (const t of targets) {
      const row = await measureOnce(t, seconds);
      const kept = best.get(t.route);
      // Errors from any round stay counted: a fast error answer must never pass for throughput.
      if (!kept || row.rps > kept.rps) best.set(t.route, { ...row, errors: row.errors + (kept?.errors ?? 0) });
      else kept.errors += row.errors;
    }
  }
  return targets.map((t) => best.get(t.route)!);
}

function printRows(label: string, rows: Row[]) {
  console.log(
    `\n${label}: best of ${rounds} rounds of ${seconds}s per route, ${connections} connections, LOG_LEVEL=${process.env.LOG_LEVEL ?? 'info'}`,
  );
  console.log(
    'route'.padEnd(44),
    'req/s'.padStart(9),
    'p50 ms'.padStart(8),
    'p99 ms'.padStart(8),
    'errors'.padStart(7),
    'log B/req'.padStart(10),
  );
  for (const r of rows) {
    const perRequest = r.logBytes === undefined ? '' : (r.logBytes / Math.max(1, r.rps * seconds)).toFixed(1);
    console.log(
      r.route.padEnd(44),
      r.rps.toFixed(0).padStart(9),
      r.p50.toFixed(1).padStart(8),
      r.p99.toFixed(1).padStart(8),
      String(r.errors).padStart(7),
      perRequest.padStart(10),
    );
  }
}

function verdict(name: string, measured: Row, ceiling: Row, minimum: number) {
  const ratio = measured.rps / ceiling.rps;
  const errors = measured.errors + ceiling.errors;
  const outcome = errors > 0 ? `not valid: ${errors} error answers` : ratio >= minimum ? 'met' : 'NOT met';
  console.log(`target: ${name} ≥ ${minimum} × ${ceiling.route} → ${ratio.toFixed(2)} ${outcome}`);
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'sellrocket-http-bench-'));
const bare = await startServer<{ url: string }>('serve-bare.ts', process.env);
try {
  await onEachDatabase('sellrocket_bench', async (label, databaseTarget) => {
    const logFile = path.join(scratch, `app-${label.replace(/\W+/g, '-')}.log`);
    const env = { ...process.env, BENCH_DATABASE_TARGET: JSON.stringify(databaseTarget) };
    const app = await startServer<AppReady>('serve-app.ts', env, logFile);
    try {
      const { url, accountId, cookie } = app.ready;
      const [framework, session, pk, account] = await measure([
        { route: 'bare Fastify hello world', url: bare.ready.url },
        { route: 'GET /api/v1/auth/session (no cookie)', url: `${url}/api/v1/auth/session`, logFile },
        { route: 'database ceiling (1 PK SELECT)', url: `${url}/bench/pk/${accountId}`, logFile },
        { route: 'GET /api/v1/account (signed in)', url: `${url}/api/v1/account`, headers: { cookie }, logFile },
      ]);
      printRows(label, [framework!, session!, pk!, account!]);
      verdict('session', session!, framework!, 0.5);
      verdict('account', account!, pk!, 0.5);
    } finally {
      await app.stop();
    }
  });
} finally {
  await bare.stop();
  rmSync(scratch, { recursive: true, force: true });
}
