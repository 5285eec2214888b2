import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import type { DestinationStream } from 'pino';
import { inject } from 'vitest';
import { buildApp } from '../src/app.js';
import { createManualClock, type ManualClock } from '../src/core/clock.js';
import { loadConfig, type Config } from '../src/core/config.js';
import { operatorContext } from '../src/core/context.js';
import { testSecrets } from './harness-secrets.js';
import { openDatabase, type DatabaseHandle } from '../src/core/db/database.js';
import { createPlatform, type Platform, type PlatformInput } from '../src/platform.js';
import { databaseUrl } from './global-setup-postgres.js';

export const testDbKind = (process.env.SR_TEST_DB ?? 'pglite') as 'pglite' | 'postgres';

/** A database of this test's own, copied from the migrated template; reopenable to simulate a restart. */
async function createTestDatabase(persistent: boolean) {
  if (testDbKind === 'postgres') {
    const base = process.env.TEST_DATABASE_URL!;
    const name = `sellrocket_t_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name} template ${inject('postgresTemplate')}`);
    await admin.end();
    const url = databaseUrl(base, name);
    return {
      open: () => openDatabase({ kind: 'postgres', url, poolSize: 4 }),
      drop: async () => {
        const a = new pg.Client({ connectionString: base });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const template = new Blob([readFileSync(inject('pgliteTemplate'))]);
  if (!persistent) {
    return { open: () => openDatabase({ kind: 'pglite', loadDataDir: template }), drop: async () => undefined };
  }
  const dataDir = path.resolve('.tmp', `pgdata-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  let first = true;
  return {
    open: () => {
      const target = first
        ? { kind: 'pglite' as const, dataDir, loadDataDir: template }
        : { kind: 'pglite' as const, dataDir };
      first = false;
      return openDatabase(target);
    },
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: ManualClock;
  /** File-backed embedded database, so `restart()` reopens the same files (PostgreSQL always persists). */
  persistent?: boolean;
  logStream?: DestinationStream;
  /** Stops erasures at a step, as a crash would (see erasure.use-case.ts). */
  erasureFaults?: PlatformInput['erasureFaults'];
  /** Where errors of background work go (default: thrown, so a test sees them). */
  onError?: (err: unknown) => void;
}

export interface TestApp {
  app: FastifyInstance;
  platform: Platform;
  clock: ManualClock;
  config: Config;
  /** Closes the app and database and starts both again on the same data. */
  restart(): Promise<void>;
  /** A second app server on the same database, as in a deployment with several (PostgreSQL only). */
  anotherServer(): Promise<{ app: FastifyInstance; platform: Platform; close(): Promise<void> }>;
  close(): Promise<void>;
}

export async function createTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const clock = opts.clock ?? createManualClock(new Date());
  const dataDir = path.resolve('.tmp', `data-${process.pid}-${randomBytes(4).toString('hex')}`);
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: opts.logStream ? 'info' : 'silent',
    DATA_DIR: dataDir,
    RATE_LIMIT_MAX: '100000',
    ...opts.env,
  });
  const secrets = testSecrets();
  const database = await createTestDatabase(opts.persistent ?? false);
  const start = async () => {
    const handle: DatabaseHandle = await database.open();
    const platform = createPlatform({
      config,
      clock,
      database: handle,
      secrets,
      onError:
        opts.onError ??
        ((e) => {
          throw e;
        }),
      ...(opts.erasureFaults ? { erasureFaults: opts.erasureFaults } : {}),
    });
    const app = await buildApp(platform, {
      startBackgroundWork: false,
      ...(opts.logStream ? { logStream: opts.logStream } : {}),
    });
    return { app, platform };
  };
  let current = await start();
  const stop = async () => {
    await current.app.close();
    await current.platform.database.close();
  };
  const t: TestApp = {
    get app() {
      return current.app;
    },
    get platform() {
      return current.platform;
    },
    clock,
    config,
    async restart() {
      await stop();
      current = await start();
    },
    async anotherServer() {
      if (testDbKind !== 'postgres') throw new Error('One embedded database belongs to one process.');
      const other = await start();
      return {
        ...other,
        close: async () => {
          await other.app.close();
          await other.platform.database.close();
        },
      };
    },
    async close() {
      await stop();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}

let counter = 0;
/** A unique, valid signup body; override any field. */
export function signupBody(overrides: Record<string, unknown> = {}) {
  counter++;
  return {
    firstName: 'Maria',
    lastName: 'Silva',
    email: `maria.${process.pid}.${counter}.${randomBytes(3).toString('hex')}@example.pt`,
    password: 'correct horse battery staple',
    phone: '912 345 678',
    address: { line1: 'Rua das Flores 10', postalCode: '4050-262', city: 'Porto', country: 'PT' },
    acceptTerms: true,
    ...overrides,
  };
}

/** The Cookie header that a browser would send back after this response. */
export function cookieFrom(res: LightMyRequestResponse): string {
  return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

export async function signUp(
  app: FastifyInstance,
  overrides: Record<string, unknown> = {},
  remoteAddress = '203.0.113.10',
) {
  const body = signupBody(overrides);
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: body, remoteAddress });
  if (res.statusCode !== 201) throw new Error(`signup failed: ${res.statusCode} ${res.body}`);
  return { body, account: res.json() as { id: string; email: string }, cookie: cookieFrom(res) };
}

export async function staffSession(t: TestApp, roles: string[] = ['admin']) {
  const email = `staff.${randomBytes(4).toString('hex')}@sellrocket.test`;
  const password = 'staff password for tests';
  await t.platform.staff.createStaff(operatorContext(t.clock.now()), { email, name: 'Test Staff', roles, password });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/staff/auth/login',
    payload: { email, password },
    remoteAddress: '198.51.100.200',
  });
  if (res.statusCode !== 200) throw new Error(`staff login failed: ${res.statusCode} ${res.body}`);
  return { cookie: cookieFrom(res), staff: res.json() as { id: string } };
}
