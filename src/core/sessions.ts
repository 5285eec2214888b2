import { sql, type Kysely } from 'kysely';
import type { Clock } from './clock.js';
import { hashToken, newSecretToken } from './crypto/tokens.js';
import { newId } from './ids.js';
import { notPersonal, personal, type ColumnDeclaration } from './privacy/data-map.js';

// Writing last_seen_at on every request would turn each read into a write; a few minutes' precision is enough.
export const TOUCH_AFTER_MS = 5 * 60_000;

export interface SessionView {
  id: string;
  ip: string;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** The columns every session table has; each kind of principal keeps its own table with its owner column. */
export interface SessionTable {
  id: string;
  token_hash: string;
  ip: string;
  user_agent: string | null;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

/** The data-map declarations of the columns every session table has (the owner column is the table's own). */
export const sessionColumns: Record<keyof SessionTable, ColumnDeclaration> = {
  id: notPersonal('surrogate key'),
  token_hash: personal({
    category: 'authentication',
    key: 'credentials.session_token_hash',
    purposes: ['service', 'security'],
    basis: 'contract',
    retention: 'session-lifetime',
    export: 'omit',
    description: 'SHA-256 of the cookie token; the token itself is never stored',
  }),
  ip: personal({
    category: 'tracking',
    key: 'device.ip_address',
    purposes: ['security'],
    basis: 'legitimate-interest',
    retention: 'session-lifetime',
    identifier: true,
  }),
  user_agent: personal({
    category: 'tracking',
    key: 'device.user_agent',
    purposes: ['security'],
    basis: 'legitimate-interest',
    retention: 'session-lifetime',
  }),
  created_at: personal({
    category: 'tracking',
    key: 'session.started_at',
    purposes: ['security'],
    basis: 'legitimate-interest',
    retention: 'session-lifetime',
  }),
  last_seen_at: personal({
    category: 'tracking',
    key: 'session.last_seen_at',
    purposes: ['security'],
    basis: 'legitimate-interest',
    retention: 'session-lifetime',
  }),
  expires_at: notPersonal('technical expiry'),
  revoked_at: notPersonal('technical revocation time'),
};

/**
 * Database-backed sessions in one principal's table (accounts and staff each own theirs). Only a
 * hash of the token is stored, so a copy of the table cannot be used to sign in; any app server can
 * check any session. Checking a session is the owner module's query: it reads the principal too.
 */
export function createSessionStore(deps: {
  db: Kysely<any>;
  clock: Clock;
  ttlMs: number;
  table: string;
  owner: string;
  idPrefix: string;
}) {
  const table = sql.table(deps.table);
  const owner = sql.ref(deps.owner);

  async function create(ownerId: string, client: { ip: string; userAgent: string | null }) {
    const token = newSecretToken();
    const now = deps.clock.now();
    const id = newId(deps.idPrefix);
    const expiresAt = new Date(now.getTime() + deps.ttlMs);
    await sql`insert into ${table} (id, ${owner}, token_hash, ip, user_agent, created_at, last_seen_at, expires_at)
      values (${id}, ${ownerId}, ${hashToken(token)}, ${client.ip}, ${client.userAgent}, ${now}, ${now}, ${expiresAt})`.execute(
      deps.db,
    );
    return { id, token, expiresAt };
  }

  /** After a successful check: notes the session as seen, at most every few minutes. */
  async function touch(sessionId: string, lastSeenAt: Date, now: Date) {
    if (now.getTime() - new Date(lastSeenAt).getTime() <= TOUCH_AFTER_MS) return;
    await sql`update ${table} set last_seen_at = ${now} where id = ${sessionId}`.execute(deps.db);
  }

  /** Active sessions of one owner; the owner id is part of the query, so nobody lists another's. */
  async function listActive(ownerId: string): Promise<SessionView[]> {
    const rows = await sql<{
      id: string;
      ip: string;
      user_agent: string | null;
      created_at: Date;
      last_seen_at: Date;
      expires_at: Date;
    }>`
      select id, ip, user_agent, created_at, last_seen_at, expires_at from ${table}
      where ${owner} = ${ownerId} and revoked_at is null and expires_at > ${deps.clock.now()}
      order by last_seen_at desc`.execute(deps.db);
    return rows.rows.map((r) => ({
      id: r.id,
      ip: r.ip,
      userAgent: r.user_agent,
      createdAt: r.created_at,
      lastSeenAt: r.last_seen_at,
      expiresAt: r.expires_at,
    }));
  }

  /** Revokes one session of this owner; false when there is no such active session (of theirs). */
  async function revoke(ownerId: string, sessionId: string): Promise<boolean> {
    const result = await sql`update ${table} set revoked_at = ${deps.clock.now()}
      where id = ${sessionId} and ${owner} = ${ownerId} and revoked_at is null`.execute(deps.db);
    return Number(result.numAffectedRows ?? 0) > 0;
  }

  async function revokeAllExcept(ownerId: string, keepSessionId: string | null): Promise<number> {
    const result = await sql`update ${table} set revoked_at = ${deps.clock.now()}
      where ${owner} = ${ownerId} and revoked_at is null and id is distinct from ${keepSessionId}`.execute(deps.db);
    return Number(result.numAffectedRows ?? 0);
  }

  async function revokeByToken(token: string): Promise<void> {
    await sql`update ${table} set revoked_at = ${deps.clock.now()}
      where token_hash = ${hashToken(token)} and revoked_at is null`.execute(deps.db);
  }

  return { create, touch, listActive, revoke, revokeAllExcept, revokeByToken };
}
export type SessionStore = ReturnType<typeof createSessionStore>;
