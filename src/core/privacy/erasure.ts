import { sql } from 'kysely';
import type { AuditLog } from '../audit/audit-log.js';
import type { RequestContext } from '../context.js';
import { keyedHash } from '../crypto/tokens.js';
import type { Db } from '../db/database.js';
import { prepared } from '../db/prepared.js';
import { newId } from '../ids.js';
import { REDACTED, type TableDeclaration, type TableDeclarations } from './data-map.js';
import type { IdentifierScan } from './identifier-scan.js';
import { identifierColumns, personalColumns, type SubjectGraph, type SubjectRef } from './subject-graph.js';
import type { Subject } from './vocabulary.js';

/** One erasure, as the journal keeps it: a keyed hash of the subject reference, never the person. */
export interface JournalEntry {
  id: string;
  subjectKind: Subject;
  subjectRef: string;
  erasedAt: string;
}

export class ErasureResidueError extends Error {
  constructor(readonly residue: { table: string; column: string; rows: number }[]) {
    super(
      `Erasure left personal data behind in ${residue.map((r) => `${r.table}.${r.column} (${r.rows})`).join(', ')}`,
    );
  }
}

/** Erasure of a subject, verified, journalled, and replayable after a backup restore. */
export function createErasure(deps: {
  db: Db;
  tables: TableDeclarations;
  graph: SubjectGraph;
  scan: IdentifierScan;
  audit: AuditLog;
  hashKey: Buffer;
}) {
  const {
    tables,
    graph: { ownedBy, tablesOf, subjectTables },
  } = deps;
  const { subjectValues, valuesByKey, splitIdentifiers, findResidue } = deps.scan;

  /** Keeps a log's rows (its chain must hold) but forgets the device identifiers in them. */
  function forgetting(table: string, decl: TableDeclaration, subject: SubjectRef) {
    const cols = identifierColumns(decl)
      .filter(([, c]) => c.key.startsWith('device.'))
      .map(([col]) => col);
    return sql`update ${sql.table(table)} set ${sql.join(cols.map((col) => sql`${sql.ref(col)} = null`))}
      where ${ownedBy(table, subject)} and (${sql.join(
        cols.map((col) => sql`${sql.ref(col)} is not null`),
        sql` or `,
      )})`;
  }

  /**
   * Keeps the subject's rows of `table` but clears or redacts every personal column not under legal
   * hold, and detaches the rows from the subject by clearing the owner reference.
   */
  function anonymising(table: string, decl: TableDeclaration, subject: SubjectRef) {
    const owner = decl.owner as { via: string };
    const sets = personalColumns(decl)
      .filter(([, c]) => c.onErasure !== 'hold')
      .map(([col, c]) => sql`${sql.ref(col)} = ${c.onErasure === 'redact' ? REDACTED : null}`);
    sets.push(sql`${sql.ref(owner.via)} = null`);
    return sql`update ${sql.table(table)} set ${sql.join(sets)} where ${ownedBy(table, subject)}`;
  }

  /**
   * Erases a subject in one transaction: deletes their rows (children first), anonymises rows that
   * must remain (keeping fiscal fields under legal hold), forgets identifiers in logs that keep
   * their rows, clears their IPs and names from the firewall's tables, journals the erasure without
   * personal data, and verifies that nothing remains; if anything does, everything rolls back and
   * the erasure fails loudly.
   */
  async function eraseSubject(ctx: RequestContext, given: SubjectRef) {
    return deps.db.transaction().execute(async (tx) => {
      const summary: Record<string, number> = {};
      // A subject kept per shop (a shopper) is erased within that shop: its shop is read before the
      // rows go when the caller did not name it (a replay after a restore), and every condition
      // below carries it.
      const root = tables[given.kind];
      const perShop = root !== undefined && 'shop_id' in root.columns;
      const subject: SubjectRef =
        perShop && given.shopId === undefined
          ? {
              ...given,
              shopId: (
                await sql<{
                  shop_id: string;
                }>`select shop_id from ${sql.table(given.kind)} where id = ${given.id}`.execute(tx)
              ).rows[0]?.shop_id,
            }
          : given;
      const withinShop = perShop ? (subject.shopId ?? null) : null;
      // One statement erases: it gathers every identifier value of the subject's rows (deduplicated
      // in the database), deletes the firewall's rows holding any of them, and deletes, anonymises or
      // clears the subject's rows of each table. Its parts share one snapshot: a child's rows are
      // found through its parent as it was, whatever order the parts run in, and the foreign keys
      // are checked once the statement is done, when the children are gone too.
      const visitorTables = Object.entries(tables).filter(
        ([, d]) => d.subject === 'visitor' && identifierColumns(d).length > 0,
      );
      const purges = visitorTables.map(
        ([table, decl]) => sql`delete from ${sql.table(table)}
        where ${sql.join(
          identifierColumns(decl).map(([col]) => sql`${sql.ref(col)}::text in (select v from theirs)`),
          sql` or `,
        )}`,
      );
      // The subject's own rows: deleted, or kept with their identifiers cleared. Rows kept with their
      // parent are left as they are: the residue check below proves their parent was detached.
      const erased = tablesOf(subject.kind)
        .map((table) => ({ table, decl: tables[table]!, erasure: tables[table]!.erasure ?? 'delete' }))
        .filter((t) => t.erasure !== 'with-parent');
      const statements = [
        ...purges,
        ...erased.map(({ table, decl, erasure }) =>
          erasure === 'anonymise'
            ? anonymising(table, decl, subject)
            : erasure === 'forget-identifiers'
              ? forgetting(table, decl, subject)
              : sql`delete from ${sql.table(table)} where ${ownedBy(table, subject)}`,
        ),
      ];
      const parts = statements.map((statement, i) => sql`, ${sql.ref(`e${i}`)} as (${statement} returning 1)`);
      const counts = statements.map(
        (_, i) => sql`, (select count(*) from ${sql.ref(`e${i}`)})::int as ${sql.ref(`e${i}`)}`,
      );
      const done = (
        await prepared(
          sql<Record<string, unknown>>`with theirs as materialized (${subjectValues(subject)})${sql.join(parts, sql``)}
          select ${valuesByKey('theirs')} as ids${sql.join(counts, sql``)}`,
        ).execute(tx)
      ).rows[0]!;
      const ids = splitIdentifiers(done.ids);
      const affected = (i: number) => Number(done[`e${i}`]);
      visitorTables.forEach(([table], i) => {
        summary[`${table}:deleted`] = affected(i);
      });
      erased.forEach(({ table, decl, erasure }, j) => {
        const n = affected(purges.length + j);
        if (erasure === 'delete') summary[`${table}:deleted`] = (summary[`${table}:deleted`] ?? 0) + n;
        else if (erasure === 'forget-identifiers') summary[`${table}:forgotten`] = n;
        else
          Object.assign(
            summary,
            { [`${table}:anonymised`]: n },
            personalColumns(decl).some(([, c]) => c.onErasure === 'hold') && n > 0 ? { [`${table}:held`]: n } : {},
          );
      });
      const residue = await findResidue(tx, subject, ids, withinShop);
      if (residue.length > 0) throw new ErasureResidueError(residue);
      const id = newId('era');
      await tx
        .insertInto('erasure_journal')
        .values({
          id,
          subject_kind: subject.kind,
          subject_ref: keyedHash(deps.hashKey, `${subject.kind}:${subject.id}`),
          erased_at: ctx.now,
          summary: JSON.stringify(summary) as unknown as Record<string, unknown>,
        })
        .execute();
      // No IP on this entry: when the subject erases themselves it would be theirs, written after the check.
      await deps.audit.record(ctx, {
        action: 'privacy.erasure',
        target: { kind: 'erasure', id },
        ip: null,
        data: { subjectKind: subject.kind },
      });
      return { journalId: id, summary };
    });
  }

  /** The journal, for keeping outside the database's backups: it holds no personal data. */
  async function erasureJournal(): Promise<JournalEntry[]> {
    const rows = await deps.db
      .selectFrom('erasure_journal')
      .select(['id', 'subject_kind', 'subject_ref', 'erased_at'])
      .orderBy('erased_at')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      subjectKind: r.subject_kind as Subject,
      subjectRef: r.subject_ref,
      erasedAt: new Date(r.erased_at).toISOString(),
    }));
  }

  /**
   * After a backup is restored, erases again every subject that a journal (kept outside the
   * backup) says was erased: each subject of those kinds is hashed with the same key and matched.
   * The journal's entries are written back, so the restored database knows them too. `erase` is the
   * platform's erasure use case, so replay deletes what any other erasure deletes.
   */
  async function replayErasures(
    ctx: RequestContext,
    journal: JournalEntry[],
    erase: (ctx: RequestContext, subject: SubjectRef) => Promise<{ journalId: string }> = eraseSubject,
  ) {
    const refs = new Set(journal.map((e) => `${e.subjectKind}:${e.subjectRef}`));
    const erased: string[] = [];
    // One subject that cannot be erased (it would fail loudly) must not stop the others.
    const failed: { kind: Subject; id: string; reason: string }[] = [];
    let checked = 0;
    for (const kind of new Set(journal.map((e) => e.subjectKind))) {
      // Subjects exist in the tables that own themselves and are deleted on erasure (a log that
      // keeps an erased subject's reference does not bring the subject back).
      const ids = new Set<string>();
      for (const { table, decl, subject, idColumn } of subjectTables()) {
        if (subject !== kind || (decl.erasure ?? 'delete') !== 'delete') continue;
        for (const r of (
          await sql<{ id: string }>`select distinct ${sql.ref(idColumn)}::text as id from ${sql.table(table)}`.execute(
            deps.db,
          )
        ).rows)
          ids.add(r.id);
      }
      for (const id of ids) {
        checked++;
        if (!refs.has(`${kind}:${keyedHash(deps.hashKey, `${kind}:${id}`)}`)) continue;
        try {
          erased.push((await erase(ctx, { kind, id })).journalId);
        } catch (e) {
          failed.push({ kind, id, reason: (e as Error).message });
        }
      }
    }
    const known = new Set((await deps.db.selectFrom('erasure_journal').select('id').execute()).map((r) => r.id));
    const missing = journal.filter((e) => !known.has(e.id));
    if (missing.length > 0) {
      await deps.db
        .insertInto('erasure_journal')
        .values(
          missing.map((e) => ({
            id: e.id,
            subject_kind: e.subjectKind,
            subject_ref: e.subjectRef,
            erased_at: new Date(e.erasedAt),
            summary: JSON.stringify({ replayedFrom: 'journal' }) as unknown as Record<string, unknown>,
          })),
        )
        .execute();
    }
    return { checked, erasedAgain: erased.length, failed, journalEntriesRestored: missing.length };
  }

  return { eraseSubject, erasureJournal, replayErasures };
}
