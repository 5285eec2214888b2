import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from './migrate.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('migrations', () => {
  it('are recorded, and a second run applies nothing', async () => {
    const applied = await t.platform.db
      .selectFrom('schema_migration')
      .select(['version', 'name', 'checksum'])
      .orderBy('version')
      .execute();
    expect(applied.map((m) => m.version)).toEqual(readMigrations().map((m) => m.version));
    const again = await migrate(t.platform.db, t.clock);
    expect(again.applied).toEqual([]);
  });

  it('refuse to run when an applied migration was edited afterwards', async () => {
    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    await expect(migrate(t.platform.db, t.clock, edited)).rejects.toThrow(/changed after it was applied/);
  });

  it('apply a new one in a transaction, and roll a failing one back whole', async () => {
    const base = readMigrations();
    const good = {
      version: '9001',
      name: 'test_table',
      sql: 'create table test_only_a (id int); create table test_only_b (id int);',
      checksum: 'a',
    };
    const bad = {
      version: '9002',
      name: 'broken',
      sql: 'create table test_only_c (id int); select * from no_such_table;',
      checksum: 'b',
    };
    try {
      await expect(migrate(t.platform.db, t.clock, [...base, good])).resolves.toMatchObject({
        applied: ['9001_test_table'],
      });
      await expect(migrate(t.platform.db, t.clock, [...base, good, bad])).rejects.toThrow();
      const tables = (await t.platform.db
        .selectFrom('information_schema.tables' as never)
        .select('table_name' as never)
        .where('table_name' as never, 'like', 'test_only_%' as never)
        .execute()) as { table_name: string }[];
      expect(tables.map((r) => r.table_name).sort()).toEqual(['test_only_a', 'test_only_b']);
      const versions = (await t.platform.db.selectFrom('schema_migration').select('version').execute()).map(
        (r) => r.version,
      );
      expect(versions).toContain('9001');
      expect(versions).not.toContain('9002');
    } finally {
      await t.platform.db.schema.dropTable('test_only_a').ifExists().execute();
      await t.platform.db.schema.dropTable('test_only_b').ifExists().execute();
      await t.platform.db.deleteFrom('schema_migration').where('version', '=', '9001').execute();
    }
  });
});
