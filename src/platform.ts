import { createAuditLog } from './core/audit/audit-log.js';
import { createPrivacyEngine } from './core/privacy/engine.js';
import { createJobQueue } from './core/jobs/job-queue.js';
import { createMailer } from './core/mail/mailer.js';
import { createMarketingService } from './modules/marketing/marketing.service.js';
import path from 'node:path';
import { buildPolicy } from './modules/privacy/policy.js';
import { createPrivacyRequestsService } from './modules/privacy/requests.service.js';
import type { Clock } from './core/clock.js';
import type { Config } from './core/config.js';
import { createFieldCipher } from './core/crypto/field-encryption.js';
import type { Secrets } from './core/crypto/keys.js';
import type { DatabaseHandle } from './core/db/database.js';
import { createAccountsRepo } from './modules/accounts/accounts.repo.js';
import { createAccountsService } from './modules/accounts/accounts.service.js';
import { createSessionService } from './modules/auth/sessions.service.js';
import { createConsentService } from './modules/consent/consent.service.js';
import { createTermsService } from './modules/terms/terms.service.js';
import { createCookieConsentService } from './modules/consent/cookie-consent.service.js';
import { createMfaService } from './modules/mfa/mfa.service.js';
import { platformDataMap } from './modules/privacy/privacy.data-map.js';
import { createProcessorsService } from './modules/privacy/processors.service.js';
import { createRateLimitStore } from './modules/security/rate-limit.store.js';
import { createSecurityService } from './modules/security/security.service.js';
import { createStaffService } from './modules/staff/staff.service.js';

export interface PlatformInput {
  config: Config;
  clock: Clock;
  database: DatabaseHandle;
  secrets: Secrets;
  onError: (err: unknown) => void;
}

/**
 * Builds every service from explicit dependencies, without HTTP: the server and the operator
 * command line share it, so a command behaves the same whether or not the server runs.
 */
export function createPlatform(input: PlatformInput) {
  const { config, clock, database, secrets } = input;
  const db = database.db;
  const audit = createAuditLog({ db, clock, hashKey: secrets.hashKey });
  const cipher = createFieldCipher(secrets.keyring);
  const rateStore = createRateLimitStore({ db, clock, onError: input.onError }, config.rateLimit);
  const sessions = createSessionService({ db, clock, ttlMs: config.sessionTtlMs });
  const consent = createConsentService({ db, audit });
  const cookieConsent = createCookieConsentService({ db, audit });
  const terms = createTermsService({ db });
  const accounts = createAccountsService({ db, repo: createAccountsRepo(db), audit, sessions, consent, terms });
  const staff = createStaffService({ db, audit, sessions });
  const mfa = createMfaService({
    db, clock, audit, cipher, hashKey: secrets.hashKey, sessions,
    confirmPassword: (p, id, password) => (p === 'customer' ? accounts.confirmPassword(id, password) : staff.confirmPassword(id, password)),
  });
  const processors = createProcessorsService({ db, audit });
  const dataMap = platformDataMap();
  if (dataMap.problems.length > 0) {
    // Like Fides: a personal table nobody can reach from its subject could never be exported or erased.
    throw new Error(`The data map is inconsistent:\n${dataMap.problems.join('\n')}`);
  }
  const privacy = createPrivacyEngine({ db, map: dataMap, audit, hashKey: secrets.hashKey });
  const jobs = createJobQueue({ db, clock, onError: input.onError });
  const mailer = createMailer({ smtpUrl: config.mail.smtpUrl, from: config.mail.from, dataDir: config.dataDir });
  const security = createSecurityService({ db, clock, audit, hashKey: secrets.hashKey, rateStore, login: config.login, mailer, onError: input.onError });
  const marketing = createMarketingService({ db, clock, mailer, hashKey: secrets.hashKey });
  const privacyRequests = createPrivacyRequestsService({
    db, clock, audit, jobs, engine: privacy, consent, exportDir: path.join(config.dataDir, 'exports'),
    verifyPassword: accounts.confirmPassword, policy: async () => buildPolicy(dataMap, await processors.list()),
    mailer, privacyTeam: config.mail.privacyTeam, hashKey: secrets.hashKey, marketing,
    publicOrigin: config.publicUrl ? new URL(config.publicUrl).origin : `http://localhost:${config.port}`,
  });
  return { terms, cookieConsent, privacy, jobs, mailer, marketing, privacyRequests, config, clock, database, db, secrets, audit, cipher, rateStore, sessions, consent, accounts, staff, security, mfa, processors, dataMap };
}
export type Platform = ReturnType<typeof createPlatform>;
