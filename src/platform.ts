import { scannerFromConfig, type VirusScanner } from './core/antivirus/scanner.js';
import { createAuditLog } from './core/audit/audit-log.js';
import type { Clock } from './core/clock.js';
import type { Config } from './core/config.js';
import { createFieldCipher } from './core/crypto/field-encryption.js';
import type { FileStore } from './core/files/file-store.js';
import { fileStoreFromConfig } from './core/files/from-config.js';
import type { Secrets } from './core/crypto/keys.js';
import { createChangeFeed } from './core/db/change-feed.js';
import type { DatabaseHandle } from './core/db/database.js';
import { tablesOf } from './core/db/unit-of-work.js';
import { createJobQueue } from './core/jobs/job-queue.js';
import { createOutbox } from './core/mail/outbox.js';
import { mailTransportFromConfig } from './core/mail/transport.js';
import { createModules, type AnyModule, type ModuleKit } from './core/module.js';
import { createPaymentGateway } from './core/payments/from-config.js';
import { createPrivacyEngine } from './core/privacy/engine.js';
import type { Database } from './db/schema.js';
import { platformDataMap, platformModules, type ModuleOptions, type PlatformModules } from './module-list.js';

export interface PlatformInput extends ModuleOptions {
  config: Config;
  clock: Clock;
  database: DatabaseHandle;
  secrets: Secrets;
  onError: (err: unknown) => void;
  /** Tests put files elsewhere, or scan with an engine of their own; by default from the configuration. */
  files?: FileStore;
  scanner?: VirusScanner;
}

/**
 * Builds the machinery and every module from explicit dependencies, without HTTP: the server and
 * the operator command line share it, so a command behaves the same whether or not the server runs.
 */
export function createPlatform(input: PlatformInput) {
  const { config, clock, database, secrets } = input;
  const db = tablesOf<Database>(database.db);
  const audit = createAuditLog({ db, clock, hashKey: secrets.hashKey });
  const cipher = createFieldCipher(secrets.keyring);
  const dataMap = platformDataMap();
  if (dataMap.problems.length > 0) {
    // Like Fides: a personal table nobody can reach from its subject could never be exported or erased.
    throw new Error(`The data map is inconsistent:\n${dataMap.problems.join('\n')}`);
  }
  const privacy = createPrivacyEngine({ db, map: dataMap, audit, hashKey: secrets.hashKey });
  const jobs = createJobQueue({ db, clock, onError: input.onError });
  // The platform's mail to a customer is kept as their correspondence: the accounts module knows whose
  // address it is, once the modules exist.
  let accountOf: (email: string) => Promise<string | null> = async () => null;
  const mailer = createOutbox({
    db,
    clock,
    transport: mailTransportFromConfig(config.mail.smtpUrl),
    from: config.mail.from,
    afterCommit: database.afterCommit,
    accountOf: (email) => accountOf(email),
    onError: input.onError,
  });
  const changes = createChangeFeed({ listen: database.listen, roundTrip: database.listenerRoundTrip });
  const payments = createPaymentGateway(config.paymentGateway, { db, clock });
  const files = input.files ?? fileStoreFromConfig(config);
  const scanner = input.scanner ?? scannerFromConfig(config.files.clamdUrl);
  const modules: PlatformModules = platformModules({ erasureFaults: input.erasureFaults });
  // Each module sees the same scoped handle, typed to its own tables only.
  const kitFor = (_module: AnyModule): ModuleKit<unknown> => ({
    db: tablesOf(database.db),
    config,
    clock,
    audit,
    jobs,
    changes,
    mailer,
    payments,
    files,
    scanner,
    cipher,
    hashKey: secrets.hashKey,
    privacy,
    dataMap,
    onError: input.onError,
  });
  const services = createModules(modules, kitFor);
  accountOf = (email) => services.accounts.findAccountIdByEmail(email);
  return {
    ...services,
    modules,
    kitFor,
    privacy,
    jobs,
    changes,
    mailer,
    payments,
    files,
    scanner,
    config,
    clock,
    database,
    db,
    secrets,
    audit,
    cipher,
    dataMap,
  };
}
export type Platform = ReturnType<typeof createPlatform>;
