/** The two kinds of person who sign in: merchants (customers) and the platform's staff. */
export type Principal = 'customer' | 'staff';

/**
 * Counts a signed-in person's re-confirmations of identity; after too many wrong ones in a row it
 * ends every session of theirs in `sessions` (the principal's own session store).
 */
export type NoteReauthentication = (
  principal: Principal,
  ownerId: string,
  ok: boolean,
  sessions: { revokeAllExcept(ownerId: string, keepSessionId: string | null): Promise<number> },
) => Promise<void>;

/** What a staff member may do; the staff module stores them, the guards check them. */
export type StaffRole = 'admin' | 'support' | 'billing' | 'privacy';

export type Actor =
  | { kind: 'anonymous' }
  /**
   * A signed-in merchant. `accountId` is the account the session works on; when that is not the
   * person's own (a user the owner invited, S7), `personId` is theirs and `permissions` what they may do.
   */
  | { kind: 'customer'; accountId: string; sessionId: string; personId?: string; permissions?: readonly string[] }
  | { kind: 'staff'; staffId: string; sessionId: string; roles: StaffRole[] }
  /** Someone at the server's console (npx sellrocket …). */
  | { kind: 'operator' }
  /** The platform itself (jobs, retention). */
  | { kind: 'system' };

/** Built once per request (or per operator command) and passed first to every service call. */
export interface RequestContext {
  requestId: string;
  ip: string;
  userAgent: string | null;
  /** The request's Accept-Language: which language a notice is shown in. */
  language?: string | undefined;
  now: Date;
  actor: Actor;
}

export function actorRef(actor: Actor): {
  kind: 'customer' | 'staff' | 'system' | 'operator' | 'anonymous';
  id: string | null;
} {
  switch (actor.kind) {
    case 'customer':
      return { kind: 'customer', id: actor.accountId };
    case 'staff':
      return { kind: 'staff', id: actor.staffId };
    default:
      return { kind: actor.kind, id: null };
  }
}

export function operatorContext(now: Date): RequestContext {
  return {
    requestId: `op-${now.getTime()}`,
    ip: '127.0.0.1',
    userAgent: 'sellrocket-cli',
    now,
    actor: { kind: 'operator' },
  };
}

/** For work the platform does by itself (jobs): no request, no person behind it. */
export function systemContext(now: Date): RequestContext {
  return { ...operatorContext(now), actor: { kind: 'system' } };
}
