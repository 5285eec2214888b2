import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { systemClock } from '../src/core/clock.js';
import { loadConfig } from '../src/core/config.js';
import { openDatabase, type DatabaseTarget } from '../src/core/db/database.js';
import { migrate } from '../src/core/db/migrate.js';
import { createPlatform, type Platform } from '../src/platform.js';
import { testSecrets } from '../test/harness-secrets.js';

/**
 * Runs a benchmark on a fresh embedded database, then on a fresh database of the PostgreSQL server
 * named by DATABASE_URL or TEST_DATABASE_URL when there is one; each is removed afterwards.
 */
export async function onEachDatabase(prefix: string, run: (label: string, target: DatabaseTarget) => Promise<void>) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  try {
    await run('PGlite (embedded)', { kind: 'pglite', dataDir: path.join(dir, 'pgdata') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const serverUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    console.log('\nPostgreSQL: skipped (set DATABASE_URL or TEST_DATABASE_URL to include it)');
    return;
  }
  const name = `${prefix.replace(/\W/g, '_')}_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    await run('PostgreSQL', { kind: 'postgres', url: url.toString(), poolSize: 10 });
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** A migrated database of `target` with the platform on it, closed and cleaned up after `work`. */
export async function withBenchPlatform<T>(target: DatabaseTarget, work: (p: Platform) => Promise<T>): Promise<T> {
  const database = await openDatabase(target);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sellrocket-bench-platform-'));
  try {
    await migrate(database.db, systemClock);
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dir });
    return await work(
      createPlatform({ config, clock: systemClock, database, secrets: testSecrets(), onError: console.error }),
    );
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Accounts `<prefix><from…to>` with made-up details, written in one statement. */
export async function insertBenchAccounts(p: Platform, prefix: string, from: number, to: number, now = new Date()) {
  await sql`insert into account (id, first_name, last_name, email, phone, address_line1, postal_code, city, country, password_hash, created_at, updated_at)
    select ${prefix} || g, 'Bench', 'Person ' || g, ${prefix} || g || '@bench.example', '+35191' || lpad(g::text, 7, '0'), 'Rua ' || g, '1000-001', 'Lisboa', 'PT', 'x', ${now}, ${now}
    from generate_series(${from}::int, ${to}::int) g`.execute(p.db);
}
