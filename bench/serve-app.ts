/**
 * The application under test, in a process of its own: builds the platform on a fresh embedded
 * database (or on the target its parent passes in BENCH_DATABASE_TARGET), adds the database-ceiling
 * route, opens one account and tells its parent where it listens and with which cookie.
 * Runs in the default configuration (LOG_LEVEL=info unless the environment says otherwise; logs go
 * to this process's stdout), except for a rate limit high enough not to block the load generator:
 * the limiter still counts every request.
 */
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { closeOnExit, openBenchPlatform } from './bench-platform.js';

export interface AppReady {
  url: string;
  accountId: string;
  cookie: string;
}

const { scratch, database, platform } = await openBenchPlatform('serve-app');
const app = await buildApp(platform, {
  extraRoutes: (a) => {
    a.get<{ Params: { id: string } }>('/bench/pk/:id', async (req) => {
      const row = await sql<{ id: string }>`select id from account where id = ${req.params.id}`.execute(platform.db);
      return { id: row.rows[0]?.id ?? null };
    });
  },
});

const shutDown = closeOnExit(app, database, scratch);

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
