import { createHash } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { systemClock } from '../src/core/clock.js';
import { migrate, readMigrations } from '../src/core/db/migrate.js';
import type { Database } from '../src/db/schema.js';

export function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Migrates once into a PostgreSQL template database named after the migrations' checksums; every
 * test file then creates its own database from it. Built under a temporary name and renamed when
 * complete, so a failed run never leaves a half-migrated template behind.
 */
export default async function setup(project: TestProject) {
  const base = process.env.TEST_DATABASE_URL!;
  const hash = createHash('sha256')
    .update(
      readMigrations()
        .map((m) => m.checksum)
        .join(),
    )
    .digest('hex')
    .slice(0, 12);
  const template = `sellrocket_tpl_${hash}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [template]);
    if (exists.rowCount === 0) {
      const building = `${template}_building_${process.pid}`;
      await admin.query(`create database ${building}`);
      const db = new Kysely<Database>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl(base, building), max: 1 }) }),
      });
      try {
        await migrate(db, systemClock);
      } finally {
        await db.destroy();
      }
      await admin.query(`alter database ${building} rename to ${template}`);
    }
  } finally {
    await admin.end();
  }
  project.provide('postgresTemplate', template);
}
