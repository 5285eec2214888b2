import { sql, type RawBuilder } from 'kysely';
import { prepared } from '../db/prepared.js';
import type { TableDeclarations } from './data-map.js';
import {
  identifierColumns,
  personalColumns,
  type Executor,
  type SubjectGraph,
  type SubjectRef,
} from './subject-graph.js';

/**
 * Identifiers that belong to one person wherever they appear: a sign-in email is unique. Phones
 * (a family, a switchboard), NIFs (a company's accounts), names and IPs may be shared, so they
 * count as residue only in the subject's own rows and in the firewall's visitor tables.
 */
const strongIdentifierKeys = new Set(['contact.email']);

export type Identifiers = { strong: Map<string, string[]>; weak: string[] };

/** A subject's identifier values, gathered in SQL, and the search for any of them left behind. */
export function createIdentifierScan(deps: { tables: TableDeclarations; graph: SubjectGraph }) {
  const {
    tables,
    graph: { ownedBy, tablesOf },
  } = deps;

  /**
   * A query yielding every identifier value in the subject's rows as (k: data-map key, v: value),
   * each pair once: 10,000 sign-ins come from a handful of IPs, and the database deduplicates.
   */
  function subjectValues(subject: SubjectRef): RawBuilder<{ k: string; v: string }> {
    const sources = tablesOf(subject.kind).flatMap((table) =>
      identifierColumns(tables[table]!).map(
        ([col, c]) =>
          sql`select ${c.key}::text as k, ${sql.ref(col)}::text as v from ${sql.table(table)} where ${ownedBy(table, subject)} and ${sql.ref(col)} is not null and ${sql.ref(col)}::text <> ''`,
      ),
    );
    return sources.length > 0
      ? sql`${sql.join(sources, sql` union `)}`
      : sql`select null::text as k, null::text as v where false`;
  }

  /** A select expression turning the rows of `source` (a WITH name over subjectValues) into one JSON object of arrays by key. */
  const valuesByKey = (source: string) =>
    sql`(select json_object_agg(k, vs)::text from (select k, array_agg(v) as vs from ${sql.table(source)} group by k) g)`;

  /** Identifier values by data-map key, sorted by how personal they are. */
  const splitIdentifiers = (json: unknown): Identifiers => {
    const byKey = JSON.parse(String(json ?? '{}')) as Record<string, string[]>;
    return {
      strong: new Map(Object.entries(byKey).filter(([k]) => strongIdentifierKeys.has(k))),
      weak: Object.entries(byKey)
        .filter(([k]) => !strongIdentifierKeys.has(k))
        .flatMap(([, v]) => v),
    };
  };

  /** The subject's identifier values (emails, phones, NIF, names, IPs…), split by how personal they are. */
  async function identifiersOf(executor: Executor, subject: SubjectRef): Promise<Identifiers> {
    const r = await sql<{
      ids: unknown;
    }>`with theirs as (${subjectValues(subject)}) select ${valuesByKey('theirs')} as ids`.execute(executor);
    return splitIdentifiers(r.rows[0]!.ids);
  }
  const allValues = (ids: Identifiers) => [...[...ids.strong.values()].flat(), ...ids.weak];

  /**
   * Checks that nothing of the subject remains: none of their rows, no identifier left in a log
   * that keeps its rows, their email in no column that holds emails anywhere (the data map says
   * which), and none of their identifiers in the firewall's visitor tables. Names and IPs in other
   * people's rows are those people's data (a shared office IP, a common first name), not residue.
   * All the checks go to the database as one statement.
   */
  async function findResidue(
    executor: Executor,
    subject: SubjectRef,
    ids: Identifiers,
    withinShop: string | null = null,
  ) {
    const checks: RawBuilder<unknown>[] = [];
    const check = (table: string, column: string, where: RawBuilder<boolean>) =>
      // Counted up to a thousand: enough to report, and a scan stops early when there is a lot.
      checks.push(
        sql`select ${table}::text as t, ${column}::text as c, (select count(*) from (select 1 from ${sql.table(table)} where ${where} limit 1000) x)::int as n`,
      );
    const holding = (col: string, values: string[]) => sql<boolean>`${sql.ref(col)}::text = any(${values}::text[])`;
    for (const table of tablesOf(subject.kind)) {
      const decl = tables[table]!;
      if (decl.erasure === 'forget-identifiers') {
        for (const [col] of identifierColumns(decl))
          check(table, col, sql<boolean>`${ownedBy(table, subject)} and ${sql.ref(col)} is not null`);
      } else {
        check(table, '*', ownedBy(table, subject));
      }
    }
    const everyValue = allValues(ids);
    for (const [table, decl] of Object.entries(tables)) {
      // A shop's shopper is a subject of that shop (its merchant is the controller): the same email
      // in another shop, or at the platform, is someone else's record, not residue of this one.
      const scoped = withinShop !== null;
      if (scoped && !('shop_id' in decl.columns)) continue;
      for (const [key, values] of ids.strong) {
        // A column under legal hold keeps what the law requires, even of an erased subject.
        for (const [col] of personalColumns(decl).filter(([, c]) => c.key === key && c.onErasure !== 'hold'))
          check(
            table,
            col,
            scoped
              ? sql<boolean>`${sql.ref('shop_id')} = ${withinShop} and ${holding(col, values)}`
              : holding(col, values),
          );
      }
      if (decl.subject === 'visitor' && everyValue.length > 0) {
        for (const [col] of identifierColumns(decl)) check(table, col, holding(col, everyValue));
      }
    }
    const r = await prepared(
      sql<{
        t: string;
        c: string;
        n: number;
      }>`select * from (${sql.join(checks, sql` union all `)}) residue where n > 0`,
    ).execute(executor);
    return r.rows.map((row) => ({ table: row.t, column: row.c, rows: row.n }));
  }

  return { subjectValues, valuesByKey, splitIdentifiers, identifiersOf, allValues, findResidue };
}
export type IdentifierScan = ReturnType<typeof createIdentifierScan>;
