import { AppError } from '../../core/errors.js';
import type { MfaService } from '../mfa/index.js';
import type { IssuedDeviceCookie, SecurityService, SignInAttempt } from '../security/index.js';
import type { Principal } from '../../core/context.js';

/**
 * The sign-in steps shared by merchants and staff: refuse while blocked, check the password, then
 * the second factor when it is on. Every wrong password or code counts towards a block (S1); a
 * missing code does not, since the password was right. A browser holding this account's device
 * cookie is throttled on its own (OWASP device cookies), so failures elsewhere cannot lock the
 * owner out. Returns the principal's id and a fresh device cookie for the browser.
 */
export async function checkSignIn(
  deps: { security: SecurityService; mfa: MfaService },
  input: {
    principal: Principal;
    scope: 'account' | 'staff';
    ip: string;
    email: string;
    password: string;
    code?: string | undefined;
    deviceCookie: string | undefined;
    /** The id of whoever signs in with this email, if anyone: whom a device cookie must name. */
    findPrincipalId: (email: string) => Promise<string | null>;
    verifyPassword: (email: string, password: string) => Promise<string | null>;
  },
): Promise<{ id: string; deviceCookie: IssuedDeviceCookie }> {
  const ownerId = await input.findPrincipalId(input.email);
  const attempt: SignInAttempt = {
    ip: input.ip,
    loginKey: deps.security.loginKey(input.scope, input.email),
    deviceKey: deps.security.trustedDeviceKey(input.scope, input.deviceCookie, ownerId),
    ownerEmail: ownerId ? input.email : null,
  };
  await deps.security.assertLoginAllowed(attempt);
  const id = await input.verifyPassword(input.email, input.password);
  if (!id) {
    await deps.security.recordLoginFailure(attempt);
    throw new AppError('invalid_credentials', 'The email or password is not correct.');
  }
  if (await deps.mfa.isEnabled(input.principal, id)) {
    if (!input.code) {
      throw new AppError('mfa_required', 'Enter the code from your authenticator app.', {
        errors: [{ field: 'code', message: 'Enter the 6-digit code from your authenticator app, or a recovery code.' }],
      });
    }
    if (!(await deps.mfa.verifyForSignIn(input.principal, id, input.code))) {
      await deps.security.recordLoginFailure(attempt);
      throw new AppError('mfa_required', 'This code is not valid.', {
        errors: [{ field: 'code', message: 'This code is not valid. Try the newest code.' }],
      });
    }
  }
  await deps.security.recordLoginSuccess(attempt);
  return { id, deviceCookie: deps.security.issueDeviceCookie(input.scope, id) };
}
