import type { SecurityTables } from './security.tables.js';
import { sql, type Kysely } from 'kysely';
import type { AuditLog } from '../../core/audit/audit-log.js';
import type { Clock } from '../../core/clock.js';
import { actorRef, systemContext, type NoteReauthentication, type RequestContext } from '../../core/context.js';
import { keyedHash } from '../../core/crypto/tokens.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { sendReported, type Mailer } from '../../core/mail/mailer.js';
import { issueDeviceCookie, trustedDeviceKey, type DeviceScope } from './device-cookie.js';
import { lockoutNotice } from './lockout-notice.js';
import type { RateLimitStore } from './rate-limit.store.js';

const MAX_BLOCK_MS = 24 * 3_600_000;

export interface SecurityDeps {
  db: Kysely<SecurityTables>;
  clock: Clock;
  audit: AuditLog;
  hashKey: Buffer;
  rateStore: RateLimitStore;
  login: { maxFailures: number; blockBaseSeconds: number };
  mailer: Pick<Mailer, 'send'>;
  /** Where a notice that could not be mailed is reported (the block stands regardless). */
  onError: (err: unknown) => void;
}

/**
 * One sign-in attempt as the throttle sees it. `deviceKey` is set when the browser holds a valid
 * device cookie for this account (OWASP device cookies): its failures then count against that
 * device only, and blocks earned by unknown browsers do not apply to it.
 */
export interface SignInAttempt {
  ip: string;
  loginKey: string;
  deviceKey: string | null;
  /** The account's email when the name is a real account: whom to tell about a lockout. */
  ownerEmail: string | null;
}

export function createSecurityService(deps: SecurityDeps) {
  /** Throttle key for a sign-in name: a keyed hash, so the table holds no email and unknown emails are throttled too. */
  function loginKey(scope: 'account' | 'staff' | `shop:${string}`, email: string) {
    return `${scope}:${keyedHash(deps.hashKey, email)}`;
  }

  /** The throttle key of a browser's valid device cookie for this principal, else null. */
  function deviceKeyOf(scope: DeviceScope, cookie: string | undefined, principalId: string | null) {
    return trustedDeviceKey(deps.hashKey, scope, cookie, principalId, deps.clock.now());
  }

  function newDeviceCookie(scope: DeviceScope, principalId: string) {
    return issueDeviceCookie(deps.hashKey, scope, principalId, deps.clock.now());
  }

  /** Counts, per address, the failures made against one name, so a success can take back only those. */
  function pairKey(attempt: SignInAttempt) {
    return `pair:${keyedHash(deps.hashKey, `${attempt.ip}|${attempt.loginKey}`)}`;
  }

  /** What the attempt's own failures count against: the device when it is known, else the name. */
  function nameOrDeviceKey(attempt: SignInAttempt) {
    return attempt.deviceKey ?? attempt.loginKey;
  }

  /** Refuses a sign-in while the IP, or the name (unknown browsers) or device (known ones), is blocked (S1). */
  async function assertLoginAllowed(attempt: SignInAttempt): Promise<void> {
    const now = deps.clock.now();
    const block = await deps.db
      .selectFrom('security_block')
      .select(['until'])
      .where('lifted_at', 'is', null)
      .where('until', '>', now)
      .where((eb) =>
        eb.or([
          eb.and([eb('kind', '=', 'ip'), eb('subject_key', '=', attempt.ip)]),
          eb.and([eb('kind', '=', 'login'), eb('subject_key', '=', nameOrDeviceKey(attempt))]),
        ]),
      )
      .orderBy('until', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (block) {
      const seconds = (new Date(block.until).getTime() - now.getTime()) / 1000;
      throw new AppError('blocked', 'Too many failed sign-in attempts. Try again later.', {
        retryAfterSeconds: seconds,
      });
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

  /** Blocks one key for base × 2^(level-1); null when a concurrent failure already did. */
  async function block(
    kind: 'ip' | 'login',
    subject: string,
    state: { consecutive_failures: number; block_level: number },
    attempt: SignInAttempt,
    now: Date,
  ) {
    const level = state.block_level + 1;
    const until = new Date(
      now.getTime() + Math.min(MAX_BLOCK_MS, deps.login.blockBaseSeconds * 1000 * 2 ** (level - 1)),
    );
    return deps.db.transaction().execute(async (tx) => {
      // Taking the count back to 0 is the claim: of two failures racing past the limit, one blocks.
      const claimed = await tx
        .updateTable('login_throttle')
        .set({ consecutive_failures: 0, block_level: level, updated_at: now })
        .where('key', '=', subject)
        .where('consecutive_failures', '=', state.consecutive_failures)
        .executeTakeFirst();
      if (claimed.numUpdatedRows === 0n) return null;
      const id = newId('blk');
      await tx
        .insertInto('security_block')
        .values({
          id,
          kind,
          subject_key: subject,
          ip: kind === 'ip' ? attempt.ip : null,
          account_id: null,
          reason: 'login-failures',
          level,
          created_at: now,
          until,
          lifted_at: null,
          lifted_by: null,
        })
        .execute();
      await deps.audit.record(systemContext(now), {
        action: 'security.block.create',
        target: { kind: 'block', id },
        ip: null,
        data: { reason: 'login-failures', kind, level, device: kind === 'login' && attempt.deviceKey !== null },
      });
      return until;
    });
  }

  /**
   * Counts a failed sign-in for the IP and for the name (unknown browsers) or the device (known
   * ones). At LOGIN_MAX_FAILURES in a row that one is blocked for base × 2^(level-1) (1, 2, 4 …
   * minutes, at most a day), and the account's owner is emailed once for that lockout.
   */
  async function recordLoginFailure(attempt: SignInAttempt): Promise<void> {
    const now = deps.clock.now();
    await countFailure(pairKey(attempt), now);
    // An IP is its own key; the others are prefixed (account:…, device:…, pair:…), so they never clash.
    for (const [kind, subject] of [
      ['ip', attempt.ip],
      ['login', nameOrDeviceKey(attempt)],
    ] as const) {
      const state = await countFailure(subject, now);
      if (state.consecutive_failures < deps.login.maxFailures) continue;
      const until = await block(kind, subject, state, attempt, now);
      if (!until) continue;
      if (kind === 'ip') deps.rateStore.noteBlock(attempt.ip, until.getTime());
      else if (attempt.ownerEmail) await notifyOwner(attempt.ownerEmail, until, attempt.deviceKey !== null);
    }
  }

  const notifyOwner = (to: string, until: Date, knownDevice: boolean) =>
    sendReported(deps.mailer, deps.onError, lockoutNotice(to, { until, knownDevice }));

  /**
   * A successful sign-in ends the run of failures of that name (or device) and takes back from
   * the IP only the failures it made against this name: a success on one account must never
   * clear the address's failures against other accounts.
   */
  async function recordLoginSuccess(attempt: SignInAttempt): Promise<void> {
    const pair = pairKey(attempt);
    await deps.db.transaction().execute(async (tx) => {
      const own = await tx
        .deleteFrom('login_throttle')
        .where('key', '=', pair)
        .returning('consecutive_failures')
        .executeTakeFirst();
      if (own) {
        await tx
          .updateTable('login_throttle')
          .set((eb) => ({
            consecutive_failures: sql<number>`greatest(0, ${eb.ref('consecutive_failures')} - ${own.consecutive_failures})`,
          }))
          .where('key', '=', attempt.ip)
          .execute();
      }
      await tx.deleteFrom('login_throttle').where('key', '=', nameOrDeviceKey(attempt)).execute();
    });
  }

  /** Blocks hold visitors' IPs, so every look at them is audited (who looked, not what they saw). */
  async function listBlocks(ctx: RequestContext, opts: { includeInactive: boolean }) {
    let q = deps.db.selectFrom('security_block').selectAll().orderBy('created_at', 'desc').limit(500);
    if (!opts.includeInactive) q = q.where('lifted_at', 'is', null).where('until', '>', deps.clock.now());
    const rows = await q.execute();
    await deps.audit.record(ctx, {
      action: 'security.blocks.read',
      data: { count: rows.length, includeInactive: opts.includeInactive },
    });
    return rows;
  }

  async function liftBlock(ctx: RequestContext, id: string) {
    const lifted = await deps.db.transaction().execute(async (tx) => {
      const row = await tx
        .updateTable('security_block')
        .set({ lifted_at: ctx.now, lifted_by: actorRef(ctx.actor).id ?? ctx.actor.kind })
        .where('id', '=', id)
        .where('lifted_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
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

  /**
   * Someone already signed in confirms who they are (current password, a code to turn two-factor
   * off). After LOGIN_MAX_FAILURES wrong answers in a row every session of the person ends, audited:
   * a stolen session must not be a way round sign-in throttling to guess the password.
   */
  const noteReauthentication: NoteReauthentication = async (principal, ownerId, ok, sessions) => {
    const key = `reauth:${keyedHash(deps.hashKey, `${principal}:${ownerId}`)}`;
    if (!ok && (await countFailure(key, deps.clock.now())).consecutive_failures < deps.login.maxFailures) return;
    await deps.db.deleteFrom('login_throttle').where('key', '=', key).execute();
    if (ok) return;
    const revoked = await sessions.revokeAllExcept(ownerId, null);
    await deps.audit.record(systemContext(deps.clock.now()), {
      action: 'security.reauthentication.exhausted',
      target: { kind: principal === 'customer' ? 'account' : 'staff', id: ownerId },
      data: { revokedSessions: revoked },
    });
  };

  return {
    noteReauthentication,
    loginKey,
    trustedDeviceKey: deviceKeyOf,
    issueDeviceCookie: newDeviceCookie,
    assertLoginAllowed,
    recordLoginFailure,
    recordLoginSuccess,
    listBlocks,
    liftBlock,
  };
}
export type SecurityService = ReturnType<typeof createSecurityService>;
