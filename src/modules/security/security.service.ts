import type { SecurityTables } from './security.tables.js';
import { sql, type Kysely } from 'kysely';
import type { AuditLog } from '../../core/audit/audit-log.js';
import type { Clock } from '../../core/clock.js';
import { actorRef, systemContext, type RequestContext } from '../../core/context.js';
import { keyedHash } from '../../core/crypto/tokens.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { RateLimitStore } from './rate-limit.store.js';

const MAX_BLOCK_MS = 24 * 3_600_000;

export interface SecurityDeps {
  db: Kysely<SecurityTables>;
  clock: Clock;
  audit: AuditLog;
  hashKey: Buffer;
  rateStore: RateLimitStore;
  login: { maxFailures: number; blockBaseSeconds: number };
}

export function createSecurityService(deps: SecurityDeps) {
  /** Throttle key for a sign-in name: a keyed hash, so the table holds no email and unknown emails are throttled too. */
  function loginKey(scope: 'account' | 'staff', email: string) {
    return `${scope}:${keyedHash(deps.hashKey, email)}`;
  }

  /** Refuses a sign-in while the IP or the sign-in name is blocked (S1). */
  async function assertLoginAllowed(ip: string, key: string): Promise<void> {
    const now = deps.clock.now();
    const block = await deps.db.selectFrom('security_block').select(['until'])
      .where('lifted_at', 'is', null).where('until', '>', now)
      .where((eb) => eb.or([
        eb.and([eb('kind', '=', 'ip'), eb('subject_key', '=', ip)]),
        eb.and([eb('kind', '=', 'login'), eb('subject_key', '=', key)]),
      ]))
      .orderBy('until', 'desc').limit(1).executeTakeFirst();
    if (block) {
      const seconds = (new Date(block.until).getTime() - now.getTime()) / 1000;
      throw new AppError('blocked', 'Too many failed sign-in attempts. Try again later.', { retryAfterSeconds: seconds });
    }
  }

  async function countFailure(throttleKey: string, now: Date) {
    const row = await sql<{ consecutive_failures: number; block_level: number }>`
      insert into login_throttle (key, consecutive_failures, block_level, updated_at)
      values (${throttleKey}, 1, 0, ${now})
      on conflict (key) do update set consecutive_failures = login_throttle.consecutive_failures + 1, updated_at = excluded.updated_at
      returning consecutive_failures, block_level`.execute(deps.db);
    return row.rows[0]!;
  }

  /**
   * Counts a failed sign-in for the IP and for the sign-in name. At LOGIN_MAX_FAILURES in a row,
   * that one is blocked for base × 2^(level-1) (1, 2, 4 … minutes, at most a day).
   */
  async function recordLoginFailure(ip: string, key: string, accountId: string | null): Promise<void> {
    const now = deps.clock.now();
    for (const [kind, subject] of [['ip', ip], ['login', key]] as const) {
      // An IP is its own key; a sign-in name's key is already prefixed (account:…), so they never clash.
      const throttleKey = subject;
      const state = await countFailure(throttleKey, now);
      if (state.consecutive_failures < deps.login.maxFailures) continue;
      const level = state.block_level + 1;
      const until = new Date(now.getTime() + Math.min(MAX_BLOCK_MS, deps.login.blockBaseSeconds * 1000 * 2 ** (level - 1)));
      await deps.db.transaction().execute(async (tx) => {
        const id = newId('blk');
        await tx.insertInto('security_block').values({
          id, kind, subject_key: subject, ip: kind === 'ip' ? ip : null, account_id: kind === 'login' ? accountId : null,
          reason: 'login-failures', level, created_at: now, until, lifted_at: null, lifted_by: null,
        }).execute();
        await tx.updateTable('login_throttle').set({ consecutive_failures: 0, block_level: level, updated_at: now })
          .where('key', '=', throttleKey).execute();
        await deps.audit.record(systemContext(now), { action: 'security.block.create', target: { kind: 'block', id }, ip: null, data: { reason: 'login-failures', kind, level } });
      });
      if (kind === 'ip') deps.rateStore.noteBlock(ip, until.getTime());
    }
  }

  /** A successful sign-in ends the run of failures (and the escalation) for that IP and name. */
  async function recordLoginSuccess(ip: string, key: string): Promise<void> {
    await deps.db.deleteFrom('login_throttle').where('key', 'in', [ip, key]).execute();
  }

  /** Blocks hold visitors' IPs, so every look at them is audited (who looked, not what they saw). */
  async function listBlocks(ctx: RequestContext, opts: { includeInactive: boolean }) {
    let q = deps.db.selectFrom('security_block').selectAll().orderBy('created_at', 'desc').limit(500);
    if (!opts.includeInactive) q = q.where('lifted_at', 'is', null).where('until', '>', deps.clock.now());
    const rows = await q.execute();
    await deps.audit.record(ctx, { action: 'security.blocks.read', data: { count: rows.length, includeInactive: opts.includeInactive } });
    return rows;
  }

  async function liftBlock(ctx: RequestContext, id: string) {
    const lifted = await deps.db.transaction().execute(async (tx) => {
      const row = await tx.updateTable('security_block')
        .set({ lifted_at: ctx.now, lifted_by: actorRef(ctx.actor).id ?? ctx.actor.kind })
        .where('id', '=', id).where('lifted_at', 'is', null).returningAll().executeTakeFirst();
      if (!row) return null;
      await tx.deleteFrom('rate_counter').where('key', '=', row.subject_key).execute();
      await tx.deleteFrom('login_throttle').where('key', '=', row.subject_key).execute();
      await deps.audit.record(ctx, { action: 'security.block.lift', target: { kind: 'block', id } });
      return row;
    });
    if (!lifted) throw new AppError('not_found', 'No active block with this id.');
    if (lifted.kind === 'ip') deps.rateStore.forget(lifted.subject_key);
    return lifted;
  }

  return { loginKey, assertLoginAllowed, recordLoginFailure, recordLoginSuccess, listBlocks, liftBlock };
}
export type SecurityService = ReturnType<typeof createSecurityService>;
