import { defineModule } from '../../core/module.js';
import type { AccountsService } from '../accounts/index.js';
import type { AuthGuards, SessionService } from '../auth/index.js';
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
  uses: ['sessions'],
  routeUses: ['guards', 'security', 'mfa', 'accounts', 'marketing'],
  dataMap: staffTables,
  create: (kit, needs: { sessions: SessionService }) => ({ staff: createStaffService({ db: kit.db, audit: kit.audit, sessions: needs.sessions }) }),
  routes: (app, s: { staff: StaffService; sessions: SessionService; guards: AuthGuards; security: SecurityService; mfa: MfaService; accounts: AccountsService; marketing: MarketingService }) => {
    registerStaffRoutes(app, s);
    registerStaffConsoleRoutes(app, s);
  },
});
