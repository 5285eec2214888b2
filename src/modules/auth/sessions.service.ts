import type { AuthTables } from './auth.tables.js';
import { sql, type Selectable, type Kysely } from 'kysely';
import type { AccountsTables, AccountTable } from '../accounts/index.js';
import type { MfaTables } from '../mfa/index.js';
import type { StaffTables } from '../staff/index.js';
import type { Clock } from '../../core/clock.js';
import { hashToken, newSecretToken } from '../../core/crypto/tokens.js';
import { newId } from '../../core/ids.js';
import type { StaffRole } from '../../core/context.js';

export type Principal = 'customer' | 'staff';

/**
 * What a session check reads besides the sessions: the principal must still be active, and a staff
 * member's two-factor state decides what they may do. Read in the same query as the session because
 * this runs on nearly every request; the only tables of other modules this module reads.
 */
export type SessionReadTables = Pick<AccountsTables, 'account'> & Pick<StaffTables, 'staff_user'> & Pick<MfaTables, 'staff_mfa'>;

const tables = {
  customer: { table: 'account_session', owner: 'account_id', idPrefix: 'ses' },
  staff: { table: 'staff_session', owner: 'staff_id', idPrefix: 'sss' },
} as const;

// Writing last_seen_at on every request would turn each read into a write; a few minutes' precision is enough.
const TOUCH_AFTER_MS = 5 * 60_000;

export interface SessionView {
  id: string;
  ip: string;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

/**
 * Database-backed sessions for both kinds of principal. Only a hash of the token is stored, so a
 * copy of the table cannot be used to sign in; any app server can check any session.
 */
export function createSessionService(deps: { db: Kysely<AuthTables & SessionReadTables>; clock: Clock; ttlMs: number }) {
  async function create(principal: Principal, ownerId: string, client: { ip: string; userAgent: string | null }) {
    const { table, owner, idPrefix } = tables[principal];
    const token = newSecretToken();
    const now = deps.clock.now();
    const id = newId(idPrefix);
    const expiresAt = new Date(now.getTime() + deps.ttlMs);
    await sql`insert into ${sql.table(table)} (id, ${sql.ref(owner)}, token_hash, ip, user_agent, created_at, last_seen_at, expires_at)
      values (${id}, ${ownerId}, ${hashToken(token)}, ${client.ip}, ${client.userAgent}, ${now}, ${now}, ${expiresAt})`.execute(deps.db);
    return { id, token, expiresAt };
  }

  /**
   * The customer behind a session token and their account row, in one query (the account must
   * still be active). Handing the row on saves the commonest route a second round trip.
   */
  async function resolveCustomer(token: string): Promise<{ sessionId: string; accountId: string; account: Selectable<AccountTable> } | null> {
    const now = deps.clock.now();
    // Hand-written SQL: this runs on nearly every request, and the query builder's per-call
    // compilation cost ~150 µs here (bench: GET /api/v1/account).
    const result = await sql<Selectable<AccountTable> & { session_id: string; session_last_seen_at: Date }>`
      select a.*, s.id as session_id, s.last_seen_at as session_last_seen_at
      from account_session s join account a on a.id = s.account_id
      where s.token_hash = ${hashToken(token)} and s.revoked_at is null and s.expires_at > ${now} and a.status = 'active'`.execute(deps.db);
    const row = result.rows[0];
    if (!row) return null;
    const { session_id: sessionId, session_last_seen_at: lastSeen, ...account } = row;
    if (now.getTime() - new Date(lastSeen).getTime() > TOUCH_AFTER_MS) {
      await deps.db.updateTable('account_session').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
    }
    return { sessionId, accountId: account.id, account };
  }

  async function resolveStaff(token: string): Promise<{ sessionId: string; staffId: string; roles: StaffRole[]; mfaRequired: boolean; mfaEnabled: boolean } | null> {
    const now = deps.clock.now();
    const row = await deps.db.selectFrom('staff_session as s').innerJoin('staff_user as u', 'u.id', 's.staff_id')
      .leftJoin('staff_mfa as m', 'm.staff_id', 'u.id')
      .select(['s.id', 's.staff_id', 's.last_seen_at', 'u.roles', 'u.mfa_required', 'm.enabled_at as mfa_enabled_at'])
      .where('s.token_hash', '=', hashToken(token)).where('s.revoked_at', 'is', null).where('s.expires_at', '>', now)
      .where('u.disabled_at', 'is', null).executeTakeFirst();
    if (!row) return null;
    if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_AFTER_MS) {
      await deps.db.updateTable('staff_session').set({ last_seen_at: now }).where('id', '=', row.id).execute();
    }
    return { sessionId: row.id, staffId: row.staff_id, roles: row.roles, mfaRequired: row.mfa_required, mfaEnabled: row.mfa_enabled_at !== null };
  }

  /** Active sessions of one owner; the owner id is part of the query, so nobody lists another's. */
  async function listActive(principal: Principal, ownerId: string): Promise<SessionView[]> {
    const { table, owner } = tables[principal];
    const rows = await sql<{ id: string; ip: string; user_agent: string | null; created_at: Date; last_seen_at: Date; expires_at: Date }>`
      select id, ip, user_agent, created_at, last_seen_at, expires_at from ${sql.table(table)}
      where ${sql.ref(owner)} = ${ownerId} and revoked_at is null and expires_at > ${deps.clock.now()}
      order by last_seen_at desc`.execute(deps.db);
    return rows.rows.map((r) => ({ id: r.id, ip: r.ip, userAgent: r.user_agent, createdAt: r.created_at, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at }));
  }

  /** Revokes one session of this owner; false when there is no such active session (of theirs). */
  async function revoke(principal: Principal, ownerId: string, sessionId: string): Promise<boolean> {
    const { table, owner } = tables[principal];
    const result = await sql`update ${sql.table(table)} set revoked_at = ${deps.clock.now()}
      where id = ${sessionId} and ${sql.ref(owner)} = ${ownerId} and revoked_at is null`.execute(deps.db);
    return Number(result.numAffectedRows ?? 0) > 0;
  }

  async function revokeAllExcept(principal: Principal, ownerId: string, keepSessionId: string | null): Promise<number> {
    const { table, owner } = tables[principal];
    const result = await sql`update ${sql.table(table)} set revoked_at = ${deps.clock.now()}
      where ${sql.ref(owner)} = ${ownerId} and revoked_at is null and id is distinct from ${keepSessionId}`.execute(deps.db);
    return Number(result.numAffectedRows ?? 0);
  }

  async function revokeByToken(principal: Principal, token: string): Promise<void> {
    const { table } = tables[principal];
    await sql`update ${sql.table(table)} set revoked_at = ${deps.clock.now()}
      where token_hash = ${hashToken(token)} and revoked_at is null`.execute(deps.db);
  }

  return { create, resolveCustomer, resolveStaff, listActive, revoke, revokeAllExcept, revokeByToken };
}
export type SessionService = ReturnType<typeof createSessionService>;
