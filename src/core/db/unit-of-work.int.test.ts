import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql, type Dialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDbKind, type TestApp } from '../../../test/harness.js';
import { pgliteDialect } from './pglite-dialect.js';
import { ConnectionHeldByOwnTransactionError, createScopeStore, guardDialect, scopedKysely } from './unit-of-work.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const note = (id: string) =>
  sql`insert into erasure_journal (id, subject_kind, subject_ref, erased_at, summary) values (${id}, 'customer', ${id}, now(), '{}')`;
const exists = async (id: string) =>
  (await t.platform.db.selectFrom('erasure_journal').select('id').where('id', '=', id).executeTakeFirst()) !==
  undefined;

describe(`unit of work (${testDbKind})`, () => {
  it('a service that uses its own handle inside a transaction joins it: it sees the uncommitted write and rolls back with it', async () => {
    const db = t.platform.db;
    // A "service" that knows nothing of any transaction: it uses the handle it was built with.
    const service = { write: (id: string) => note(id).execute(db), read: (id: string) => exists(id) };
    await expect(
      db.transaction().execute(async (tx) => {
        await note('uow_outer').execute(tx);
        await service.write('uow_inner');
        expect(await service.read('uow_outer')).toBe(true);
        throw new Error('abort the unit');
      }),
    ).rejects.toThrow('abort the unit');
    expect(await exists('uow_outer')).toBe(false);
    expect(await exists('uow_inner')).toBe(false);
  });

  it('a nested transaction joins the outer one instead of waiting for it', async () => {
    const db = t.platform.db;
    await expect(
      db.transaction().execute(async () => {
        await db.transaction().execute(async () => {
          await note('uow_nested').execute(db);
        });
        expect(await exists('uow_nested')).toBe(true);
        throw new Error('roll back the outer unit');
      }),
    ).rejects.toThrow('roll back the outer unit');
    expect(await exists('uow_nested')).toBe(false);
    await db.transaction().execute(async () => {
      await db.transaction().execute(async () => {
        await note('uow_nested_ok').execute(db);
      });
    });
    expect(await exists('uow_nested_ok')).toBe(true);
  });

  it('work that outlives its transaction runs on the pool, not on the finished transaction', async () => {
    const db = t.platform.db;
    let late!: Promise<void>;
    await db.transaction().execute(async () => {
      late = new Promise((resolve) => setTimeout(resolve, 20))
        .then(() => note('uow_late').execute(db))
        .then(() => undefined);
    });
    await late;
    expect(await exists('uow_late')).toBe(true);
  });
});

describe(`a query that bypasses the unit of work inside a transaction (${testDbKind})`, () => {
  let close: () => Promise<void>;
  let dialect: Dialect;
  beforeAll(async () => {
    if (testDbKind === 'postgres') {
      const pool = new pg.Pool({ connectionString: process.env.TEST_DATABASE_URL!, max: 4 });
      dialect = new PostgresDialect({ pool });
      close = async () => undefined;
    } else {
      const pglite = await PGlite.create();
      dialect = pgliteDialect(pglite);
      close = () => pglite.close();
    }
  });
  afterAll(async () => {
    await close();
  });

  it('fails at once with a clear error on both databases (the embedded one used to hang)', async () => {
    const store = createScopeStore();
    const root = new Kysely<Record<string, never>>({ dialect: guardDialect(dialect, store) });
    const scoped = scopedKysely(root, store);
    await expect(
      scoped.transaction().execute(async () => {
        await sql`select 1`.execute(scoped);
        await sql`select 1`.execute(root); // the raw handle: a second connection
      }),
    ).rejects.toBeInstanceOf(ConnectionHeldByOwnTransactionError);
    // Outside a transaction the raw handle still works.
    expect((await sql<{ one: number }>`select 1 as one`.execute(root)).rows[0]!.one).toBe(1);
    await root.destroy();
  });
});
