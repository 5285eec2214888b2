import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, testDbKind, type TestApp } from '../../../test/harness.js';
import { shopIsolationProblems, shopRole, shopTables } from '../../../test/shop-isolation.js';
import { operatorContext } from '../context.js';
import { withShop } from './shop-isolation.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

let n = 0;
/** Two shops of two merchants, opened through the shops service: each gets its four shipping rates. */
async function twoShops() {
  const ctx = operatorContext(t.clock.now());
  const open = async () => {
    const { account } = await signUp(t.app);
    const shop = await t.platform.shops.createShop(ctx, account.id, { slug: `wall-${process.pid}-${++n}`, name: 'S' });
    return { shopId: shop.id, accountId: account.id };
  };
  return { a: await open(), b: await open() };
}

/** Rates as the connecting role sees them: every shop's, no policy in the way. */
async function ratesOf(shopId: string) {
  return t.platform.db
    .selectFrom('shop_shipping_rate')
    .select(['zone', 'price_cents'])
    .where('shop_id', '=', shopId)
    .orderBy('zone')
    .execute();
}

const whoAmI = async () =>
  (
    await sql<{ role: string; shop: string | null }>`
      select current_user as role, current_setting('app.shop_id', true) as shop`.execute(t.platform.db)
  ).rows[0]!;

describe(`shop isolation: the schema (${testDbKind})`, () => {
  it('every shop table has row-level security, the shop policy, and shop_id in its primary key and shop foreign keys', async () => {
    expect(await shopTables(t.platform.db)).toContain('shop_shipping_rate');
    expect(await shopIsolationProblems(t.platform.db)).toEqual([]);
  });

  it('reports a shop table made without enable_shop_isolation, or whose keys leave shop_id out', async () => {
    const db = t.platform.db;
    await sql`create table isolation_probe_parent (shop_id text not null, id text not null unique,
      primary key (shop_id, id))`.execute(db);
    await sql`create table isolation_probe_child (shop_id text not null, id text primary key,
      parent_id text not null references isolation_probe_parent (id))`.execute(db);
    try {
      expect(await shopTables(db)).toEqual(expect.arrayContaining(['isolation_probe_parent', 'isolation_probe_child']));
      const problems = await shopIsolationProblems(db);
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^isolation_probe_parent: row-level security is not enabled/),
          expect.stringMatching(/^isolation_probe_parent: no shop_isolation policy/),
          expect.stringMatching(/^isolation_probe_child: shop_id is not part of the primary key/),
          expect.stringMatching(/^isolation_probe_child: foreign key .* does not include shop_id/),
        ]),
      );
      expect(problems.filter((p) => p.startsWith('isolation_probe_parent'))).toHaveLength(2);

      await sql`select enable_shop_isolation('isolation_probe_parent')`.execute(db);
      await sql`create policy everything on isolation_probe_child for select to public using (true)`.execute(db);
      await sql`select enable_shop_isolation('isolation_probe_child')`.execute(db);
      expect((await shopIsolationProblems(db)).sort()).toEqual([
        expect.stringMatching(/^isolation_probe_child: foreign key .* does not include shop_id/),
        'isolation_probe_child: policy everything also applies to sellrocket_shop and widens what it sees',
        'isolation_probe_child: shop_id is not part of the primary key',
      ]);
    } finally {
      await sql`drop table isolation_probe_child, isolation_probe_parent`.execute(db);
    }
    expect(await shopIsolationProblems(db)).toEqual([]);
  });

  it('the shop role cannot walk through the wall, and may do what the application does on every table but TRUNCATE', async () => {
    const role = await sql<{ rolsuper: boolean; rolbypassrls: boolean; rolcanlogin: boolean }>`
      select rolsuper, rolbypassrls, rolcanlogin from pg_roles where rolname = ${shopRole}`.execute(t.platform.db);
    expect(role.rows).toEqual([{ rolsuper: false, rolbypassrls: false, rolcanlogin: false }]);
    const lacking = await sql<{ table: string; dml: boolean; truncate: boolean }>`
      select c.relname::text as table,
        has_table_privilege(${shopRole}, c.oid, 'SELECT, INSERT, UPDATE, DELETE') as dml,
        has_table_privilege(${shopRole}, c.oid, 'TRUNCATE') as truncate
      from pg_class c
      where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')
      order by 1`.execute(t.platform.db);
    expect(lacking.rows.length).toBeGreaterThan(10);
    expect(lacking.rows.filter((r) => !r.dml || r.truncate)).toEqual([]);
  });
});

describe(`shop isolation: the wall itself, without WHERE clauses (${testDbKind})`, () => {
  it("a read sees only the entered shop's rows", async () => {
    const { a, b } = await twoShops();
    expect(await ratesOf(b.shopId)).toHaveLength(4);
    const seen = await withShop(t.platform.db, a.shopId, (tx) =>
      tx.selectFrom('shop_shipping_rate').select(['shop_id', 'zone']).execute(),
    );
    expect(seen).toHaveLength(4);
    expect(new Set(seen.map((r) => r.shop_id))).toEqual(new Set([a.shopId]));
  });

  it("an UPDATE or DELETE touches only the entered shop's rows", async () => {
    const { a, b } = await twoShops();
    const before = await ratesOf(b.shopId);
    const updated = await withShop(t.platform.db, a.shopId, (tx) =>
      tx.updateTable('shop_shipping_rate').set({ price_cents: 1 }).executeTakeFirst(),
    );
    expect(Number(updated.numUpdatedRows)).toBe(4);
    expect((await ratesOf(a.shopId)).map((r) => r.price_cents)).toEqual([1, 1, 1, 1]);
    expect(await ratesOf(b.shopId)).toEqual(before);

    const deleted = await withShop(t.platform.db, a.shopId, (tx) =>
      tx.deleteFrom('shop_shipping_rate').executeTakeFirst(),
    );
    expect(Number(deleted.numDeletedRows)).toBe(4);
    expect(await ratesOf(a.shopId)).toEqual([]);
    expect(await ratesOf(b.shopId)).toEqual(before);
  });

  it("refuses to write a row of another shop, by INSERT or by moving one's own row over", async () => {
    const { a, b } = await twoShops();
    // Free B's 'world' zone first, so that only the policy, not the primary key, can refuse the rows below.
    await t.platform.db
      .deleteFrom('shop_shipping_rate')
      .where('shop_id', '=', b.shopId)
      .where('zone', '=', 'world')
      .execute();
    await expect(
      withShop(t.platform.db, a.shopId, (tx) =>
        tx.insertInto('shop_shipping_rate').values({ shop_id: b.shopId, zone: 'world', price_cents: 1 }).execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      withShop(t.platform.db, a.shopId, (tx) =>
        tx.updateTable('shop_shipping_rate').set({ shop_id: b.shopId }).where('zone', '=', 'world').execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    expect((await ratesOf(b.shopId)).map((r) => r.zone)).not.toContain('world');
    expect(await ratesOf(a.shopId)).toHaveLength(4);
  });

  it('ends with its transaction: afterwards the connecting role sees every shop again', async () => {
    const { a, b } = await twoShops();
    const connecting = await whoAmI();
    const inside = await withShop(t.platform.db, a.shopId, () => whoAmI());
    expect(inside).toEqual({ role: shopRole, shop: a.shopId });
    const after = await whoAmI();
    expect(after.role).toBe(connecting.role);
    expect(after.role).not.toBe(shopRole);
    expect(after.shop ?? '').toBe('');
    expect(await ratesOf(b.shopId)).toHaveLength(4);
  });

  it('platform work later in the same unit of work still runs after the switch: its audit entry and job commit with it', async () => {
    const { a } = await twoShops();
    const ctx = operatorContext(t.clock.now());
    const jobId = await t.platform.db.transaction().execute(async () => {
      await withShop(t.platform.db, a.shopId, (tx) =>
        tx.updateTable('shop_shipping_rate').set({ price_cents: 777 }).where('zone', '=', 'eu').execute(),
      );
      expect((await whoAmI()).role).toBe(shopRole);
      await t.platform.audit.record(ctx, {
        action: 'shop.update',
        target: { kind: 'shop', id: a.shopId },
        chain: `account:${a.accountId}`,
        data: { fields: ['shippingRates'] },
      });
      return t.platform.jobs.enqueue('test.after-shop-work', { shopId: a.shopId });
    });
    expect((await ratesOf(a.shopId)).find((r) => r.zone === 'eu')?.price_cents).toBe(777);
    const entries = await t.platform.audit.listForTarget({ kind: 'shop', id: a.shopId });
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['shop.create', 'shop.update']));
    expect(await t.platform.db.selectFrom('job').select('id').where('id', '=', jobId).executeTakeFirst()).toEqual({
      id: jobId,
    });
    expect((await t.platform.audit.verify()).ok).toBe(true);
    await t.platform.db.deleteFrom('job').where('id', '=', jobId).execute();
  });

  it('one unit of work acts for one shop: entering the same one again joins it, entering another throws', async () => {
    const { a, b } = await twoShops();
    await t.platform.db.transaction().execute(async () => {
      await withShop(t.platform.db, a.shopId, async () => undefined);
      expect(
        await withShop(t.platform.db, a.shopId, (tx) => tx.selectFrom('shop_shipping_rate').select('zone').execute()),
      ).toHaveLength(4);
    });
    await expect(
      t.platform.db.transaction().execute(async () => {
        await withShop(t.platform.db, a.shopId, async () => undefined);
        await withShop(t.platform.db, b.shopId, (tx) =>
          tx.updateTable('shop_shipping_rate').set({ price_cents: 0 }).execute(),
        );
      }),
    ).rejects.toThrow(/already entered another/);
    expect((await ratesOf(b.shopId)).map((r) => r.price_cents)).not.toContain(0);
  });
});
