import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { CoreTables } from './core.tables.js';
import { makeTreePrivate } from './data-dir.js';
import { pgliteDialect } from './pglite-dialect.js';
import { createScopeStore, guardDialect, scopedKysely } from './unit-of-work.js';

/** The machinery's view of the database; the platform widens it to every module's tables. */
export type Db = Kysely<CoreTables>;

export interface DatabaseHandle {
  /** Scoped: inside a transaction (see unit-of-work.ts) every query through it joins that transaction. */
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Round-trip to the database; used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  { kind: 'postgres'; url: string; poolSize?: number } | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob };

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
    // An idle connection the server ends (a restart, a failover, an administrator) is dropped by the
    // pool and replaced on the next query; unhandled, its 'error' event would end the process.
    pool.on('error', () => undefined);
    const scope = createScopeStore();
    const db = scopedKysely(
      new Kysely<CoreTables>({ dialect: guardDialect(new PostgresDialect({ pool }), scope) }),
      scope,
    );
    return {
      db,
      kind: 'postgres',
      ping: async () => {
        await sql`select 1`.execute(db);
      },
      close: () => db.destroy(),
    };
  }
  const pglite = await PGlite.create({
    ...(target.dataDir ? { dataDir: target.dataDir } : {}),
    ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
    parsers: { 20: int8 },
  });
  const scope = createScopeStore();
  const db = scopedKysely(new Kysely<CoreTables>({ dialect: guardDialect(pgliteDialect(pglite), scope) }), scope);
  const dataDir = target.dataDir;
  if (dataDir) makeTreePrivate(dataDir);
  return {
    db,
    kind: 'pglite',
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: async () => {
      await db.destroy();
      await pglite.close();
      if (dataDir) makeTreePrivate(dataDir);
    },
  };
}

export function databaseTargetFromConfig(config: {
  databaseUrl: string | undefined;
  dataDir: string;
  databasePoolSize: number;
}): DatabaseTarget {
  return config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl, poolSize: config.databasePoolSize }
    : { kind: 'pglite', dataDir: path.join(config.dataDir, 'pgdata') };
}
