import { isValidIBAN } from 'ibantools';
import path from 'node:path';
import { z } from 'zod';
import { paymentGatewayKinds, type PaymentGatewayKind } from './payments/gateway.js';

/** Every environment variable the platform reads. README's configuration table mirrors this list. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  PUBLIC_URL: z.string().url().optional(),
  // Shops are served at <slug>.<PLATFORM_DOMAIN>; the platform's own site at the bare domain.
  PLATFORM_DOMAIN: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/, 'must be a host name like shops.example.com')
    .default('localhost'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.string().default(''),
  RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(300),
  RATE_LIMIT_WINDOW: z.string().default('1 minute'),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_BLOCK_BASE_SECONDS: z.coerce.number().int().min(1).default(60),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .default(24 * 14),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  ENCRYPTION_KEYS: z.string().optional(),
  ENCRYPTION_KEY_CURRENT: z.string().optional(),
  HASH_KEY: z.string().optional(),
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().default('SellRocket <no-reply@sellrocket.example>'),
  PRIVACY_TEAM_EMAIL: z.string().email().default('privacy@sellrocket.example'),
  // Who answers for the data (GDPR Art. 13(1)(a)-(b)): the operator of this installation.
  CONTROLLER_NAME: z.string().trim().min(1).max(200).optional(),
  CONTROLLER_ADDRESS: z.string().trim().min(1).max(300).optional(),
  // The operator's Portuguese NIF, printed on its invoices and in their QR code.
  CONTROLLER_NIF: z
    .string()
    .trim()
    .regex(/^\d{9}$/, 'nine digits')
    .optional(),
  CONTROLLER_EMAIL: z.string().email().optional(),
  /** The operator's bank account for transfers paying proforma invoices; printed on them when set. */
  CONTROLLER_IBAN: z
    .string()
    .transform((v) => v.replace(/\s/g, '').toUpperCase())
    .refine((v) => isValidIBAN(v), 'not a valid IBAN')
    .optional(),
  DPO_EMAIL: z.string().email().optional(),
  PAYMENT_GATEWAY: z.enum(paymentGatewayKinds).default('simulator'),
  /** An S3-compatible bucket for uploaded files: https://KEY:SECRET@host/bucket?region=…; else DATA_DIR/files. */
  S3_URL: z.string().url().optional(),
  /** ClamAV's daemon for upload scans: tcp://host:3310 or unix:/path; the built-in EICAR check runs always. */
  CLAMD_URL: z.string().url().optional(),
  /** Days before a period starts that its proforma invoice is issued (and due on the period's first day). */
  BILLING_PROFORMA_DAYS: z.coerce.number().int().min(0).max(60).default(14),
  /** How often each app server's job runner looks for the billing run (one run per interval in all). */
  BILLING_RUN_EVERY: z.string().default('1 hour'),
  /** The dunning schedule, in days from a proforma's due date (issue #11 §5). */
  DUNNING_REMINDER_DAYS: z.coerce.number().int().min(0).max(30).default(3),
  DUNNING_OVERDUE_DAYS: z
    .string()
    .regex(/^\d{1,3}(,\d{1,3}){0,2}$/, 'one to three numbers of days, ascending, e.g. 1,7,14')
    .refine(
      (v) =>
        v
          .split(',')
          .map(Number)
          .every((n, i, a) => i === 0 || n > a[i - 1]!),
      'ascending, e.g. 1,7,14',
    )
    .default('1,7,14'),
  DUNNING_SUSPEND_DAYS: z.coerce.number().int().min(1).max(365).default(15),
  DUNNING_CANCEL_NOTICE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** The European Commission's VIES REST service; unset, VAT numbers are checked by the simulator. */
  VIES_URL: z.string().url().optional(),
  UPLOAD_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
});

export type Env = z.infer<typeof envSchema>;

/** Names of every variable read; the README's configuration table is checked against it. */
export const configVariables = Object.keys(envSchema.shape);

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  publicUrl: string | undefined;
  /** Shops live at <slug>.<platformDomain>. */
  platformDomain: string;
  logLevel: Env['LOG_LEVEL'];
  /** Proxy addresses/CIDRs whose X-Forwarded-For is believed; empty = the socket address only. */
  trustProxy: string[];
  rateLimit: { max: number; windowMs: number };
  login: { maxFailures: number; blockBaseSeconds: number };
  sessionTtlMs: number;
  bodyLimit: number;
  keys: { encryptionKeys: string | undefined; currentKeyId: string | undefined; hashKey: string | undefined };
  seedDemo: boolean;
  mail: { smtpUrl: string | undefined; from: string; privacyTeam: string };
  /** Named in the privacy policy as the controller, with its contacts. */
  controller: {
    name: string;
    address: string;
    email: string;
    dpoEmail: string;
    nif: string;
    iban: string | undefined;
  };
  /** Which payment gateway takes the shops' payments (src/core/payments). */
  paymentGateway: PaymentGatewayKind;
  files: { s3Url: string | undefined; clamdUrl: string | undefined; uploadLimitBytes: number };
  billing: {
    runEveryMs: number;
    proformaDaysBefore: number;
    dunning: {
      reminderDaysBefore: number;
      overdueDaysAfter: number[];
      suspendDaysAfter: number;
      cancelNoticeDays: number;
    };
    viesUrl: string | undefined;
  };
}

/** What a development or test installation calls itself: plainly an example, never a real company. */
export const exampleController = {
  name: 'SellRocket (example operator)',
  address: 'Rua do Exemplo 1, 4000-000 Porto, Portugal',
  nif: '500000000',
} as const;

const units: Record<string, number> = {
  ms: 1,
  millisecond: 1,
  second: 1000,
  s: 1000,
  minute: 60_000,
  min: 60_000,
  m: 60_000,
  hour: 3_600_000,
  h: 3_600_000,
};

/** Parses "1 minute", "30 seconds", "10s" or a plain number of milliseconds. */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const match = /^(\d+)\s*([a-z]+?)s?$/i.exec(trimmed);
  const unit = match?.[2] ? units[match[2].toLowerCase()] : undefined;
  if (!match || unit === undefined) throw new Error(`Cannot read duration "${text}" (try "1 minute" or "30 seconds")`);
  return Number(match[1]) * unit;
}

export class ConfigError extends Error {}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && (!e.CONTROLLER_NAME || !e.CONTROLLER_ADDRESS)) {
    // The public privacy policy must name who is responsible for the data; an example will not do.
    throw new ConfigError(
      'Invalid configuration:\n  CONTROLLER_NAME and CONTROLLER_ADDRESS must be set in production (the privacy policy names them).',
    );
  }
  if (e.NODE_ENV === 'production' && !e.CONTROLLER_NIF) {
    // Invoices carry the issuer's NIF, in their text and their fiscal QR code: an example will not do.
    throw new ConfigError('Invalid configuration:\n  CONTROLLER_NIF must be set in production (invoices carry it).');
  }
  const overdueDays = e.DUNNING_OVERDUE_DAYS.split(',').map(Number);
  if (e.DUNNING_SUSPEND_DAYS <= overdueDays.at(-1)!) {
    // Each overdue notice announces the suspension: it must come after the last of them.
    throw new ConfigError(
      'Invalid configuration:\n  DUNNING_SUSPEND_DAYS must be after the last of DUNNING_OVERDUE_DAYS.',
    );
  }
  const controllerEmail = e.CONTROLLER_EMAIL ?? e.PRIVACY_TEAM_EMAIL;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    publicUrl: e.PUBLIC_URL,
    platformDomain: e.PLATFORM_DOMAIN,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    rateLimit: { max: e.RATE_LIMIT_MAX, windowMs: parseDuration(e.RATE_LIMIT_WINDOW) },
    login: { maxFailures: e.LOGIN_MAX_FAILURES, blockBaseSeconds: e.LOGIN_BLOCK_BASE_SECONDS },
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    bodyLimit: e.BODY_LIMIT_BYTES,
    keys: { encryptionKeys: e.ENCRYPTION_KEYS, currentKeyId: e.ENCRYPTION_KEY_CURRENT, hashKey: e.HASH_KEY },
    seedDemo: e.SEED_DEMO === 'true',
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, privacyTeam: e.PRIVACY_TEAM_EMAIL },
    controller: {
      name: e.CONTROLLER_NAME ?? exampleController.name,
      address: e.CONTROLLER_ADDRESS ?? exampleController.address,
      email: controllerEmail,
      dpoEmail: e.DPO_EMAIL ?? controllerEmail,
      nif: e.CONTROLLER_NIF ?? exampleController.nif,
      iban: e.CONTROLLER_IBAN,
    },
    paymentGateway: e.PAYMENT_GATEWAY,
    files: { s3Url: e.S3_URL, clamdUrl: e.CLAMD_URL, uploadLimitBytes: e.UPLOAD_LIMIT_BYTES },
    billing: {
      runEveryMs: parseDuration(e.BILLING_RUN_EVERY),
      proformaDaysBefore: e.BILLING_PROFORMA_DAYS,
      dunning: {
        reminderDaysBefore: e.DUNNING_REMINDER_DAYS,
        overdueDaysAfter: overdueDays,
        suspendDaysAfter: e.DUNNING_SUSPEND_DAYS,
        cancelNoticeDays: e.DUNNING_CANCEL_NOTICE_DAYS,
      },
      viesUrl: e.VIES_URL,
    },
  };
}
