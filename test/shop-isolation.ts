import { sql, type Kysely } from 'kysely';

/** The role withShop switches to, and the policy expression enable_shop_isolation gives it (migration 0017). */
export const shopRole = 'sellrocket_shop';
const isolation = "(shop_id = current_setting('app.shop_id'::text, true))";

interface ShopTableFacts {
  table: string;
  rls: boolean;
  policy: boolean;
  /** Other permissive policies the shop role is under: they would widen what it sees (policies are OR-ed). */
  other_policies: string[];
  shop_in_key: boolean;
  /** Foreign keys to another shop table that do not pair shop_id with shop_id: they could join two shops. */
  unscoped_foreign_keys: string[];
}

/** Facts about every table of the live schema that has a shop_id column: the shop tables. */
async function shopTableFacts(db: Kysely<any>): Promise<ShopTableFacts[]> {
  const r = await sql<ShopTableFacts>`
    with shop_table as (
      select c.oid, c.relname, c.relrowsecurity, a.attnum
      from pg_class c
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'shop_id' and not a.attisdropped
      where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')
    ), shop_policy as (
      select p.polrelid, p.polname,
        p.polcmd = '*' and p.polroles = array[(select oid from pg_roles where rolname = ${shopRole})]
          and pg_get_expr(p.polqual, p.polrelid) = ${isolation}
          and pg_get_expr(p.polwithcheck, p.polrelid) = ${isolation} as isolates
      from pg_policy p
      where p.polpermissive
        and (0::oid = any (p.polroles) or (select oid from pg_roles where rolname = ${shopRole}) = any (p.polroles))
    )
    select t.relname::text as table,
      t.relrowsecurity as rls,
      exists (select 1 from shop_policy p where p.polrelid = t.oid and p.isolates) as policy,
      coalesce((select array_agg(p.polname::text order by p.polname) from shop_policy p
                where p.polrelid = t.oid and not p.isolates), '{}') as other_policies,
      exists (select 1 from pg_constraint k where k.conrelid = t.oid and k.contype = 'p' and t.attnum = any (k.conkey))
        as shop_in_key,
      coalesce((select array_agg(k.conname::text order by k.conname)
                from pg_constraint k join shop_table r on r.oid = k.confrelid
                where k.conrelid = t.oid and k.contype = 'f'
                  and not exists (select 1 from unnest(k.conkey, k.confkey) as u(col, ref)
                                  where u.col = t.attnum and u.ref = r.attnum)), '{}') as unscoped_foreign_keys
    from shop_table t
    order by t.relname`.execute(db);
  return r.rows;
}

/** Every table of the live schema that has a shop_id column. */
export async function shopTables(db: Kysely<any>): Promise<string[]> {
  return (await shopTableFacts(db)).map((f) => f.table);
}

/**
 * What keeps each shop table from being walled off by shop: an empty list when every one has row-level
 * security, the isolation policy (and no other permissive one for the shop role), shop_id in its primary
 * key, and shop_id paired with shop_id in every foreign key to another shop table.
 */
export async function shopIsolationProblems(db: Kysely<any>): Promise<string[]> {
  return (await shopTableFacts(db)).flatMap((f) => [
    ...(f.rls ? [] : [`${f.table}: row-level security is not enabled (call enable_shop_isolation)`]),
    ...(f.policy ? [] : [`${f.table}: no shop_isolation policy for ${shopRole} (call enable_shop_isolation)`]),
    ...f.other_policies.map((p) => `${f.table}: policy ${p} also applies to ${shopRole} and widens what it sees`),
    ...(f.shop_in_key ? [] : [`${f.table}: shop_id is not part of the primary key`]),
    ...f.unscoped_foreign_keys.map((k) => `${f.table}: foreign key ${k} to a shop table does not include shop_id`),
  ]);
}
