import { declareTables, notPersonal, personal } from '../../core/privacy/data-map.js';

const proof = {
  purposes: ['accountability', 'marketing'],
  basis: 'legal-obligation',
  retention: 'consent-proof',
} as const;

const tables = declareTables({
  consent_record: {
    description: 'Every consent decision (given or withdrawn) with the notice shown and how it was made (M1, M2).',
    label: { en: 'Consents you gave or withdrew', 'pt-PT': 'Consentimentos que prestou ou retirou' },
    subject: 'customer',
    owner: { via: 'account_id', to: 'account.id' },
    document: 'Consents you gave or withdrew, with the notice you were shown',
    columns: {
      id: notPersonal('surrogate key (cns_…)'),
      account_id: notPersonal('reference to the account'),
      purpose: personal({ category: 'identification', key: 'consent.purpose', ...proof }),
      granted: personal({ category: 'identification', key: 'consent.decision', ...proof }),
      notice_version: notPersonal('version of the notice text shown'),
      notice_hash: notPersonal('SHA-256 of the notice text shown'),
      notice_language: notPersonal('language of the notice text shown'),
      method: personal({ category: 'identification', key: 'consent.method', ...proof }),
      ip: personal({ category: 'tracking', key: 'device.ip_address', ...proof, identifier: true }),
      user_agent: personal({ category: 'tracking', key: 'device.user_agent', ...proof }),
      country: personal({
        category: 'localisation',
        key: 'location.country',
        ...proof,
        description: 'derived from the IP address',
      }),
      browser: personal({
        category: 'tracking',
        key: 'device.browser',
        ...proof,
        description: 'browser and system, derived from the user agent',
      }),
      recorded_at: personal({ category: 'tracking', key: 'consent.time', ...proof }),
    },
  },
  cookie_consent: {
    description: 'Every cookie-banner decision, with the notice shown, how it was made, IP, country and browser (K4).',
    label: { en: 'Cookie choices', 'pt-PT': 'Escolhas de cookies' },
    subject: 'visitor',
    owner: { column: 'visitor_ref' },
    columns: {
      id: notPersonal('surrogate key (ckc_…)'),
      visitor_ref: personal({
        category: 'tracking',
        key: 'device.consent_cookie_id',
        ...proof,
        recipients: ['hosting', 'backup', 'cookie-consent'],
        description: 'random id kept in the sr_consent cookie',
      }),
      statistical: personal({
        category: 'identification',
        key: 'consent.decision',
        ...proof,
        recipients: ['hosting', 'backup', 'cookie-consent'],
      }),
      marketing: personal({
        category: 'identification',
        key: 'consent.decision',
        ...proof,
        recipients: ['hosting', 'backup', 'cookie-consent'],
      }),
      method: personal({
        category: 'identification',
        key: 'consent.method',
        ...proof,
        recipients: ['hosting', 'backup', 'cookie-consent'],
      }),
      gpc: personal({
        category: 'tracking',
        key: 'device.global_privacy_control',
        ...proof,
        recipients: ['hosting', 'backup', 'cookie-consent'],
      }),
      notice_version: notPersonal('version of the notice shown'),
      notice_hash: notPersonal('SHA-256 of the notice shown'),
      notice_language: notPersonal('language of the notice shown'),
      ip: personal({
        category: 'tracking',
        key: 'device.ip_address',
        ...proof,
        identifier: true,
        recipients: ['hosting', 'backup', 'cookie-consent'],
      }),
      country: personal({
        category: 'localisation',
        key: 'location.country',
        ...proof,
        recipients: ['hosting', 'backup', 'cookie-consent'],
        description: 'derived from the IP address',
      }),
      browser: personal({
        category: 'tracking',
        key: 'device.browser',
        ...proof,
        recipients: ['hosting', 'backup', 'cookie-consent'],
      }),
      recorded_at: personal({
        category: 'tracking',
        key: 'consent.time',
        ...proof,
        recipients: ['hosting', 'backup', 'cookie-consent'],
      }),
    },
  },
});

/** A shop's banner decisions are declared like the platform's, with the shop they were made on. */
export const consentTables = declareTables({
  ...tables,
  shop_cookie_consent: {
    ...tables.cookie_consent,
    description:
      'Every decision on a shop’s cookie banner (K4), kept with the shop: its merchant is the controller, the platform its processor.',
    label: { en: 'Cookie choices on shops', 'pt-PT': 'Escolhas de cookies nas lojas' },
    columns: { shop_id: notPersonal('the shop whose banner it was'), ...tables.cookie_consent.columns },
  },
});
