import type { Kysely } from 'kysely';
import type { StaffTables } from './staff.tables.js';
import { randomBytes } from 'node:crypto';
import type { AuditLog } from '../../core/audit/audit-log.js';
import type { NoteReauthentication, RequestContext } from '../../core/context.js';
import { checkPassword, personalInputs } from '../../core/crypto/password-policy.js';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from '../../core/crypto/passwords.js';
import { AppError, validationError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { hashToken } from '../../core/crypto/tokens.js';
import type { SessionStore } from '../../core/sessions.js';
import { staffRoles, type StaffRole } from './staff.tables.js';

export function generatePassword(): string {
  return randomBytes(18).toString('base64url'); // 24 characters, 144 bits
}

export function createStaffService(deps: {
  db: Kysely<StaffTables>;
  audit: AuditLog;
  sessions: SessionStore;
  noteReauthentication: NoteReauthentication;
}) {
  /** Creates a platform staff member (operator task). Returns the password once when it was generated. */
  async function createStaff(
    ctx: RequestContext,
    input: { email: string; name: string; roles: string[]; password?: string | undefined; mfaRequired?: boolean },
  ) {
    const email = input.email.trim().toLowerCase();
    const errors = [];
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      errors.push({ field: 'email', message: 'Not a valid email address' });
    if (!input.name.trim()) errors.push({ field: 'name', message: 'Required' });
    const roles = [...new Set(input.roles)];
    const unknown = roles.filter((r) => !staffRoles.includes(r as StaffRole));
    if (roles.length === 0 || unknown.length > 0)
      errors.push({ field: 'roles', message: `Choose from: ${staffRoles.join(', ')}` });
    const password = input.password ?? generatePassword();
    const problem = checkPassword(password, personalInputs(input.name, email));
    if (problem) errors.push({ field: 'password', message: problem });
    if (errors.length > 0) throw validationError(errors);
    const existing = await deps.db.selectFrom('staff_user').select('id').where('email', '=', email).executeTakeFirst();
    if (existing) throw new AppError('conflict', 'A staff member with this email already exists.');
    const id = newId('stf');
    const passwordHash = await hashPassword(password);
    await deps.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('staff_user')
        .values({
          id,
          email,
          name: input.name.trim(),
          password_hash: passwordHash,
          roles: roles as StaffRole[],
          created_at: ctx.now,
          updated_at: ctx.now,
          disabled_at: null,
          mfa_required: input.mfaRequired ?? false,
        })
        .execute();
      await deps.audit.record(ctx, {
        action: 'staff.create',
        target: { kind: 'staff', id },
        data: { roles, mfaRequired: input.mfaRequired ?? false },
      });
    });
    return {
      id,
      email,
      roles: roles as StaffRole[],
      mfaRequired: input.mfaRequired ?? false,
      generatedPassword: input.password ? undefined : password,
    };
  }

  async function verifyCredentials(email: string, password: string): Promise<{ staffId: string } | null> {
    const row = await deps.db
      .selectFrom('staff_user')
      .select(['id', 'password_hash', 'disabled_at'])
      .where('email', '=', email)
      .executeTakeFirst();
    if (!row) return verifyAgainstDecoy(password).then(() => null);
    return (await verifyPassword(row.password_hash, password)) && !row.disabled_at ? { staffId: row.id } : null;
  }

  /** The staff member behind a session token, if the session is live and the member not disabled. */
  async function resolveSession(
    token: string,
    now: Date,
  ): Promise<{ sessionId: string; staffId: string; roles: StaffRole[]; mfaRequired: boolean } | null> {
    const row = await deps.db
      .selectFrom('staff_session as s')
      .innerJoin('staff_user as u', 'u.id', 's.staff_id')
      .select(['s.id', 's.staff_id', 's.last_seen_at', 'u.roles', 'u.mfa_required'])
      .where('s.token_hash', '=', hashToken(token))
      .where('s.revoked_at', 'is', null)
      .where('s.expires_at', '>', now)
      .where('u.disabled_at', 'is', null)
      .executeTakeFirst();
    if (!row) return null;
    await deps.sessions.touch(row.id, row.last_seen_at, now);
    return { sessionId: row.id, staffId: row.staff_id, roles: row.roles, mfaRequired: row.mfa_required };
  }

  /** Re-confirms a staff member's identity before a sensitive change (turning two-factor on). */
  async function confirmPassword(staffId: string, password: string): Promise<boolean> {
    const row = await deps.db
      .selectFrom('staff_user')
      .select('password_hash')
      .where('id', '=', staffId)
      .executeTakeFirst();
    const ok = row ? await verifyPassword(row.password_hash, password) : false;
    // Too many wrong answers in a row: every session of this staff member ends.
    await deps.noteReauthentication('staff', staffId, ok, deps.sessions);
    return ok;
  }

  /** Whom an email signs in as: what a staff device cookie must name. */
  async function findStaffIdByEmail(email: string): Promise<string | null> {
    return (
      (await deps.db.selectFrom('staff_user').select('id').where('email', '=', email).executeTakeFirst())?.id ?? null
    );
  }

  async function signIn(ctx: RequestContext, staffId: string) {
    return deps.db.transaction().execute(async (tx) => {
      await deps.audit.record(ctx, {
        actor: { kind: 'staff', id: staffId },
        action: 'staff.login',
        target: { kind: 'staff', id: staffId },
      });
      return deps.sessions.create(staffId, ctx);
    });
  }

  async function getStaff(staffId: string) {
    const row = await deps.db
      .selectFrom('staff_user')
      .select(['id', 'email', 'name', 'roles', 'mfa_required as mfaRequired'])
      .where('id', '=', staffId)
      .executeTakeFirst();
    if (!row) throw new AppError('not_found', 'No such staff member.');
    return row;
  }

  async function countStaff(): Promise<number> {
    const row = await deps.db
      .selectFrom('staff_user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The audit log as staff read it; reading it is itself audited (who looked, how many entries). */
  async function readAuditLog(ctx: RequestContext, filter: Parameters<AuditLog['list']>[0]) {
    const rows = await deps.audit.list(filter);
    await deps.audit.record(ctx, { action: 'audit.read', data: { entries: rows.length } });
    return rows;
  }

  return {
    resolveSession,
    createStaff,
    verifyCredentials,
    findStaffIdByEmail,
    confirmPassword,
    signIn,
    getStaff,
    countStaff,
    readAuditLog,
    verifyAuditLog: () => deps.audit.verify(),
  };
}
export type StaffService = ReturnType<typeof createStaffService>;
