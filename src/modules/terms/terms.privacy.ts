import { declareTables, notPersonal, personal } from '../../core/privacy/data-map.js';

const proof = { purposes: ['service', 'accountability'], basis: 'contract', retention: 'account-lifetime' } as const;

export const termsTables = declareTables({
  terms_acceptance: {
    description: 'Terms of service accepted: which version and language, when, from which IP and browser.',
    label: { en: 'Terms you accepted', 'pt-PT': 'Termos que aceitou' },
    subject: 'customer',
    owner: { via: 'account_id', to: 'account.id' },
    document: 'Terms of service you accepted',
    columns: {
      id: notPersonal('surrogate key (trm_…)'),
      account_id: notPersonal('reference to the account'),
      version: notPersonal('version of the terms accepted'),
      language: notPersonal('language of the text accepted'),
      text_hash: notPersonal('SHA-256 of the exact text accepted'),
      ip: personal({ category: 'tracking', key: 'device.ip_address', ...proof, identifier: true }),
      user_agent: personal({ category: 'tracking', key: 'device.user_agent', ...proof }),
      accepted_at: personal({ category: 'tracking', key: 'contract.accepted_at', ...proof }),
    },
  },
});
