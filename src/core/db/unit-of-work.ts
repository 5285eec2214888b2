import { AsyncLocalStorage } from 'node:async_hooks';
import type {
  DatabaseConnection,
  Dialect,
  Driver,
  IsolationLevel,
  Kysely,
  Transaction,
  TransactionBuilder,
} from 'kysely';

/**
 * The unit of work: the transaction a piece of work runs in travels with its async context, so a
 * service called inside a transaction joins it without being handed `tx`, and nested
 * `transaction()` calls join the outermost one (no savepoints: one unit commits or rolls back whole).
 *
 * Every handle a module receives is a view of the same scoped root: a query made through it runs in
 * the current transaction when there is one, on the pool otherwise.
 */
export interface TransactionScope {
  readonly tx: Transaction<any>;
  /** False once the transaction has committed or rolled back: late continuations use the pool. */
  open: boolean;
  /** Work to do once the transaction has committed (see afterCommit); dropped on a rollback. */
  committed: (() => Promise<void>)[];
}

export type ScopeStore = AsyncLocalStorage<TransactionScope>;

export function createScopeStore(): ScopeStore {
  return new AsyncLocalStorage<TransactionScope>();
}

export function insideTransaction(store: ScopeStore): boolean {
  return store.getStore()?.open === true;
}

/**
 * Runs `work` once the current unit of work has committed, before its `transaction().execute`
 * returns (so the caller still waits for it), or at once outside one. Nothing runs if it rolls back.
 * For effects outside the database that must follow only what was kept (delivering a mail queued
 * in the transaction). `work` handles its own failures: the commit has happened.
 */
export async function afterCommit(store: ScopeStore, work: () => Promise<void>): Promise<void> {
  const scope = store.getStore();
  if (scope?.open) scope.committed.push(work);
  else await work();
}

function scopedTransactionBuilder(
  root: Kysely<any>,
  store: ScopeStore,
  isolation?: IsolationLevel,
): TransactionBuilder<any> {
  const builder = {
    setIsolationLevel: (level: IsolationLevel) => scopedTransactionBuilder(root, store, level),
    setAccessMode: () => {
      throw new Error('Access modes are not used by the unit of work');
    },
    async execute<R>(fn: (tx: Transaction<any>) => Promise<R>): Promise<R> {
      const current = store.getStore();
      if (current?.open) return fn(current.tx);
      const base = isolation ? root.transaction().setIsolationLevel(isolation) : root.transaction();
      const committed: TransactionScope['committed'] = [];
      const result = await base.execute(async (tx) => {
        const scope: TransactionScope = { tx, open: true, committed };
        try {
          return await store.run(scope, () => fn(tx));
        } finally {
          scope.open = false;
        }
      });
      for (const work of committed) await work();
      return result;
    },
  };
  return builder as unknown as TransactionBuilder<any>;
}

/**
 * A Kysely handle whose every query goes to the current transaction of its scope, or to `root`
 * outside one. `transaction().execute(fn)` opens a transaction, or joins the open one.
 */
export function scopedKysely<DB>(root: Kysely<DB>, store: ScopeStore): Kysely<DB> {
  return new Proxy(root, {
    get(target, prop) {
      if (prop === 'transaction') return () => scopedTransactionBuilder(target, store);
      const scope = store.getStore();
      const current: object = scope?.open ? scope.tx : target;
      const value: unknown = Reflect.get(current, prop, current);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(current) : value;
    },
  });
}

/** Narrows the platform's handle to a module's own tables: a query on another's does not compile. */
export function tablesOf<T>(db: Kysely<any>): Kysely<T> {
  return db as Kysely<T>;
}

export class ConnectionHeldByOwnTransactionError extends Error {
  constructor() {
    super(
      'This query was made outside the transaction it runs in, and would wait for a connection that transaction holds ' +
        '(on the embedded database, for ever). Make it through the scoped database handle, which joins the transaction.',
    );
  }
}

/**
 * Refuses to hand out a second connection to work that runs inside a transaction: on the embedded
 * database (one connection) that wait never ends; on PostgreSQL the query would silently run outside
 * the transaction. Both databases fail the same way, at once.
 */
export function guardDialect(inner: Dialect, store: ScopeStore): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (db) => inner.createIntrospector(db),
    createDriver: () => {
      const driver = inner.createDriver();
      const guarded: Driver = {
        init: () => driver.init(),
        acquireConnection: async (): Promise<DatabaseConnection> => {
          if (insideTransaction(store)) throw new ConnectionHeldByOwnTransactionError();
          return driver.acquireConnection();
        },
        beginTransaction: (c, s) => driver.beginTransaction(c, s),
        commitTransaction: (c) => driver.commitTransaction(c),
        rollbackTransaction: (c) => driver.rollbackTransaction(c),
        releaseConnection: (c) => driver.releaseConnection(c),
        destroy: () => driver.destroy(),
      };
      return guarded;
    },
  };
}
