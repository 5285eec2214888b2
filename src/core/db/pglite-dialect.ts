import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

/** A promise queue: PGlite is one connection, so a transaction must own it until it ends. */
function createMutex() {
  let tail: Promise<void> = Promise.resolve();
  return {
    async lock(): Promise<() => void> {
      let release!: () => void;
      const next = new Promise<void>((resolve) => {
        release = resolve;
      });
      const previous = tail;
      tail = previous.then(() => next);
      await previous;
      return release;
    },
  };
}

const multipleStatements = /;\s*\S/;
const writeCommands = /^\s*(insert|update|delete|merge)\b/i;

function createConnection(db: PGlite): DatabaseConnection {
  return {
    async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
      if (compiled.parameters.length === 0 && multipleStatements.test(compiled.sql)) {
        // A script (a migration): the extended protocol takes one statement, the simple one many.
        const results = await db.exec(compiled.sql);
        return { rows: (results.at(-1)?.rows ?? []) as R[] };
      }
      const result = await db.query<R>(compiled.sql, compiled.parameters as unknown[]);
      const isWrite = writeCommands.test(compiled.sql);
      return {
        rows: result.rows,
        ...(isWrite ? { numAffectedRows: BigInt(result.affectedRows ?? 0) } : {}),
      };
    },

    async *streamQuery() {
      throw new Error('Streaming is not supported on the embedded database');
    },
  };
}

function createDriver(db: PGlite): Driver {
  const mutex = createMutex();
  const connection = createConnection(db);
  const releases: Array<() => void> = [];
  return {
    async init() {
      await db.waitReady;
    },
    async acquireConnection() {
      releases.push(await mutex.lock());
      return connection;
    },
    async beginTransaction(conn) {
      await conn.executeQuery(CompiledQuery.raw('begin'));
    },
    async commitTransaction(conn) {
      await conn.executeQuery(CompiledQuery.raw('commit'));
    },
    async rollbackTransaction(conn) {
      await conn.executeQuery(CompiledQuery.raw('rollback'));
    },
    async releaseConnection() {
      releases.shift()?.();
    },
    async destroy() {
      /* the owner closes the PGlite instance */
    },
  };
}

/** Kysely over an in-process PGlite: the same PostgreSQL dialect as the server path. */
export function pgliteDialect(db: PGlite): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => createDriver(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createIntrospector: (k: Kysely<any>) => new PostgresIntrospector(k),
  };
}
