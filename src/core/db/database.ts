import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { makeTreePrivate } from './data-dir.js';
import type { Database } from '../../db/schema.js';
import { pgliteDialect } from './pglite-dialect.js';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Round-trip to the database; used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob };

// int8 and numeric come back as numbers on both drivers, so code never sees a driver difference.
const int8 = (v: string) => Number(v);

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: target.poolSize ?? 10,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === 20 ? int8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgres',
      ping: async () => { await sql`select 1`.execute(db); },
      close: () => db.destroy(),
    };
  }
  const pglite = await PGlite.create({
    ...(target.dataDir ? { dataDir: target.dataDir } : {}),
    ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
    parsers: { 20: int8 },
  });
  const db = new Kysely<Database>({ dialect: pgliteDialect(pglite) });
  const dataDir = target.dataDir;
  if (dataDir) makeTreePrivate(dataDir);
  return {
    db,
    kind: 'pglite',
    ping: async () => { await sql`select 1`.execute(db); },
    close: async () => { await db.destroy(); await pglite.close(); if (dataDir) makeTreePrivate(dataDir); },
  };
}

export function databaseTargetFromConfig(config: { databaseUrl: string | undefined; dataDir: string; databasePoolSize: number }): DatabaseTarget {
  return config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl, poolSize: config.databasePoolSize }
    : { kind: 'pglite', dataDir: path.join(config.dataDir, 'pgdata') };
}
