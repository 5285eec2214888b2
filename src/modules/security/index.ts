import { defineModule } from '../../core/module.js';
import type { AuthGuards } from '../auth/index.js';
import { createRateLimitStore } from './rate-limit.store.js';
import { securityTables } from './security.privacy.js';
import { registerSecurityRoutes } from './security.routes.js';
import { createSecurityService, type SecurityService } from './security.service.js';
import type { SecurityTables } from './security.tables.js';

export type { SecurityService, SignInAttempt } from './security.service.js';
export type { IssuedDeviceCookie } from './device-cookie.js';
export type { RateLimitStore } from './rate-limit.store.js';

/** The firewall: request rate limits, sign-in throttling and IP blocks. */
export const securityModule = defineModule<SecurityTables>()({
  name: 'security',
  uses: [],
  routeUses: ['guards'],
  dataMap: securityTables,
  create: (kit) => {
    const rateStore = createRateLimitStore(
      { db: kit.db, clock: kit.clock, onError: kit.onError },
      kit.config.rateLimit,
    );
    const security = createSecurityService({
      db: kit.db,
      clock: kit.clock,
      audit: kit.audit,
      hashKey: kit.hashKey,
      rateStore,
      login: kit.config.login,
      mailer: kit.mailer,
      onError: kit.onError,
    });
    return { rateStore, security };
  },
  routes: (app, s: { security: SecurityService; guards: AuthGuards }) => registerSecurityRoutes(app, s),
});
