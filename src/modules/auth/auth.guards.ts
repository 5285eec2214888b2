import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.js';
import type { Permission, RouteAccess, SignedInAccount } from '../accounts/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in customer's account as read with their session, for this request only. */
    signedInAccount?: SignedInAccount;
  }
}
import type { StaffRole } from '../../core/context.js';

export const cookieNames = { customer: 'sr_session', staff: 'sr_staff_session' } as const;

/** HttpOnly, SameSite=Lax, Secure whenever the request arrived over TLS (directly or via a trusted proxy). */
export function setSessionCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  name: string,
  token: string,
  expiresAt: Date,
) {
  reply.setCookie(name, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    expires: expiresAt,
  });
}

/** OWASP device cookies: sent back only to the sign-in route that trusts them, kept 90 days. */
export const deviceCookies = {
  account: { name: 'sr_device', path: '/api/v1/auth/login' },
  staff: { name: 'sr_staff_device', path: '/api/v1/staff/auth/login' },
} as const;

export function setDeviceCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  scope: keyof typeof deviceCookies,
  cookie: { value: string; expiresAt: Date },
) {
  const { name, path } = deviceCookies[scope];
  reply.setCookie(name, cookie.value, {
    path,
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    expires: cookie.expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, request: FastifyRequest, name: string) {
  reply.clearCookie(name, { path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https' });
}

/** How the guards find who is behind a session cookie; each principal's module checks its own sessions. */
export interface SessionResolvers {
  customer(token: string): Promise<{
    sessionId: string;
    accountId: string;
    account: SignedInAccount;
    actingAccountId: string | null;
  } | null>;
  /** The permissions a person holds on another account, or null when they do not belong to it. */
  permissionsOn(accountId: string, personId: string): Promise<Permission[] | null>;
  staff(
    token: string,
  ): Promise<{ sessionId: string; staffId: string; roles: StaffRole[]; mfaRequired: boolean } | null>;
  /** Asked only of staff whose policy requires two-factor sign-in. */
  staffHasTwoFactor(staffId: string): Promise<boolean>;
}

export function createAuthGuards(sessions: SessionResolvers) {
  /**
   * preHandler factory: the caller must be a signed-in customer, and on the account their session
   * works on must hold what the route needs (S7): a permission, `member` (anyone on the account) or
   * `owner`. A `self` route acts on the person's own account whichever they work on. Sets ctx.actor.
   */
  function customer(access: RouteAccess) {
    const guard = async function customerGuard(request: FastifyRequest): Promise<void> {
      const token = request.cookies[cookieNames.customer];
      const found = token ? await sessions.customer(token) : null;
      if (!found) throw new AppError('unauthenticated', 'Sign in to continue.');
      const acting = found.actingAccountId;
      if (acting === null || access === 'self') {
        request.ctx.actor = { kind: 'customer', accountId: found.accountId, sessionId: found.sessionId };
        request.signedInAccount = found.account;
        return;
      }
      const granted = await sessions.permissionsOn(acting, found.accountId);
      // Removed from the account: the session's work there has ended.
      if (!granted) throw new AppError('unauthenticated', 'You no longer work on this account. Sign in again.');
      request.ctx.actor = {
        kind: 'customer',
        accountId: acting,
        sessionId: found.sessionId,
        personId: found.accountId,
        permissions: granted,
      };
      if (access === 'owner') throw new AppError('forbidden', 'Only the owner of the account may do this.');
      if (access !== 'member' && !granted.includes(access))
        throw new AppError('forbidden', `This needs the "${access}" permission on this account.`);
    };
    return Object.assign(guard, { access });
  }

  async function resolveStaff(request: FastifyRequest) {
    const token = request.cookies[cookieNames.staff];
    const found = token ? await sessions.staff(token) : null;
    if (!found) throw new AppError('unauthenticated', 'Sign in as staff to continue.');
    request.ctx.actor = { kind: 'staff', staffId: found.staffId, sessionId: found.sessionId, roles: found.roles };
    return found;
  }

  /**
   * preHandler factory: the caller must be staff holding one of `roles` (admin passes every check),
   * and, when their policy requires it, must have two-factor sign-in on.
   */
  function requireStaff(...roles: StaffRole[]) {
    return async function staffGuard(request: FastifyRequest): Promise<void> {
      const found = await resolveStaff(request);
      if (found.mfaRequired && !(await sessions.staffHasTwoFactor(found.staffId))) {
        throw new AppError('mfa_enrolment_required', 'Turn on two-factor sign-in to use the staff console.');
      }
      if (roles.length > 0 && !found.roles.includes('admin') && !roles.some((r) => found.roles.includes(r))) {
        throw new AppError('forbidden', `This needs one of the roles: ${roles.join(', ')}.`);
      }
    };
  }

  /** preHandler: any signed-in staff member, even one who still has to enrol two-factor sign-in. */
  async function requireStaffSession(request: FastifyRequest): Promise<void> {
    await resolveStaff(request);
  }

  return { customer, requireStaff, requireStaffSession };
}
export type AuthGuards = ReturnType<typeof createAuthGuards>;

/** Narrows ctx.actor after a guard ran; a route without the guard fails loudly here. */
export function customerOf(request: FastifyRequest) {
  const actor = request.ctx.actor;
  if (actor.kind !== 'customer') throw new AppError('unauthenticated', 'Sign in to continue.');
  return actor;
}

/** The access a route's customer guard asks for, or undefined when the route has none. */
export function customerAccessOf(preHandler: unknown): RouteAccess | undefined {
  const handlers = Array.isArray(preHandler) ? preHandler : [preHandler];
  for (const h of handlers) if (typeof h === 'function' && 'access' in h) return (h as { access: RouteAccess }).access;
  return undefined;
}

export function staffOf(request: FastifyRequest) {
  const actor = request.ctx.actor;
  if (actor.kind !== 'staff') throw new AppError('unauthenticated', 'Sign in as staff to continue.');
  return actor;
}
