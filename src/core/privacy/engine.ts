import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditLog } from '../audit/audit-log.js';
import { actorRef, type RequestContext } from '../context.js';
import { keyedHash } from '../crypto/tokens.js';
import type { Db } from '../db/database.js';
import { newId } from '../ids.js';
import { REDACTED, type DataMap, type PersonalColumn, type TableDeclaration } from './data-map.js';
import type { Subject } from './vocabulary.js';

export interface SubjectRef { kind: Subject; id: string }
/** One erasure, as the journal keeps it: a keyed hash of the subject reference, never the person. */
export interface JournalEntry { id: string; subjectKind: Subject; subjectRef: string; erasedAt: string }
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

  /**
   * The SQL condition selecting `table`'s rows that belong to the subject, following `owner`
   * references; `alias` names the table in the query when it is not its own name.
   */
  function ownedBy(table: string, subjectId: string, alias = table): RawBuilder<boolean> {
    const decl = tables[table]!;
    const owner = decl.owner!;
    if ('column' in owner) return sql<boolean>`${sql.ref(`${alias}.${owner.column}`)} = ${subjectId}`;
    const [toTable, toColumn] = owner.to.split('.') as [string, string];
    // A reference to the subject's own key needs no join: the reference holds the subject id.
    const parent = tables[toTable]!.owner!;
    if ('column' in parent && parent.column === toColumn) return sql<boolean>`${sql.ref(`${alias}.${owner.via}`)} = ${subjectId}`;
    return sql<boolean>`${sql.ref(`${alias}.${owner.via}`)} in (select ${sql.ref(`${toTable}.${toColumn}`)} from ${sql.table(toTable)} where ${ownedBy(toTable, subjectId)})`;
  }

  /** Tables holding this kind of subject's data, children before the tables they point to. */
  function tablesOf(kind: Subject): string[] {
    const own = Object.entries(tables).filter(([, d]) => d.subject === kind && d.owner).map(([t]) => t);
    return own.sort((a, b) => depthOf(b) - depthOf(a) || a.localeCompare(b));
  }
  const depthOf = (t: string): number => { const o = tables[t]!.owner!; return 'column' in o ? 0 : 1 + depthOf(o.to.split('.')[0]!); };

  /** Foreign keys of the live schema (child>parent), read once: tables that reference each other are never deleted in one statement. */
  let foreignKeys: Promise<Set<string>> | undefined;
  const foreignKeysOf = () => (foreignKeys ??= sql<{ child: string; parent: string }>`
    select conrelid::regclass::text as child, confrelid::regclass::text as parent from pg_constraint where contype = 'f'`
    .execute(deps.db).then((r) => new Set(r.rows.map((x) => `${x.child}>${x.parent}`))));

  /**
   * The subject's tables in erasure order, grouped so that each group can go in one statement:
   * tables deleted outright, at the same depth, none referencing another of the group. Tables
   * whose rows stay (logs, held documents) are a step of their own.
   */
  async function erasureSteps(kind: Subject): Promise<string[][]> {
    const fks = await foreignKeysOf();
    const related = (a: string, b: string) => fks.has(`${a}>${b}`) || fks.has(`${b}>${a}`);
    const steps: string[][] = [];
    for (const table of tablesOf(kind)) {
      const last = steps.at(-1);
      const deletes = (t: string) => (tables[t]!.erasure ?? 'delete') === 'delete';
      if (last && deletes(table) && deletes(last[0]!) && depthOf(last[0]!) === depthOf(table) && !last.some((t) => related(t, table))) last.push(table);
      else steps.push([table]);
    }
    return steps;
  }

  const personalColumns = (decl: TableDeclaration) =>
    Object.entries(decl.columns).filter((e): e is [string, PersonalColumn] => e[1].personal);

  /** Column types of the live schema, read once: the export formats each kind of value in SQL. */
  let columnTypes: Promise<Map<string, string>> | undefined;
  const typesOf = () => (columnTypes ??= sql<{ t: string; c: string; type: string }>`
    select table_name as t, column_name as c, data_type as type from information_schema.columns where table_schema = current_schema()`
    .execute(deps.db).then((r) => new Map(r.rows.map((x) => [`${x.t}.${x.c}`, x.type]))));

  /**
   * One exported row as JSON text and as an RFC 4180 CSV line, both built by the database (in C,
   * not row by row in JavaScript): timestamps as ISO 8601 UTC like JavaScript's toISOString, arrays
   * and JSON as JSON text, every other value as its text; every CSV cell quoted.
   */
  function exportExpressions(table: string, columns: string[], types: Map<string, string>) {
    const text = (col: string) => {
      const type = types.get(`${table}.${col}`) ?? 'text';
      const ref = sql.ref(`x.${col}`);
      if (type.startsWith('timestamp')) return sql`to_char(${ref} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
      if (type === 'ARRAY' || type === 'json' || type === 'jsonb') return sql`to_json(${ref})::text`;
      return sql`${ref}::text`;
    };
    const jsonValue = (col: string) => ((types.get(`${table}.${col}`) ?? '').startsWith('timestamp') ? text(col) : sql.ref(`x.${col}`));
    // json_build_object takes at most 100 arguments: wider tables are built in parts and joined.
    const parts: RawBuilder<unknown>[] = [];
    for (let i = 0; i < columns.length; i += 50) {
      parts.push(sql`jsonb_build_object(${sql.join(columns.slice(i, i + 50).flatMap((c) => [sql.lit(c), jsonValue(c)]))})`);
    }
    const json = parts.length === 1
      ? sql`json_build_object(${sql.join(columns.flatMap((c) => [sql.lit(c), jsonValue(c)]))})::text`
      : sql`(${sql.join(parts, sql` || `)})::text`;
    const csv = sql`concat_ws(',', ${sql.join(columns.map((c) => sql`coalesce('"' || replace(${text(c)}, '"', '""') || '"', '')`))})`;
    return { json, csv };
  }

  /**
   * The subject's data, table by table, without the columns never exported (password hashes…).
   * Each table gives a reader that pages through the rows, each row as JSON text and a CSV line, so
   * an archive can be written as a stream however long the subject's history is.
   */
  async function* exportSubject(subject: SubjectRef, pageSize = 5000): AsyncGenerator<{
    table: string; decl: TableDeclaration; columns: string[]; pages: () => AsyncGenerator<{ json: string; csv: string }[]>;
  }> {
    const types = await typesOf();
    for (const table of tablesOf(subject.kind)) {
      const decl = tables[table]!;
      // Only the exported columns are read: a password hash never leaves the database.
      const columns = Object.entries(decl.columns).filter(([, c]) => !(c.personal && c.export === 'omit')).map(([n]) => n);
      const { json, csv } = exportExpressions(table, columns, types);
      const pages = async function* () {
        // Keyset paging on the row's physical address: stable within the export, needs no knowledge
        // of the table's key, and each page starts where the last ended instead of counting past it.
        let after = '(0,0)';
        for (;;) {
          const r = await sql<{ k: string; json: string; csv: string }>`select x.ctid::text as k, ${json} as json, ${csv} as csv
            from ${sql.table(table)} x where ${ownedBy(table, subject.id, 'x')} and x.ctid > ${after}::tid order by x.ctid limit ${pageSize}`.execute(deps.db);
          if (r.rows.length === 0) return;
          after = r.rows[r.rows.length - 1]!.k;
          yield r.rows;
          if (r.rows.length < pageSize) return;
        }
      };
      yield { table, decl, columns, pages };
    }
  }

  /**
   * Every subject a verified email reaches (section 3 of the engine's design): each table that owns
   * itself and holds a sign-in or contact email is asked for it. A customer account today; a
   * shopper of three shops, an affiliate or a support requester as those modules declare theirs.
   * Staff are never reached this way: their data follows the employment notice.
   */
  async function subjectsByEmail(executor: Executor, email: string): Promise<SubjectRef[]> {
    const found: SubjectRef[] = [];
    for (const [table, decl] of Object.entries(tables)) {
      if (!decl.subject || decl.subject === 'staff' || !decl.owner || !('column' in decl.owner)) continue;
      for (const [col] of personalColumns(decl).filter(([, c]) => c.key === 'contact.email')) {
        const r = await sql<{ id: unknown }>`select distinct ${sql.ref(decl.owner.column)} as id from ${sql.table(table)} where ${sql.ref(col)} = ${email}`.execute(executor);
        for (const { id } of r.rows) {
          if (!found.some((s) => s.kind === decl.subject && s.id === String(id))) found.push({ kind: decl.subject, id: String(id) });
        }
      }
    }
    return found;
  }

  type Identifiers = { strong: Map<string, string[]>; weak: string[] };
  const identifierColumns = (decl: TableDeclaration) => personalColumns(decl).filter(([, c]) => c.identifier);

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

  /** Keeps a log's rows (its chain must hold) but forgets the device identifiers in them. */
  function forgetting(table: string, decl: TableDeclaration, subjectId: string) {
    const cols = identifierColumns(decl).filter(([, c]) => c.key.startsWith('device.')).map(([col]) => col);
    return sql`update ${sql.table(table)} set ${sql.join(cols.map((col) => sql`${sql.ref(col)} = null`))}
      where ${ownedBy(table, subjectId)} and (${sql.join(cols.map((col) => sql`${sql.ref(col)} is not null`), sql` or `)}) returning 1`;
  }

  /**
   * Keeps the subject's rows of `table` but clears or redacts every personal column not under legal
   * hold, and detaches the rows from the subject by clearing the owner reference.
   */
  function anonymising(table: string, decl: TableDeclaration, subjectId: string) {
    const owner = decl.owner as { via: string };
    const sets = personalColumns(decl).filter(([, c]) => c.onErasure !== 'hold')
      .map(([col, c]) => sql`${sql.ref(col)} = ${c.onErasure === 'redact' ? REDACTED : null}`);
    sets.push(sql`${sql.ref(owner.via)} = null`);
    return sql`update ${sql.table(table)} set ${sql.join(sets)} where ${ownedBy(table, subjectId)} returning 1`;
  }

  /**
   * Erases a subject in one transaction: deletes their rows (children first), anonymises rows that
   * must remain (keeping fiscal fields under legal hold), forgets identifiers in logs that keep
   * their rows, clears their IPs and names from the firewall's tables, journals the erasure without
   * personal data, and verifies that nothing remains; if anything does, everything rolls back and
   * the erasure fails loudly.
   */
  async function eraseSubject(ctx: RequestContext, subject: SubjectRef) {
    // Read before the transaction: on the embedded database a transaction holds the only connection.
    const steps = await erasureSteps(subject.kind);
    return deps.db.transaction().execute(async (tx) => {
      const found = newCollector();
      const summary: Record<string, number> = {};
      for (const step of steps) {
        if (step.length > 1 || (tables[step[0]!]!.erasure ?? 'delete') === 'delete') {
          // One statement deletes the step's rows and hands back their identifiers for the purge and the check.
          const gone = step.map((table, k) => sql`${sql.ref(`g${k}`)} as (delete from ${sql.table(table)} where ${ownedBy(table, subject.id)} returning ${identifierList(tables[table]!)})`);
          const r = await sql<Record<string, unknown>>`with ${sql.join(gone)} select ${sql.join(step.map((table, k) => identifierAggregates(tables[table]!, `g${k}`, `g${k}_`)))}`.execute(tx);
          step.forEach((table, k) => {
            collect(found, tables[table]!, r.rows[0]!, `g${k}_`);
            summary[`${table}:deleted`] = Number(r.rows[0]![`g${k}_n`]);
          });
          continue;
        }
        // The rows stay: one statement clears what must go and reads the identifiers as they were
        // (a WITH's sub-statements and its main query all see the table before the update).
        const table = step[0]!;
        const decl = tables[table]!;
        const r = await sql<Record<string, unknown>>`with changed as (${decl.erasure === 'anonymise' ? anonymising(table, decl, subject.id) : forgetting(table, decl, subject.id)}),
          theirs as (select ${identifierList(decl)} from ${sql.table(table)} where ${ownedBy(table, subject.id)})
          select ${identifierAggregates(decl, 'theirs')}, (select count(*) from changed)::int as changed`.execute(tx);
        collect(found, decl, r.rows[0]!);
        const n = Number(r.rows[0]!.changed);
        if (decl.erasure === 'forget-identifiers') summary[`${table}:forgotten`] = n;
        else Object.assign(summary, { [`${table}:anonymised`]: n }, personalColumns(decl).some(([, c]) => c.onErasure === 'hold') && n > 0 ? { [`${table}:held`]: n } : {});
      }
      const ids = finish(found);
      // The firewall's tables: every row holding one of the subject's identifiers goes, in one statement.
      const everyValue = allValues(ids);
      const visitorTables = Object.entries(tables).filter(([, d]) => d.subject === 'visitor' && identifierColumns(d).length > 0);
      if (everyValue.length > 0 && visitorTables.length > 0) {
        const purges = visitorTables.map(([table, decl], i) => sql`${sql.ref(`p${i}`)} as (delete from ${sql.table(table)}
          where ${sql.join(identifierColumns(decl).map(([col]) => sql`${sql.ref(col)}::text = any(${everyValue}::text[])`), sql` or `)} returning 1)`);
        const counts = visitorTables.map((_, i) => sql`(select count(*) from ${sql.ref(`p${i}`)})::int as ${sql.ref(`p${i}`)}`);
        const r = await sql<Record<string, number>>`with ${sql.join(purges)} select ${sql.join(counts)}`.execute(tx);
        visitorTables.forEach(([table], i) => { summary[`${table}:deleted`] = (summary[`${table}:deleted`] ?? 0) + Number(r.rows[0]![`p${i}`]); });
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

  /** The journal, for keeping outside the database's backups: it holds no personal data. */
  async function erasureJournal(): Promise<JournalEntry[]> {
    const rows = await deps.db.selectFrom('erasure_journal').select(['id', 'subject_kind', 'subject_ref', 'erased_at']).orderBy('erased_at').execute();
    return rows.map((r) => ({ id: r.id, subjectKind: r.subject_kind as Subject, subjectRef: r.subject_ref, erasedAt: new Date(r.erased_at).toISOString() }));
  }

  /**
   * After a backup is restored, erases again every subject that a journal (kept outside the
   * backup) says was erased: each subject of those kinds is hashed with the same key and matched.
   * The journal's entries are written back, so the restored database knows them too.
   */
  async function replayErasures(ctx: RequestContext, journal: JournalEntry[]) {
    const refs = new Set(journal.map((e) => `${e.subjectKind}:${e.subjectRef}`));
    const erased: string[] = [];
    let checked = 0;
    for (const kind of new Set(journal.map((e) => e.subjectKind))) {
      // Subjects exist in the tables that own themselves and are deleted on erasure (a log that
      // keeps an erased subject's reference does not bring the subject back).
      const ids = new Set<string>();
      for (const [table, decl] of Object.entries(tables)) {
        if (decl.subject !== kind || !decl.owner || !('column' in decl.owner) || (decl.erasure ?? 'delete') !== 'delete') continue;
        for (const r of (await sql<{ id: string }>`select distinct ${sql.ref(decl.owner.column)}::text as id from ${sql.table(table)}`.execute(deps.db)).rows) ids.add(r.id);
      }
      for (const id of ids) {
        checked++;
        if (!refs.has(`${kind}:${keyedHash(deps.hashKey, `${kind}:${id}`)}`)) continue;
        erased.push((await eraseSubject(ctx, { kind, id })).journalId);
      }
    }
    const known = new Set((await deps.db.selectFrom('erasure_journal').select('id').execute()).map((r) => r.id));
    const missing = journal.filter((e) => !known.has(e.id));
    if (missing.length > 0) {
      await deps.db.insertInto('erasure_journal').values(missing.map((e) => ({
        id: e.id, subject_kind: e.subjectKind, subject_ref: e.subjectRef, erased_at: new Date(e.erasedAt), summary: JSON.stringify({ replayedFrom: 'journal' }) as unknown as Record<string, unknown>,
      }))).execute();
    }
    return { checked, erasedAgain: erased.length, journalEntriesRestored: missing.length };
  }

  return { tablesOf, exportSubject, eraseSubject, identifiersOf, findResidue, subjectsByEmail, erasureJournal, replayErasures };
}
export type PrivacyEngine = ReturnType<typeof createPrivacyEngine>;
