import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import type { Db } from './database.js';

export const migrationsDir = fileURLToPath(new URL('../../db/migrations/', import.meta.url));

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

/** Reads NNNN_name.sql files in order. Forward-only: there are no down migrations. */
export function readMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const text = readFileSync(path.join(dir, file), 'utf8');
      const [version, ...rest] = file.replace(/\.sql$/, '').split('_');
      return {
        version: version!,
        name: rest.join('_'),
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    });
}

// Arbitrary constant: the advisory lock that serialises migrations between processes.
const MIGRATION_LOCK = 727_271;

export interface MigrationReport {
  applied: string[];
  current: string | null;
}

/** Applies every pending migration, each in its own transaction, recorded in schema_migration. */
export async function migrate(db: Db, clock: Clock, migrations = readMigrations()): Promise<MigrationReport> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      await sql`create table if not exists schema_migration (
        version text primary key, name text not null, checksum text not null, applied_at timestamptz not null)`.execute(
        conn,
      );
      const done = await conn.selectFrom('schema_migration').select(['version', 'checksum']).execute();
      const doneBy = new Map(done.map((m) => [m.version, m.checksum]));
      const applied: string[] = [];
      for (const m of migrations) {
        const checksum = doneBy.get(m.version);
        if (checksum !== undefined) {
          if (checksum !== m.checksum) {
            throw new Error(
              `Migration ${m.version}_${m.name} was changed after it was applied; add a new migration instead`,
            );
          }
          continue;
        }
        await conn.transaction().execute(async (tx) => {
          await sql.raw(m.sql).execute(tx);
          await tx
            .insertInto('schema_migration')
            .values({ version: m.version, name: m.name, checksum: m.checksum, applied_at: clock.now() })
            .execute();
        });
        applied.push(`${m.version}_${m.name}`);
      }
      const last = migrations.at(-1);
      return { applied, current: last ? `${last.version}_${last.name}` : null };
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
}
