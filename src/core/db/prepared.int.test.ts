import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseTarget } from './database.js';
import { prepared, preparedName } from './prepared.js';
import { testDbKind } from '../../../test/harness.js';

const target: DatabaseTarget =
  testDbKind === 'postgres'
    ? { kind: 'postgres', url: process.env.TEST_DATABASE_URL!, poolSize: 1 }
    : { kind: 'pglite' };

describe(`statements marked prepared (${testDbKind})`, () => {
  it('give the same rows as unmarked ones, for every parameter, run after run', async () => {
    const database = await openDatabase(target);
    try {
      const statement = (n: number) =>
        sql<{ n: number; doubled: number }>`select ${n}::int as n, (select ${n}::int * 2) as doubled`;
      for (let n = 1; n <= 8; n++) {
        const marked = await prepared(statement(n)).execute(database.db);
        expect(marked.rows).toEqual((await statement(n).execute(database.db)).rows);
        expect(marked.rows).toEqual([{ n, doubled: 2 * n }]);
      }
    } finally {
      await database.close();
    }
  });

  it.skipIf(testDbKind !== 'postgres')(
    'are prepared once on a PostgreSQL connection under their name; others are not kept',
    async () => {
      const database = await openDatabase(target);
      try {
        const marked = prepared(sql`select ${'x'}::text as v from pg_class limit 1`);
        for (let i = 0; i < 3; i++) await marked.execute(database.db);
        await sql`select ${'y'}::text as v from pg_class limit 1`.execute(database.db);
        const kept = await sql<{
          name: string;
          statement: string;
        }>`select name, statement from pg_prepared_statements`.execute(database.db);
        const name = preparedName(marked.compile(database.db).sql);
        expect(name).toMatch(/^sr_/);
        expect(kept.rows.map((r) => r.name)).toEqual([name]);
        expect(preparedName('select 1')).toBeUndefined();
      } finally {
        await database.close();
      }
    },
  );
});
