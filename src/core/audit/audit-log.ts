import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import { actorRef, type RequestContext } from '../context.js';
import { keyedHash } from '../crypto/tokens.js';
import type { AuditTables } from './audit.tables.js';

export type ActorKind = 'customer' | 'staff' | 'system' | 'operator' | 'anonymous';

/**
 * One audit entry. Targets and actors are references (acc_…, stf_…), never personal values;
 * `data` carries field names and ids only (e.g. which fields changed, not their values). The actor,
 * IP and request id come from the request context.
 */
export interface AuditEntry {
  action: string;
  target?: { kind: string; id: string };
  data?: Record<string, string | number | boolean | null | string[]>;
  /** Who acted, when it is not the context's actor (e.g. the account a sign-up has just created). */
  actor?: { kind: ActorKind; id: string | null };
  /** `null`: keep no IP on this entry (e.g. an erasure's own record, written after the check). */
  ip?: null;
  /** Which chain the entry joins; by default the account it concerns, else the platform's. */
  chain?: string;
}

const PLATFORM_CHAIN = 'platform';
// The platform chain began before chains were partitioned; each other chain starts at its own name.
const genesisOf = (chain: string) => (chain === PLATFORM_CHAIN ? 'genesis' : `genesis:${chain}`);

/** An account's actions and what is done to it form one chain; the rest is the platform's. */
export function chainOf(entry: AuditEntry, actor: { kind: ActorKind; id: string | null }): string {
  if (entry.chain) return entry.chain;
  if (entry.target?.kind === 'account') return `account:${entry.target.id}`;
  if (actor.kind === 'customer' && actor.id) return `account:${actor.id}`;
  return PLATFORM_CHAIN;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

interface HashedFields {
  at: Date;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  target_kind: string | null;
  target_id: string | null;
  ip_digest: string | null;
  request_id: string | null;
  data: unknown;
  prev_hash: string;
}

function entryHash(f: HashedFields): string {
  return createHash('sha256')
    .update(
      canonical([
        f.prev_hash,
        f.at.toISOString(),
        f.actor_kind,
        f.actor_id,
        f.action,
        f.target_kind,
        f.target_id,
        f.ip_digest,
        f.request_id,
        f.data,
      ]),
    )
    .digest('hex');
}

/** Where the walk of one chain has got to. */
interface Walk {
  chain: string;
  prev: string;
  entries: number;
}

export function createAuditLog(deps: { db: Kysely<AuditTables>; clock: Clock; hashKey: Buffer }) {
  /**
   * Appends an entry in the current unit of work (it commits or rolls back with the change it
   * records), or in a transaction of its own when there is none. Only writers of the same chain
   * wait for each other: the chain's head row is their lock.
   */
  async function record(ctx: RequestContext, entry: AuditEntry): Promise<void> {
    const actor = entry.actor ?? actorRef(ctx.actor);
    const chain = chainOf(entry, actor);
    const ip = entry.ip === null ? null : ctx.ip;
    await deps.db.transaction().execute(async (tx) => {
      // One statement creates the head if needed, locks it and reads it.
      const head = await tx
        .insertInto('audit_chain_head')
        .values({ chain, last_hash: genesisOf(chain), entries: 0 })
        .onConflict((oc) => oc.column('chain').doUpdateSet({ entries: sql`audit_chain_head.entries` }))
        .returning(['last_hash', 'entries'])
        .executeTakeFirstOrThrow();
      const fields: HashedFields = {
        at: deps.clock.now(),
        actor_kind: actor.kind,
        actor_id: actor.id,
        action: entry.action,
        target_kind: entry.target?.kind ?? null,
        target_id: entry.target?.id ?? null,
        ip_digest: ip ? keyedHash(deps.hashKey, ip) : null,
        request_id: ctx.requestId,
        // A user working on someone else's account is named with the entry: the chain stays the account's.
        data:
          ctx.actor.kind === 'customer' && ctx.actor.personId && !entry.actor
            ? { ...entry.data, person: ctx.actor.personId }
            : (entry.data ?? {}),
        prev_hash: head.last_hash,
      };
      const hash = entryHash(fields);
      // The entry and the head's move, in one statement.
      await tx
        .with('entry', (db) =>
          db
            .insertInto('audit_log')
            .values({
              ...fields,
              data: JSON.stringify(fields.data) as unknown as Record<string, unknown>,
              ip,
              chain,
              hash,
            })
            .returning('hash'),
        )
        .updateTable('audit_chain_head')
        .set({ last_hash: hash, entries: Number(head.entries) + 1 })
        .where('chain', '=', chain)
        .execute();
    });
  }

  /**
   * Walks every chain from its first entry and compares its end with the chain's head. Reports the
   * first entry whose content, link or IP no longer matches, and chains whose end was cut off or
   * whose head is missing. An IP set to null (forgotten by retention) is allowed; a changed one is not.
   */
  type Verdict = {
    ok: boolean;
    checked: number;
    chains: number;
    firstBadSeq?: number;
    chain?: string;
    reason?: string;
  };

  /**
   * The whole walk sees one snapshot: writes that commit meanwhile (a new chain, a longer one) are
   * neither half-seen nor taken for tampering.
   */
  async function verify(): Promise<Verdict> {
    return deps.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(() => walk());
  }

  async function walk(): Promise<Verdict> {
    const heads = new Map(
      (await deps.db.selectFrom('audit_chain_head').selectAll().execute()).map((h) => [h.chain, h]),
    );
    let checked = 0;
    let chains = 0;
    let current = null as Walk | null;
    const endOf = (c: Walk) => {
      const head = heads.get(c.chain);
      heads.delete(c.chain);
      if (!head) return { reason: 'the chain has no head: entries were written around the audit log' };
      if (head.last_hash !== c.prev || Number(head.entries) !== c.entries)
        return { reason: 'entries are missing from the end of the chain' };
      return null;
    };
    let after: { chain: string; seq: number } | null = null;
    for (;;) {
      let q = deps.db.selectFrom('audit_log').selectAll().orderBy('chain').orderBy('seq').limit(1000);
      if (after) {
        const a: { chain: string; seq: number } = after;
        q = q.where((eb) =>
          eb.or([eb('chain', '>', a.chain), eb.and([eb('chain', '=', a.chain), eb('seq', '>', String(a.seq))])]),
        );
      }
      const rows = await q.execute();
      for (const row of rows) {
        const seq = Number(row.seq);
        if (current?.chain !== row.chain) {
          if (current) {
            const bad = endOf(current);
            if (bad) return { ok: false, checked, chains, chain: current.chain, ...bad };
          }
          current = { chain: row.chain, prev: genesisOf(row.chain), entries: 0 };
          chains++;
        }
        const fail = (reason: string) => ({ ok: false, checked, chains, firstBadSeq: seq, chain: row.chain, reason });
        if (row.prev_hash !== current.prev) return fail('broken link to the previous entry');
        if (entryHash(row) !== row.hash) return fail('content does not match its hash');
        if (row.ip !== null && keyedHash(deps.hashKey, row.ip) !== row.ip_digest)
          return fail('IP does not match its digest');
        current.prev = row.hash;
        current.entries++;
        checked++;
        after = { chain: row.chain, seq };
      }
      if (rows.length < 1000) break;
    }
    if (current) {
      const bad = endOf(current);
      if (bad) return { ok: false, checked, chains, chain: current.chain, ...bad };
    }
    const [orphan] = heads.keys();
    if (orphan !== undefined)
      return { ok: false, checked, chains, chain: orphan, reason: 'every entry of the chain is missing' };
    return { ok: true, checked, chains };
  }

  /** Newest first, optionally for one target, paged by `beforeSeq`. IPs are not part of the view. */
  async function list(filter: {
    targetKind?: string | undefined;
    targetId?: string | undefined;
    beforeSeq?: number | undefined;
    limit: number;
  }) {
    let q = deps.db
      .selectFrom('audit_log')
      .select(['seq', 'at', 'actor_kind', 'actor_id', 'action', 'target_kind', 'target_id', 'data'])
      .orderBy('seq', 'desc')
      .limit(filter.limit);
    if (filter.targetKind) q = q.where('target_kind', '=', filter.targetKind);
    if (filter.targetId) q = q.where('target_id', '=', filter.targetId);
    if (filter.beforeSeq !== undefined) q = q.where('seq', '<', String(filter.beforeSeq));
    return q.execute();
  }

  function listForTarget(target: { kind: string; id: string }, limit = 100) {
    return list({ targetKind: target.kind, targetId: target.id, limit });
  }

  return { record, verify, listForTarget, list };
}
export type AuditLog = ReturnType<typeof createAuditLog>;
