import { defineModule } from '../../core/module.js';
import { nifLookupSimulator } from '../../core/tax/nif-lookup.js';
import type { AuthGuards } from '../auth/index.js';
import { createSessionStore } from '../../core/sessions.js';
import type { ConsentService } from '../consent/index.js';
import type { MfaService } from '../mfa/index.js';
import type { SecurityService } from '../security/index.js';
import type { TermsService } from '../terms/index.js';
import { accountsTables } from './accounts.privacy.js';
import { createAccountsRepo } from './accounts.repo.js';
import { registerAccountRoutes } from './accounts.routes.js';
import { createAccountsService, type AccountsService } from './accounts.service.js';
import { createMembers, type Members } from './members.service.js';
import { registerMemberRoutes } from './members.routes.js';
import type { AccountsTables } from './accounts.tables.js';

export type { AccountsService, SignedInAccount } from './accounts.service.js';
export type { AccountsTables, AccountTable } from './accounts.tables.js';
export { AccessHistoryResponse, AccountResponse, ConsentResponse, email, LoginBody } from './accounts.schemas.js';
export { isCountryCode } from './contact-fields.js';
export { permissions, type Permission, type RouteAccess } from './permissions.js';
export type { Members } from './members.service.js';

/** Merchant accounts: sign-up, sign-in, the account's details, password and consent. */
export const accountsModule = defineModule<AccountsTables>()({
  name: 'accounts',
  uses: ['consent', 'terms', 'security'],
  routeUses: ['guards', 'security', 'mfa', 'members'],
  dataMap: accountsTables,
  create: (kit, needs: { consent: ConsentService; terms: TermsService; security: SecurityService }) => {
    const accountSessions = createSessionStore({
      db: kit.db,
      clock: kit.clock,
      ttlMs: kit.config.sessionTtlMs,
      table: 'account_session',
      owner: 'account_id',
      idPrefix: 'ses',
    });
    return {
      accountSessions,
      members: createMembers({
        db: kit.db,
        audit: kit.audit,
        mailer: kit.mailer,
        origin: kit.config.publicUrl ? new URL(kit.config.publicUrl).origin : `http://localhost:${kit.config.port}`,
      }),
      accounts: createAccountsService({
        db: kit.db,
        repo: createAccountsRepo(kit.db),
        audit: kit.audit,
        sessions: accountSessions,
        consent: needs.consent,
        terms: needs.terms,
        noteReauthentication: needs.security.noteReauthentication,
        nifLookup: nifLookupSimulator(),
      }),
    };
  },
  routes: (
    app,
    s: {
      accounts: AccountsService;
      consent: ConsentService;
      guards: AuthGuards;
      security: SecurityService;
      mfa: MfaService;
      members: Members;
    },
  ) => {
    registerAccountRoutes(app, s);
    registerMemberRoutes(app, s);
  },
});
