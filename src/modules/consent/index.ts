import { defineModule } from '../../core/module.js';
import { consentTables } from './consent.privacy.js';
import { createConsentService } from './consent.service.js';
import type { ConsentTables } from './consent.tables.js';
import { registerCookieConsentRoutes } from './cookie-consent.routes.js';
import { createCookieConsentService } from './cookie-consent.service.js';

export type { ConsentService } from './consent.service.js';
export type { CookieConsentService } from './cookie-consent.service.js';
export { CONSENT_COOKIE, CONSENT_DAYS, parseConsentCookie } from './cookie-consent.service.js';

/** Consent: decisions about marketing and cookies, each with the exact notice shown. */
export const consentModule = defineModule<ConsentTables>()({
  name: 'consent',
  uses: [],
  dataMap: consentTables,
  create: (kit) => ({
    consent: createConsentService({ db: kit.db, audit: kit.audit }),
    cookieConsent: createCookieConsentService({ db: kit.db, audit: kit.audit }),
  }),
  routes: (app, s) => registerCookieConsentRoutes(app, { cookies: s.cookieConsent }),
});
