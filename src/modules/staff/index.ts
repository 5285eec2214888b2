import { defineModule } from '../../core/module.js';
import type { AccountsService } from '../accounts/index.js';
import type { AuthGuards } from '../auth/index.js';
import { createSessionStore, type SessionStore } from '../../core/sessions.js';
import type { MarketingService } from '../marketing/index.js';
import type { MfaService } from '../mfa/index.js';
import type { SecurityService } from '../security/index.js';
import { registerStaffConsoleRoutes } from './staff-console.routes.js';
import { staffTables } from './staff.privacy.js';
import { registerStaffRoutes } from './staff.routes.js';
import { createStaffService, type StaffService } from './staff.service.js';
import type { StaffTables } from './staff.tables.js';

export type { StaffService } from './staff.service.js';
export type { StaffTables } from './staff.tables.js';
export { staffRoles } from './staff.tables.js';
export type { StaffRole } from './staff.tables.js';
export { generatePassword } from './staff.service.js';

/** The platform's staff: their accounts, sign-in, and the staff console's view of merchants. */
export const staffModule = defineModule<StaffTables>()({
  name: 'staff',
  uses: ['security'],
  routeUses: ['guards', 'security', 'mfa', 'accounts', 'marketing'],
  dataMap: staffTables,
  create: (kit, needs: { security: SecurityService }) => {
    const staffSessions = createSessionStore({
      db: kit.db,
      clock: kit.clock,
      ttlMs: kit.config.sessionTtlMs,
      table: 'staff_session',
      owner: 'staff_id',
      idPrefix: 'sss',
    });
    return {
      staffSessions,
      staff: createStaffService({
        db: kit.db,
        audit: kit.audit,
        sessions: staffSessions,
        noteReauthentication: needs.security.noteReauthentication,
      }),
    };
  },
  routes: (
    app,
    s: {
      staff: StaffService;
      staffSessions: SessionStore;
      guards: AuthGuards;
      security: SecurityService;
      mfa: MfaService;
      accounts: AccountsService;
      marketing: MarketingService;
    },
  ) => {
    registerStaffRoutes(app, s);
    registerStaffConsoleRoutes(app, s);
  },
});
