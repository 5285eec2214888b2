import { defineModule } from '../../core/module.js';
import { createAuthGuards } from './auth.guards.js';
import { authTables } from './auth.privacy.js';
import { registerAuthRoutes } from './auth.routes.js';
import type { AuthTables } from './auth.tables.js';
import { createSessionService, type SessionReadTables } from './sessions.service.js';

export { clearSessionCookie, cookieNames, customerOf, deviceCookies, setDeviceCookie, setSessionCookie, staffOf, type AuthGuards } from './auth.guards.js';
export type { Principal, SessionService } from './sessions.service.js';
export { checkSignIn } from './sign-in.js';

/** Sessions of both kinds of principal, the guards that check them, and signing out. */
export const authModule = defineModule<AuthTables & SessionReadTables>()({
  name: 'auth',
  uses: [],
  dataMap: authTables,
  create: (kit) => {
    const sessions = createSessionService({ db: kit.db, clock: kit.clock, ttlMs: kit.config.sessionTtlMs });
    return { sessions, guards: createAuthGuards(sessions) };
  },
  routes: (app, s) => registerAuthRoutes(app, s),
});
