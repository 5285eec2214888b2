import { declareTables, notPersonal, personal } from '../../core/privacy/data-map.js';

export const marketingTables = declareTables({
  processing_restriction: {
    description: "Purposes for which a customer's data may only be stored (Art. 18).",
    label: { en: 'Restrictions you asked for', 'pt-PT': 'Limitações que pediu' },
    subject: 'customer',
    owner: { via: 'account_id', to: 'account.id' },
    columns: {
      id: notPersonal('surrogate key (rst_…)'),
      account_id: notPersonal('reference to the account'),
      purpose: personal({
        category: 'identification',
        key: 'restriction.purpose',
        purposes: ['legal-compliance'],
        basis: 'legal-obligation',
        retention: 'account-lifetime',
      }),
      request_id: notPersonal('reference to the request (req_…)'),
      created_at: personal({
        category: 'tracking',
        key: 'restriction.time',
        purposes: ['legal-compliance'],
        basis: 'legal-obligation',
        retention: 'account-lifetime',
      }),
      lifted_at: notPersonal('technical timestamp'),
    },
  },
  marketing_suppression: {
    description: 'Addresses that objected to marketing (Art. 21), as keyed hashes only.',
    columns: {
      email_hash: notPersonal(
        'keyed hash of an email address: not reversible without the key; checked at every marketing send',
      ),
      reason: notPersonal('objection or withdrawal'),
      created_at: notPersonal('technical timestamp'),
    },
  },
});
