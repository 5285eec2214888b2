import { sql, type Kysely } from 'kysely';

/**
 * The tables that hold a shop's rows: every table of the live schema with a shop_id column, in an
 * order where a table comes before those it references (so deleting in this order never trips a
 * foreign key). Read from the catalogue, not from a list: a module that adds a shop table is covered
 * without telling this one.
 */
export async function shopTablesInDeleteOrder(db: Kysely<any>): Promise<string[]> {
  const tables = await sql<{ table: string }>`
    select c.relname::text as table
    from pg_class c
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'shop_id' and not a.attisdropped
    where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')
    order by c.relname`.execute(db);
  const refs = await sql<{ from: string; to: string }>`
    select src.relname::text as from, dst.relname::text as to
    from pg_constraint k
    join pg_class src on src.oid = k.conrelid
    join pg_class dst on dst.oid = k.confrelid
    where k.contype = 'f' and src.relnamespace = current_schema()::regnamespace and src.oid <> dst.oid`.execute(db);
  const names = tables.rows.map((r) => r.table);
  const referencedBy = new Map(names.map((n) => [n, new Set<string>()]));
  for (const r of refs.rows)
    if (referencedBy.has(r.to) && referencedBy.has(r.from)) referencedBy.get(r.to)!.add(r.from);
  // Depth-first: a table is listed after every table that references it.
  const ordered: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const from of referencedBy.get(name) ?? []) visit(from);
    ordered.push(name);
  };
  names.forEach(visit);
  return ordered;
}

/** Deletes every row of the shop from every shop table, then the shop itself, in the current unit of work. */
export async function deleteShopRows(db: Kysely<any>, shopId: string): Promise<Record<string, number>> {
  const removed: Record<string, number> = {};
  for (const table of await shopTablesInDeleteOrder(db)) {
    const r = await sql`delete from ${sql.table(table)} where shop_id = ${shopId}`.execute(db);
    if (Number(r.numAffectedRows ?? 0) > 0) removed[table] = Number(r.numAffectedRows);
  }
  const shop = await sql`delete from shop where id = ${shopId}`.execute(db);
  removed.shop = Number(shop.numAffectedRows ?? 0);
  return removed;
}
