import type { Principal } from '../../core/context.js';
import { defineModule } from '../../core/module.js';
import type { SessionStore } from '../../core/sessions.js';
import type { AccountsService, Members } from '../accounts/index.js';
import type { MfaService } from '../mfa/index.js';
import type { StaffService } from '../staff/index.js';
import { createAuthGuards } from './auth.guards.js';
import { registerAuthRoutes } from './auth.routes.js';

export {
  clearSessionCookie,
  cookieNames,
  customerAccessOf,
  customerOf,
  deviceCookies,
  setDeviceCookie,
  setSessionCookie,
  staffOf,
  type AuthGuards,
} from './auth.guards.js';
export { checkSignIn } from './sign-in.js';
export type { Principal };

/**
 * The guards that check a session cookie on each request, and signing out. The sessions themselves
 * are their principals' data: accounts and staff each keep theirs.
 */
export const authModule = defineModule<Record<never, never>>()({
  name: 'auth',
  uses: ['accounts', 'members', 'staff', 'mfa'],
  routeUses: ['accountSessions'],
  dataMap: {},
  create: (kit, needs: { accounts: AccountsService; members: Members; staff: StaffService; mfa: MfaService }) => ({
    guards: createAuthGuards({
      customer: (token) => needs.accounts.resolveSession(token, kit.clock.now()),
      permissionsOn: (accountId, personId) => needs.members.permissionsOn(accountId, personId),
      staff: (token) => needs.staff.resolveSession(token, kit.clock.now()),
      staffHasTwoFactor: (staffId) => needs.mfa.isEnabled('staff', staffId),
    }),
  }),
  routes: (app, s: { guards: ReturnType<typeof createAuthGuards>; accountSessions: SessionStore }) =>
    registerAuthRoutes(app, s),
});
