import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Listen } from './change-feed.js';
import type { CoreTables } from './core.tables.js';
import { makeTreePrivate } from './data-dir.js';
import { pgliteDialect } from './pglite-dialect.js';
import { preparedName } from './prepared.js';
import { afterCommit, createScopeStore, guardDialect, scopedKysely } from './unit-of-work.js';

/** The machinery's view of the database; the platform widens it to every module's tables. */
export type Db = Kysely<CoreTables>;

export interface DatabaseHandle {
  /** Scoped: inside a transaction (see unit-of-work.ts) every query through it joins that transaction. */
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs `work` once the current unit of work commits (at once outside one; never on a rollback). */
  afterCommit(work: () => Promise<void>): Promise<void>;
  /** Round-trip to the database; used by /readyz. */
  ping(): Promise<void>;
  /** NOTIFY messages of a channel, from every process on the database (see change-feed.ts). */
  listen: Listen;
  /** A round trip on the listening connection: notifications committed before it are delivered first. */
  listenerRoundTrip(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  { kind: 'postgres'; url: string; poolSize?: number } | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob };

/** Catalogue search folds accents (limão = limao) with unaccent, which PostgreSQL ships in contrib. */
export const pgliteExtensions = { unaccent };

// int8 and numeric come back as numbers on both drivers, so code never sees a driver difference.
const int8 = (v: string) => Number(v);

/**
 * Sends the statements marked `prepared` as named statements, so the connection plans each once.
 * Kysely calls `query(text, values)`; a cursor or a query config passes through unchanged.
 */
function prepareMarkedStatements(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((text: unknown, values?: unknown, callback?: unknown) => {
    const name = typeof text === 'string' ? preparedName(text) : undefined;
    return name === undefined ? query(text, values, callback) : query({ name, text, values }, callback);
  }) as typeof client.query;
}

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
    pool.on('connect', prepareMarkedStatements);
    const scope = createScopeStore();
    const db = scopedKysely(
      new Kysely<CoreTables>({ dialect: guardDialect(new PostgresDialect({ pool }), scope) }),
      scope,
    );
    const listeners = postgresListeners(target.url);
    return {
      db,
      kind: 'postgres',
      afterCommit: (work) => afterCommit(scope, work),
      ping: async () => {
        await sql`select 1`.execute(db);
      },
      listen: listeners.listen,
      listenerRoundTrip: listeners.roundTrip,
      close: async () => {
        await listeners.close();
        await db.destroy();
      },
    };
  }
  const pglite = await PGlite.create({
    ...(target.dataDir ? { dataDir: target.dataDir } : {}),
    ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
    parsers: { 20: int8 },
    extensions: pgliteExtensions,
  });
  const scope = createScopeStore();
  const db = scopedKysely(new Kysely<CoreTables>({ dialect: guardDialect(pgliteDialect(pglite), scope) }), scope);
  const dataDir = target.dataDir;
  if (dataDir) makeTreePrivate(dataDir);
  return {
    db,
    kind: 'pglite',
    afterCommit: (work) => afterCommit(scope, work),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    // One process owns the embedded database, so its own notifications are all there are.
    listen: async (channel, handlers) => pglite.listen(channel, (payload) => handlers.message(payload)),
    // In one process the listeners hear a change before its commit returns: nothing to wait for.
    listenerRoundTrip: async () => undefined,
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

/**
 * One connection per process holds the LISTENs; when it drops, it is opened again after a pause and
 * every listener is told to reset, since messages sent meanwhile are lost.
 */
function postgresListeners(url: string) {
  const channels = new Map<string, Set<{ message(payload: string): void; reset(): void }>>();
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;

  const quote = (channel: string) => `"${channel.replace(/"/g, '""')}"`;

  async function connect(): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (n) => {
      for (const h of channels.get(n.channel) ?? []) h.message(n.payload ?? '');
    });
    c.on('error', () => undefined);
    c.on('end', () => {
      if (client === c) client = null;
      if (closed) return;
      setTimeout(() => {
        if (closed || channels.size === 0) return;
        void ensure()
          .then(() => {
            for (const set of channels.values()) for (const h of set) h.reset();
          })
          .catch(() => undefined);
      }, 1000).unref();
    });
    await c.connect();
    for (const channel of channels.keys()) await c.query(`listen ${quote(channel)}`);
    client = c;
    return c;
  }

  function ensure(): Promise<pg.Client> {
    if (client) return Promise.resolve(client);
    connecting ??= connect().finally(() => {
      connecting = null;
    });
    return connecting;
  }

  return {
    async listen(channel: string, handlers: { message(payload: string): void; reset(): void }) {
      const known = channels.has(channel);
      const set = channels.get(channel) ?? new Set();
      set.add(handlers);
      channels.set(channel, set);
      const c = await ensure();
      if (!known) await c.query(`listen ${quote(channel)}`);
      return async () => {
        set.delete(handlers);
      };
    },
    async roundTrip() {
      const c = await ensure();
      await c.query('select 1');
    },
    async close() {
      closed = true;
      await client?.end().catch(() => undefined);
      client = null;
    },
  };
}
