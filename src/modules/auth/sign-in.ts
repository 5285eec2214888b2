import { AppError } from '../../core/errors.js';
import type { MfaService } from '../mfa/index.js';
import type { SecurityService } from '../security/index.js';
import type { Principal } from './sessions.service.js';

/**
 * The sign-in steps shared by merchants and staff: refuse while blocked, check the password, then
 * the second factor when it is on. Every wrong password or code counts towards a block (S1); a
 * missing code does not, since the password was right. Returns the principal's id.
 */
export async function checkSignIn(deps: { security: SecurityService; mfa: MfaService }, input: {
  principal: Principal; scope: 'account' | 'staff'; ip: string; email: string; password: string; code?: string | undefined;
  verifyPassword: (email: string, password: string) => Promise<string | null>;
}): Promise<string> {
  const key = deps.security.loginKey(input.scope, input.email);
  await deps.security.assertLoginAllowed(input.ip, key);
  const id = await input.verifyPassword(input.email, input.password);
  if (!id) {
    await deps.security.recordLoginFailure(input.ip, key, null);
    throw new AppError('invalid_credentials', 'The email or password is not correct.');
  }
  if (await deps.mfa.isEnabled(input.principal, id)) {
    if (!input.code) {
      throw new AppError('mfa_required', 'Enter the code from your authenticator app.', { errors: [{ field: 'code', message: 'Enter the 6-digit code from your authenticator app, or a recovery code.' }] });
    }
    if (!(await deps.mfa.verifyForSignIn(input.principal, id, input.code))) {
      await deps.security.recordLoginFailure(input.ip, key, null);
      throw new AppError('mfa_required', 'This code is not valid.', { errors: [{ field: 'code', message: 'This code is not valid. Try the newest code.' }] });
    }
  }
  await deps.security.recordLoginSuccess(input.ip, key);
  return id;
}
