import { sql, type RawBuilder } from 'kysely';
import type { TableDeclaration, TableDeclarations } from './data-map.js';
import { identifierColumns, personalColumns, type Executor, type SubjectGraph, type SubjectRef } from './subject-graph.js';

/**
 * Identifiers that belong to one person wherever they appear: a sign-in email is unique. Phones
 * (a family, a switchboard), NIFs (a company's accounts), names and IPs may be shared, so they
 * count as residue only in the subject's own rows and in the firewall's visitor tables.
 */
const strongIdentifierKeys = new Set(['contact.email']);

export type Identifiers = { strong: Map<string, string[]>; weak: string[] };

/** A subject's identifier values, gathered in SQL, and the search for any of them left behind. */
export function createIdentifierScan(deps: { tables: TableDeclarations; graph: SubjectGraph }) {
  const { tables, graph: { ownedBy, tablesOf } } = deps;

  /**
   * A select list over the rows in `source` (a WITH name): their count and, per identifier column,
   * its distinct values (10,000 sign-ins come from a handful of IPs; hashed, not sorted).
   */
  function identifierAggregates(decl: TableDeclaration, source: string, prefix = '') {
    const from = sql.table(source);
    return sql.join([sql`(select count(*) from ${from})::int as ${sql.ref(`${prefix}n`)}`, ...identifierColumns(decl).map(([col], i) =>
      sql`(select array_agg(v) from (select distinct ${sql.ref(col)}::text as v from ${from} where ${sql.ref(col)} is not null and ${sql.ref(col)}::text <> '') d) as ${sql.ref(`${prefix}i${i}`)}`)]);
  }
  /** The identifier columns of `decl`, as a select or returning list. */
  const identifierList = (decl: TableDeclaration) =>
    (identifierColumns(decl).length > 0 ? sql.join(identifierColumns(decl).map(([col]) => sql.ref(col))) : sql`1`);

  /** Adds one table's aggregated identifiers to `into`, sorted by how personal they are. */
  function collect(into: { strong: Map<string, Set<string>>; weak: Set<string> }, decl: TableDeclaration, row: Record<string, unknown>, prefix = '') {
    identifierColumns(decl).forEach(([, c], i) => {
      for (const v of (row[`${prefix}i${i}`] as string[] | null) ?? []) {
        if (!strongIdentifierKeys.has(c.key)) { into.weak.add(v); continue; }
        const set = into.strong.get(c.key) ?? new Set<string>();
        set.add(v);
        into.strong.set(c.key, set);
      }
    });
  }
  const newCollector = () => ({ strong: new Map<string, Set<string>>(), weak: new Set<string>() });
  const finish = (c: ReturnType<typeof newCollector>): Identifiers => ({ strong: new Map([...c.strong].map(([k, v]) => [k, [...v]])), weak: [...c.weak] });

  /** The subject's identifier values (emails, phones, NIF, names, IPs…), split by how personal they are. */
  async function identifiersOf(executor: Executor, subject: SubjectRef): Promise<Identifiers> {
    const found = newCollector();
    for (const table of tablesOf(subject.kind)) {
      const decl = tables[table]!;
      if (identifierColumns(decl).length === 0) continue;
      const r = await sql<Record<string, unknown>>`with theirs as (select ${identifierList(decl)} from ${sql.table(table)} where ${ownedBy(table, subject.id)}) select ${identifierAggregates(decl, 'theirs')}`.execute(executor);
      collect(found, decl, r.rows[0]!);
    }
    return finish(found);
  }
  const allValues = (ids: Identifiers) => [...[...ids.strong.values()].flat(), ...ids.weak];

  /**
   * Checks that nothing of the subject remains: none of their rows, no identifier left in a log
   * that keeps its rows, their email in no column that holds emails anywhere (the data map says
   * which), and none of their identifiers in the firewall's visitor tables. Names and IPs in other
   * people's rows are those people's data (a shared office IP, a common first name), not residue.
   * All the checks go to the database as one statement.
   */
  async function findResidue(executor: Executor, subject: SubjectRef, ids: Identifiers) {
    const checks: RawBuilder<unknown>[] = [];
    const check = (table: string, column: string, where: RawBuilder<boolean>) =>
      // Counted up to a thousand: enough to report, and a scan stops early when there is a lot.
      checks.push(sql`select ${table}::text as t, ${column}::text as c, (select count(*) from (select 1 from ${sql.table(table)} where ${where} limit 1000) x)::int as n`);
    const holding = (col: string, values: string[]) => sql<boolean>`${sql.ref(col)}::text = any(${values}::text[])`;
    for (const table of tablesOf(subject.kind)) {
      const decl = tables[table]!;
      if (decl.erasure === 'forget-identifiers') {
        for (const [col] of identifierColumns(decl)) check(table, col, sql<boolean>`${ownedBy(table, subject.id)} and ${sql.ref(col)} is not null`);
      } else {
        check(table, '*', ownedBy(table, subject.id));
      }
    }
    const everyValue = allValues(ids);
    for (const [table, decl] of Object.entries(tables)) {
      for (const [key, values] of ids.strong) {
        // A column under legal hold keeps what the law requires, even of an erased subject.
        for (const [col] of personalColumns(decl).filter(([, c]) => c.key === key && c.onErasure !== 'hold')) check(table, col, holding(col, values));
      }
      if (decl.subject === 'visitor' && everyValue.length > 0) {
        for (const [col] of identifierColumns(decl)) check(table, col, holding(col, everyValue));
      }
    }
    const r = await sql<{ t: string; c: string; n: number }>`select * from (${sql.join(checks, sql` union all `)}) residue where n > 0`.execute(executor);
    return r.rows.map((row) => ({ table: row.t, column: row.c, rows: row.n }));
  }

  return { identifierAggregates, identifierList, collect, newCollector, finish, identifiersOf, allValues, findResidue };
}
export type IdentifierScan = ReturnType<typeof createIdentifierScan>;
