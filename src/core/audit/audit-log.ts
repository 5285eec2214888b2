import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { keyedHash } from '../crypto/tokens.js';

export type ActorKind = 'customer' | 'staff' | 'system' | 'operator' | 'anonymous';

/**
 * One audit entry. Targets and actors are references (acc_…, stf_…), never personal values;
 * `data` carries field names and ids only (e.g. which fields changed, not their values).
 */
export interface AuditEntry {
  actor: { kind: ActorKind; id: string | null };
  action: string;
  target?: { kind: string; id: string };
  ip?: string | null;
  requestId?: string | null;
  data?: Record<string, string | number | boolean | null | string[]>;
}

const GENESIS = 'genesis';
// Arbitrary constant: the advisory lock that keeps the chain linear across processes.
const AUDIT_LOCK = 727_272;

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

interface HashedFields {
  at: Date; actor_kind: string; actor_id: string | null; action: string; target_kind: string | null;
  target_id: string | null; ip_digest: string | null; request_id: string | null; data: unknown; prev_hash: string;
}

function entryHash(f: HashedFields): string {
  return createHash('sha256').update(canonical([
    f.prev_hash, f.at.toISOString(), f.actor_kind, f.actor_id, f.action, f.target_kind, f.target_id,
    f.ip_digest, f.request_id, f.data,
  ])).digest('hex');
}

export function createAuditLog(deps: { db: Db; clock: Clock; hashKey: Buffer }) {
  /** Appends an entry inside the caller's transaction, so it commits or rolls back with the change. */
  async function record(tx: Transaction<Database>, entry: AuditEntry): Promise<void> {
    await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(tx);
    const last = await tx.selectFrom('audit_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const fields: HashedFields = {
      at: deps.clock.now(),
      actor_kind: entry.actor.kind,
      actor_id: entry.actor.id,
      action: entry.action,
      target_kind: entry.target?.kind ?? null,
      target_id: entry.target?.id ?? null,
      ip_digest: entry.ip ? keyedHash(deps.hashKey, entry.ip) : null,
      request_id: entry.requestId ?? null,
      data: entry.data ?? {},
      prev_hash: last?.hash ?? GENESIS,
    };
    await tx.insertInto('audit_log').values({
      ...fields,
      data: JSON.stringify(fields.data) as unknown as Record<string, unknown>,
      ip: entry.ip ?? null,
      hash: entryHash(fields),
    }).execute();
  }

  /** For callers with no transaction of their own (e.g. a read being audited). */
  async function recordNow(entry: AuditEntry): Promise<void> {
    await deps.db.transaction().execute((tx) => record(tx, entry));
  }

  /**
   * Walks the chain from the first entry. Reports the first entry whose content, link or IP no
   * longer matches. An IP set to null (forgotten by retention) is allowed; a changed one is not.
   */
  async function verify(): Promise<{ ok: boolean; checked: number; firstBadSeq?: number; reason?: string }> {
    let prev = GENESIS;
    let checked = 0;
    let after = -1;
    for (;;) {
      const rows = await deps.db.selectFrom('audit_log').selectAll()
        .where('seq', '>', String(after)).orderBy('seq').limit(1000).execute();
      if (rows.length === 0) return { ok: true, checked };
      for (const row of rows) {
        const seq = Number(row.seq);
        if (row.prev_hash !== prev) return { ok: false, checked, firstBadSeq: seq, reason: 'broken link to the previous entry' };
        if (entryHash(row) !== row.hash) return { ok: false, checked, firstBadSeq: seq, reason: 'content does not match its hash' };
        if (row.ip !== null && keyedHash(deps.hashKey, row.ip) !== row.ip_digest) {
          return { ok: false, checked, firstBadSeq: seq, reason: 'IP does not match its digest' };
        }
        prev = row.hash;
        after = seq;
        checked++;
      }
    }
  }

  /** Newest first, optionally for one target, paged by `beforeSeq`. IPs are not part of the view. */
  async function list(filter: { targetKind?: string | undefined; targetId?: string | undefined; beforeSeq?: number | undefined; limit: number }) {
    let q = deps.db.selectFrom('audit_log')
      .select(['seq', 'at', 'actor_kind', 'actor_id', 'action', 'target_kind', 'target_id', 'data'])
      .orderBy('seq', 'desc').limit(filter.limit);
    if (filter.targetKind) q = q.where('target_kind', '=', filter.targetKind);
    if (filter.targetId) q = q.where('target_id', '=', filter.targetId);
    if (filter.beforeSeq !== undefined) q = q.where('seq', '<', String(filter.beforeSeq));
    return q.execute();
  }

  function listForTarget(target: { kind: string; id: string }, limit = 100) {
    return list({ targetKind: target.kind, targetId: target.id, limit });
  }

  return { record, recordNow, verify, listForTarget, list };
}
export type AuditLog = ReturnType<typeof createAuditLog>;
