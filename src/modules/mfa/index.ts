import { defineModule } from '../../core/module.js';
import type { AccountsService } from '../accounts/index.js';
import type { AuthGuards } from '../auth/index.js';
import type { SessionStore } from '../../core/sessions.js';
import type { SecurityService } from '../security/index.js';
import type { StaffService } from '../staff/index.js';
import { mfaTables } from './mfa.privacy.js';
import { registerMfaRoutes } from './mfa.routes.js';
import { createMfaService, type MfaService } from './mfa.service.js';
import type { MfaTables } from './mfa.tables.js';

export type { MfaService } from './mfa.service.js';
export type { MfaTables } from './mfa.tables.js';

/** Two-factor sign-in (TOTP with recovery codes) for merchants and staff. */
export const mfaModule = defineModule<MfaTables>()({
  name: 'mfa',
  uses: ['accounts', 'staff', 'accountSessions', 'staffSessions', 'security'],
  routeUses: ['guards', 'accounts', 'staff'],
  dataMap: mfaTables,
  create: (
    kit,
    needs: {
      accounts: AccountsService;
      staff: StaffService;
      accountSessions: SessionStore;
      staffSessions: SessionStore;
      security: SecurityService;
    },
  ) => ({
    mfa: createMfaService({
      db: kit.db,
      clock: kit.clock,
      audit: kit.audit,
      cipher: kit.cipher,
      hashKey: kit.hashKey,
      sessions: { customer: needs.accountSessions, staff: needs.staffSessions },
      noteReauthentication: needs.security.noteReauthentication,
      confirmPassword: (p, id, password) =>
        p === 'customer' ? needs.accounts.confirmPassword(id, password) : needs.staff.confirmPassword(id, password),
    }),
  }),
  routes: (app, s: { mfa: MfaService; guards: AuthGuards; accounts: AccountsService; staff: StaffService }) =>
    registerMfaRoutes(app, {
      mfa: s.mfa,
      guards: s.guards,
      labelOf: async (p, id) =>
        p === 'customer' ? (await s.accounts.getAccount(id)).email : (await s.staff.getStaff(id)).email,
    }),
});
