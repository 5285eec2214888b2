import { declareTables, notPersonal, personal } from '../../core/privacy/data-map.js';

const proof = { purposes: ['accountability', 'marketing'], basis: 'legal-obligation', retention: 'consent-proof' } as const;

export const consentTables = declareTables({
  consent_record: {
    description: 'Every consent decision (given or withdrawn) with the notice shown and how it was made (M1, M2).',
    subject: 'customer',
    owner: { via: 'account_id', to: 'account.id' },
    columns: {
      id: notPersonal('surrogate key (cns_…)'),
      account_id: notPersonal('reference to the account'),
      purpose: personal({ category: 'identification', key: 'consent.purpose', ...proof }),
      granted: personal({ category: 'identification', key: 'consent.decision', ...proof }),
      notice_version: notPersonal('version of the notice text shown'),
      notice_hash: notPersonal('SHA-256 of the notice text shown'),
      method: personal({ category: 'identification', key: 'consent.method', ...proof }),
      ip: personal({ category: 'tracking', key: 'device.ip_address', ...proof, identifier: true }),
      user_agent: personal({ category: 'tracking', key: 'device.user_agent', ...proof }),
      recorded_at: personal({ category: 'tracking', key: 'consent.time', ...proof }),
    },
  },
});
