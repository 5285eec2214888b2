import type { MfaTables } from './mfa.tables.js';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { AuditLog } from '../../core/audit/audit-log.js';
import type { Clock } from '../../core/clock.js';
import type { RequestContext } from '../../core/context.js';
import type { FieldCipher } from '../../core/crypto/field-encryption.js';
import { keyedHash } from '../../core/crypto/tokens.js';
import { AppError, validationError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { NoteReauthentication, Principal } from '../../core/context.js';
import type { SessionStore } from '../../core/sessions.js';

const tables = {
  customer: { mfa: 'account_mfa', recovery: 'account_mfa_recovery', owner: 'account_id', target: 'account' },
  staff: { mfa: 'staff_mfa', recovery: 'staff_mfa_recovery', owner: 'staff_id', target: 'staff' },
} as const;

const RECOVERY_CODES = 10;
const ISSUER = 'SellRocket';
// One step either side: a phone clock a little off, or a code typed as it rolled over.
const TOLERANCE_SECONDS = 30;

/** xxxxx-xxxxx from an alphabet without look-alikes; 50 bits, so a keyed hash is a fit store. */
function newRecoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}
const normaliseRecovery = (code: string) => code.trim().toLowerCase().replace(/[\s-]/g, '');

interface MfaRow {
  totp_secret: string;
  enabled_at: Date | null;
  last_time_step: number | null;
}

/**
 * TOTP two-factor sign-in (RFC 6238) for merchants and staff. Secrets are sealed with the field
 * cipher; recovery codes are kept as keyed hashes and shown once; an accepted code's time step is
 * stored so the same code cannot be replayed.
 */
export function createMfaService(deps: {
  db: Kysely<MfaTables>;
  clock: Clock;
  audit: AuditLog;
  cipher: FieldCipher;
  hashKey: Buffer;
  /** Each principal's sessions: turning two-factor on signs out the other ones. */
  sessions: Record<Principal, Pick<SessionStore, 'revokeAllExcept'>>;
  /** Whether `password` is the principal's current one. */
  confirmPassword: (p: Principal, ownerId: string, password: string) => Promise<boolean>;
  noteReauthentication: NoteReauthentication;
}) {
  const aad = (p: Principal, ownerId: string) => `${tables[p].mfa}.totp_secret:${ownerId}`;
  const epoch = () => Math.floor(deps.clock.now().getTime() / 1000);

  async function row(p: Principal, ownerId: string): Promise<MfaRow | undefined> {
    const t = tables[p];
    const r =
      await sql<MfaRow>`select totp_secret, enabled_at, last_time_step from ${sql.table(t.mfa)} where ${sql.ref(t.owner)} = ${ownerId}`.execute(
        deps.db,
      );
    return r.rows[0];
  }

  async function status(p: Principal, ownerId: string) {
    const t = tables[p];
    const r = await row(p, ownerId);
    const left = await sql<{
      n: number;
    }>`select count(*)::int as n from ${sql.table(t.recovery)} where ${sql.ref(t.owner)} = ${ownerId} and used_at is null`.execute(
      deps.db,
    );
    return { totpEnabled: Boolean(r?.enabled_at), recoveryCodesLeft: r?.enabled_at ? left.rows[0]!.n : 0 };
  }

  async function isEnabled(p: Principal, ownerId: string): Promise<boolean> {
    return Boolean((await row(p, ownerId))?.enabled_at);
  }

  /** Starts (or restarts) enrolment: a new secret, its otpauth URI and a QR code to scan. */
  async function beginEnrolment(ctx: RequestContext, p: Principal, ownerId: string, label: string) {
    const t = tables[p];
    if (await isEnabled(p, ownerId))
      throw new AppError('conflict', 'Two-factor sign-in is already on. Turn it off first to enrol a new device.');
    const secret = generateSecret();
    const sealed = deps.cipher.seal(secret, aad(p, ownerId));
    await sql`insert into ${sql.table(t.mfa)} (${sql.ref(t.owner)}, totp_secret, enabled_at, last_time_step, created_at)
      values (${ownerId}, ${sealed}, null, null, ${ctx.now})
      on conflict (${sql.ref(t.owner)}) do update set totp_secret = excluded.totp_secret, created_at = excluded.created_at`.execute(
      deps.db,
    );
    const uri = generateURI({ issuer: ISSUER, label, secret });
    const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return { secret, otpauthUri: uri, qrSvg };
  }

  /** Checks a 6-digit code against the sealed secret, refusing a step already used. */
  async function acceptTotp(p: Principal, ownerId: string, r: MfaRow, code: string): Promise<boolean> {
    if (!/^\d{6}$/.test(code)) return false;
    const secret = deps.cipher.open(r.totp_secret, aad(p, ownerId));
    const result = await verify({
      secret,
      token: code,
      epoch: epoch(),
      epochTolerance: TOLERANCE_SECONDS,
      ...(r.last_time_step !== null ? { afterTimeStep: Number(r.last_time_step) } : {}),
    });
    if (!result.valid || !('timeStep' in result)) return false;
    const step = result.timeStep;
    const t = tables[p];
    // Conditional update: two requests racing with one code cannot both win.
    const updated = await sql`update ${sql.table(t.mfa)} set last_time_step = ${step}
      where ${sql.ref(t.owner)} = ${ownerId} and (last_time_step is null or last_time_step < ${step})`.execute(deps.db);
    return Number(updated.numAffectedRows ?? 0) === 1;
  }

  async function acceptRecoveryCode(p: Principal, ownerId: string, code: string): Promise<boolean> {
    const t = tables[p];
    const hash = keyedHash(deps.hashKey, normaliseRecovery(code));
    const used = await sql`update ${sql.table(t.recovery)} set used_at = ${deps.clock.now()}
      where ${sql.ref(t.owner)} = ${ownerId} and code_hash = ${hash} and used_at is null`.execute(deps.db);
    return Number(used.numAffectedRows ?? 0) === 1;
  }

  /**
   * Confirms enrolment with a first code and the current password; returns the recovery codes,
   * shown this once. The password keeps someone at an unattended session from binding their own
   * authenticator to the account; the other sessions are signed out, since whoever held them
   * may not hold the second factor.
   */
  async function confirmEnrolment(
    ctx: RequestContext,
    p: Principal,
    ownerId: string,
    input: { code: string; currentPassword: string; keepSessionId: string },
  ): Promise<{ recoveryCodes: string[] }> {
    if (!(await deps.confirmPassword(p, ownerId, input.currentPassword))) {
      throw validationError([{ field: 'currentPassword', message: 'The current password is not correct.' }]);
    }
    const code = input.code;
    const r = await row(p, ownerId);
    if (!r) throw new AppError('not_found', 'Start enrolment first.');
    if (r.enabled_at) throw new AppError('conflict', 'Two-factor sign-in is already on.');
    if (!(await acceptTotp(p, ownerId, r, code.trim())))
      throw validationError([
        { field: 'code', message: 'This code is not valid. Check the time on your device and try the newest code.' },
      ]);
    const t = tables[p];
    const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
    await deps.db.transaction().execute(async (tx) => {
      await sql`update ${sql.table(t.mfa)} set enabled_at = ${ctx.now} where ${sql.ref(t.owner)} = ${ownerId}`.execute(
        tx,
      );
      await sql`delete from ${sql.table(t.recovery)} where ${sql.ref(t.owner)} = ${ownerId}`.execute(tx);
      for (const c of codes) {
        await sql`insert into ${sql.table(t.recovery)} (id, ${sql.ref(t.owner)}, code_hash, used_at)
          values (${newId('rcv')}, ${ownerId}, ${keyedHash(deps.hashKey, normaliseRecovery(c))}, null)`.execute(tx);
      }
      const revoked = await deps.sessions[p].revokeAllExcept(ownerId, input.keepSessionId);
      await deps.audit.record(ctx, {
        action: 'mfa.totp.enable',
        target: { kind: t.target, id: ownerId },
        data: { revokedSessions: revoked },
      });
    });
    return { recoveryCodes: codes };
  }

  /** A TOTP code or an unused recovery code completes a sign-in. */
  async function verifyForSignIn(p: Principal, ownerId: string, code: string): Promise<boolean> {
    const r = await row(p, ownerId);
    if (!r?.enabled_at) return false;
    const trimmed = code.trim();
    return /^\d{6}$/.test(trimmed) ? acceptTotp(p, ownerId, r, trimmed) : acceptRecoveryCode(p, ownerId, trimmed);
  }

  /** Turns two-factor sign-in off; needs a current code (or a recovery code). */
  async function disable(ctx: RequestContext, p: Principal, ownerId: string, code: string): Promise<void> {
    const ok = await verifyForSignIn(p, ownerId, code);
    // Guessing codes from a stolen session: after a few wrong ones, every session of the person ends.
    await deps.noteReauthentication(p, ownerId, ok, deps.sessions[p]);
    if (!ok) throw validationError([{ field: 'code', message: 'This code is not valid.' }]);
    const t = tables[p];
    await deps.db.transaction().execute(async (tx) => {
      await sql`delete from ${sql.table(t.recovery)} where ${sql.ref(t.owner)} = ${ownerId}`.execute(tx);
      await sql`delete from ${sql.table(t.mfa)} where ${sql.ref(t.owner)} = ${ownerId}`.execute(tx);
      await deps.audit.record(ctx, { action: 'mfa.totp.disable', target: { kind: t.target, id: ownerId } });
    });
  }

  return { status, isEnabled, beginEnrolment, confirmEnrolment, verifyForSignIn, disable };
}
export type MfaService = ReturnType<typeof createMfaService>;
