/**
 * The application under test, in a process of its own: builds the platform on a fresh embedded
 * database (or on the target its parent passes in BENCH_DATABASE_TARGET), adds the database-ceiling
 * route, opens one account and tells its parent where it listens and with which cookie.
 * Runs in the default configuration (LOG_LEVEL=info unless the environment says otherwise; logs go
 * to this process's stdout), except for a rate limit high enough not to block the load generator:
 * the limiter still counts every request.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { systemClock } from '../src/core/clock.js';
import { loadConfig } from '../src/core/config.js';
import { parseKeyring } from '../src/core/crypto/field-encryption.js';
import { openDatabase, type DatabaseTarget } from '../src/core/db/database.js';
import { migrate } from '../src/core/db/migrate.js';
import { createPlatform } from '../src/platform.js';

export interface AppReady {
  url: string;
  accountId: string;
  cookie: string;
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'sellrocket-serve-app-'));
const target: DatabaseTarget = process.env.BENCH_DATABASE_TARGET
  ? (JSON.parse(process.env.BENCH_DATABASE_TARGET) as DatabaseTarget)
  : { kind: 'pglite', dataDir: path.join(scratch, 'pgdata') };

const database = await openDatabase(target);
await migrate(database.db, systemClock);
const config = loadConfig({
  ...process.env,
  NODE_ENV: 'test',
  DATA_DIR: scratch,
  RATE_LIMIT_MAX: process.env.RATE_LIMIT_MAX ?? '1000000000',
});
const platform = createPlatform({
  config,
  clock: systemClock,
  database,
  onError: (e) => console.error(e),
  secrets: { keyring: parseKeyring(`b1:${randomBytes(32).toString('base64')}`), hashKey: randomBytes(32) },
});
const app = await buildApp(platform, {
  extraRoutes: (a) => {
    a.get<{ Params: { id: string } }>('/bench/pk/:id', async (req) => {
      const row = await sql<{ id: string }>`select id from account where id = ${req.params.id}`.execute(platform.db);
      return { id: row.rows[0]?.id ?? null };
    });
  },
});

async function shutDown() {
  await app.close();
  await database.close();
  rmSync(scratch, { recursive: true, force: true });
  process.exit(0);
}
process.on('disconnect', () => {
  void shutDown();
});
process.on('SIGTERM', () => {
  void shutDown();
});
process.on('SIGINT', () => {
  void shutDown();
});

const url = await app.listen({ port: 0, host: '127.0.0.1' });
const signup = await app.inject({
  method: 'POST',
  url: '/api/v1/auth/signup',
  payload: {
    firstName: 'Bench',
    lastName: 'Mark',
    email: `bench.${Date.now()}@example.pt`,
    password: 'benchmark passphrase',
    phone: '+351912345678',
    address: { line1: 'Rua 1', postalCode: '1000-001', city: 'Lisboa', country: 'PT' },
    acceptTerms: true,
  },
});
// Measuring error answers would be meaningless: stop here if the account could not be opened.
if (signup.statusCode !== 201) {
  console.error(`bench signup failed: ${signup.statusCode} ${signup.body}`);
  await shutDown();
}
const ready: AppReady = {
  url,
  accountId: (signup.json() as { id: string }).id,
  cookie: signup.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
};
// Started by hand (npx tsx bench/serve-app.ts) there is no parent to tell: say it on stderr.
if (process.send) process.send(ready);
else console.error(`serving on ${url} (account ${ready.accountId}; cookie: ${ready.cookie})`);
