import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseTarget } from '../src/core/db/database.js';

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
