import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditLog } from '../audit/audit-log.js';
import { actorRef, type RequestContext } from '../context.js';
import { keyedHash } from '../crypto/tokens.js';
import type { Db } from '../db/database.js';
import { newId } from '../ids.js';
import type { DataMap, PersonalColumn, TableDeclaration } from './data-map.js';
import type { Subject } from './vocabulary.js';

export interface SubjectRef { kind: Subject; id: string }
type Executor = Db | Transaction<Database>;

/**
 * Identifiers that belong to one person wherever they appear: a sign-in email is unique. Phones
 * (a family, a switchboard), NIFs (a company's accounts), names and IPs may be shared, so they
 * count as residue only in the subject's own rows and in the firewall's visitor tables.
 */
const strongIdentifierKeys = new Set(['contact.email']);

export class ErasureResidueError extends Error {
  constructor(readonly residue: { table: string; column: string; rows: number }[]) {
    super(`Erasure left personal data behind in ${residue.map((r) => `${r.table}.${r.column} (${r.rows})`).join(', ')}`);
  }
}

/**
 * The privacy engine: walks the data map from a subject to every row that is theirs, to export it
 * or erase it. A module needs no code of its own for this, only its declarations.
 */
export function createPrivacyEngine(deps: { db: Db; map: DataMap; audit: AuditLog; hashKey: Buffer }) {
  const tables = deps.map.tables;

  /** The SQL condition selecting `table`'s rows that belong to the subject, following `owner` references. */
  function ownedBy(table: string, subjectId: string): RawBuilder<boolean> {
    const decl = tables[table]!;
    const owner = decl.owner!;
    if ('column' in owner) return sql<boolean>`${sql.ref(`${table}.${owner.column}`)} = ${subjectId}`;
    const [toTable, toColumn] = owner.to.split('.') as [string, string];
    return sql<boolean>`${sql.ref(`${table}.${owner.via}`)} in (select ${sql.ref(`${toTable}.${toColumn}`)} from ${sql.table(toTable)} where ${ownedBy(toTable, subjectId)})`;
  }

  /** Tables holding this kind of subject's data, children before the tables they point to. */
  function tablesOf(kind: Subject): string[] {
    const own = Object.entries(tables).filter(([, d]) => d.subject === kind && d.owner).map(([t]) => t);
    const depth = (t: string): number => { const o = tables[t]!.owner!; return 'column' in o ? 0 : 1 + depth(o.to.split('.')[0]!); };
    return own.sort((a, b) => depth(b) - depth(a) || a.localeCompare(b));
  }

  const personalColumns = (decl: TableDeclaration) =>
    Object.entries(decl.columns).filter((e): e is [string, PersonalColumn] => e[1].personal);

  /**
   * The subject's data, table by table, without the columns never exported (password hashes…).
   * Each table gives its row count and a reader that pages through the rows, so an archive can be
   * written as a stream however long the subject's history is.
   */
  async function* exportSubject(subject: SubjectRef, pageSize = 5000): AsyncGenerator<{
    table: string; decl: TableDeclaration; count: number; pages: () => AsyncGenerator<Record<string, unknown>[]>;
  }> {
    for (const table of tablesOf(subject.kind)) {
      const decl = tables[table]!;
      const omitted = new Set(personalColumns(decl).filter(([, c]) => c.export === 'omit').map(([n]) => n));
      const count = (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${ownedBy(table, subject.id)}`.execute(deps.db)).rows[0]!.n;
      const pages = async function* () {
        // ctid order: stable within the export, and needs no knowledge of each table's key.
        for (let offset = 0; offset < count; offset += pageSize) {
          const r = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where ${ownedBy(table, subject.id)} order by ctid limit ${pageSize} offset ${offset}`.execute(deps.db);
          yield r.rows.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => !omitted.has(k))));
        }
      };
      yield { table, decl, count, pages };
    }
  }

  /** The subject's identifier values (emails, phones, NIF, names, IPs…), split by how personal they are. */
  async function identifiersOf(executor: Executor, subject: SubjectRef) {
    const strong = new Map<string, Set<string>>(); // by data-map key: where such a value can live
    const weak = new Set<string>();
    for (const table of tablesOf(subject.kind)) {
      const ids = personalColumns(tables[table]!).filter(([, c]) => c.identifier);
      if (ids.length === 0) continue;
      for (const [col, c] of ids) {
        // Distinct values only: 10,000 sign-ins come from a handful of IPs.
        const r = await sql<{ v: unknown }>`select distinct ${sql.ref(col)} as v from ${sql.table(table)} where ${ownedBy(table, subject.id)} and ${sql.ref(col)} is not null`.execute(executor);
        for (const { v } of r.rows) {
          if (v === '') continue;
          if (strongIdentifierKeys.has(c.key)) {
            const set = strong.get(c.key) ?? new Set<string>();
            set.add(String(v));
            strong.set(c.key, set);
          } else {
            weak.add(String(v));
          }
        }
      }
    }
    return { strong: new Map([...strong].map(([k, v]) => [k, [...v]])), weak: [...weak] };
  }
  type Identifiers = Awaited<ReturnType<typeof identifiersOf>>;
  const allValues = (ids: Identifiers) => [...[...ids.strong.values()].flat(), ...ids.weak];

  /** Rows in `table` whose `columns` hold any of `values` (text equality, so indexes apply). */
  async function countMatches(executor: Executor, table: string, columns: string[], values: string[]) {
    const found: { table: string; column: string; rows: number }[] = [];
    if (values.length === 0) return found;
    for (const column of columns) {
      const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${sql.ref(column)} = any(${values}::text[])`.execute(executor);
      if (r.rows[0]!.n > 0) found.push({ table, column, rows: r.rows[0]!.n });
    }
    return found;
  }

  /**
   * Checks that nothing of the subject remains: none of their rows, no identifier left in a log
   * that keeps its rows, their email in no column that holds emails anywhere (the data map says
   * which), and none of their identifiers in the firewall's visitor tables. Names and IPs in other
   * people's rows are those people's data (a shared office IP, a common first name), not residue.
   */
  async function findResidue(executor: Executor, subject: SubjectRef, ids: Identifiers) {
    const residue: { table: string; column: string; rows: number }[] = [];
    for (const table of tablesOf(subject.kind)) {
      const decl = tables[table]!;
      if (decl.erasure === 'forget-identifiers') {
        for (const [col] of personalColumns(decl).filter(([, c]) => c.identifier)) {
          const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${ownedBy(table, subject.id)} and ${sql.ref(col)} is not null`.execute(executor);
          if (r.rows[0]!.n > 0) residue.push({ table, column: col, rows: r.rows[0]!.n });
        }
      } else {
        const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${ownedBy(table, subject.id)}`.execute(executor);
        if (r.rows[0]!.n > 0) residue.push({ table, column: '*', rows: r.rows[0]!.n });
      }
    }
    for (const [table, decl] of Object.entries(tables)) {
      for (const [key, values] of ids.strong) {
        residue.push(...await countMatches(executor, table, personalColumns(decl).filter(([, c]) => c.key === key).map(([col]) => col), values));
      }
      if (decl.subject === 'visitor') {
        residue.push(...await countMatches(executor, table, personalColumns(decl).filter(([, c]) => c.identifier).map(([col]) => col), allValues(ids)));
      }
    }
    return residue;
  }

  /**
   * Erases a subject in one transaction: deletes their rows (children first), forgets identifiers
   * in logs that must keep their rows, clears their IPs and names from the firewall's tables,
   * journals the erasure without personal data, and verifies that nothing remains; if anything
   * does, everything rolls back and the erasure fails loudly.
   */
  async function eraseSubject(ctx: RequestContext, subject: SubjectRef) {
    return deps.db.transaction().execute(async (tx) => {
      const ids = await identifiersOf(tx, subject);
      const summary: Record<string, number> = {};
      for (const table of tablesOf(subject.kind)) {
        const decl = tables[table]!;
        if (decl.erasure === 'forget-identifiers') {
          const cols = personalColumns(decl).filter(([, c]) => c.identifier && c.key.startsWith('device.')).map(([c]) => c);
          for (const col of cols) {
            const r = await sql`update ${sql.table(table)} set ${sql.ref(col)} = null where ${ownedBy(table, subject.id)} and ${sql.ref(col)} is not null`.execute(tx);
            summary[`${table}.${col}:nulled`] = Number(r.numAffectedRows ?? 0);
          }
          continue;
        }
        const r = await sql`delete from ${sql.table(table)} where ${ownedBy(table, subject.id)}`.execute(tx);
        summary[`${table}:deleted`] = Number(r.numAffectedRows ?? 0);
      }
      for (const [table, decl] of Object.entries(tables)) {
        if (decl.subject !== 'visitor') continue;
        for (const [col, c] of personalColumns(decl)) {
          if (!c.identifier) continue;
          const r = await sql`delete from ${sql.table(table)} where ${sql.ref(col)} = any(${allValues(ids)}::text[])`.execute(tx);
          summary[`${table}:deleted`] = (summary[`${table}:deleted`] ?? 0) + Number(r.numAffectedRows ?? 0);
        }
      }
      const residue = await findResidue(tx, subject, ids);
      if (residue.length > 0) throw new ErasureResidueError(residue);
      const id = newId('era');
      await tx.insertInto('erasure_journal').values({
        id, subject_kind: subject.kind, subject_ref: keyedHash(deps.hashKey, `${subject.kind}:${subject.id}`), erased_at: ctx.now,
        summary: JSON.stringify(summary) as unknown as Record<string, unknown>,
      }).execute();
      // No IP on this entry: when the subject erases themselves it would be theirs, written after the check.
      await deps.audit.record(tx, { actor: actorRef(ctx.actor), action: 'privacy.erasure', target: { kind: 'erasure', id }, requestId: ctx.requestId, data: { subjectKind: subject.kind } });
      return { journalId: id, summary };
    });
  }

  return { tablesOf, exportSubject, eraseSubject, identifiersOf, findResidue };
}
export type PrivacyEngine = ReturnType<typeof createPrivacyEngine>;
