import { sessionColumns } from '../../core/sessions.js';
import { declareTables, notPersonal, personal } from '../../core/privacy/data-map.js';

const contract = { basis: 'contract', retention: 'account-lifetime' } as const;

export const accountsTables = declareTables({
  account: {
    description: 'Merchant accounts (the policy\'s "customer").',
    label: { en: 'Your account', 'pt-PT': 'A sua conta' },
    subject: 'customer',
    owner: { column: 'id' },
    columns: {
      id: notPersonal('surrogate key (acc_…)'),
      first_name: personal({ category: 'identification', key: 'name.first', purposes: ['service', 'billing'], ...contract, identifier: true, recipients: ['hosting', 'backup', 'invoicing', 'registrars', 'chat-software'] }),
      last_name: personal({ category: 'identification', key: 'name.last', purposes: ['service', 'billing'], ...contract, identifier: true, recipients: ['hosting', 'backup', 'invoicing', 'registrars', 'chat-software'] }),
      email: personal({ category: 'tracking', key: 'contact.email', purposes: ['service', 'billing', 'support'], ...contract, identifier: true, recipients: ['hosting', 'backup', 'invoicing', 'registrars', 'email-distribution', 'chat-software'] }),
      phone: personal({ category: 'tracking', key: 'contact.phone', purposes: ['service', 'support'], ...contract, identifier: true, recipients: ['hosting', 'backup', 'registrars', 'chat-software'] }),
      company: personal({ category: 'identification', key: 'organisation.name', purposes: ['service', 'billing'], ...contract, recipients: ['hosting', 'backup', 'invoicing'] }),
      nif: personal({ category: 'identification', key: 'tax.id', purposes: ['billing', 'legal-compliance'], ...contract, identifier: true, recipients: ['hosting', 'backup', 'invoicing', 'registrars'] }),
      address_line1: personal({ category: 'localisation', key: 'address.line1', purposes: ['billing'], ...contract, recipients: ['hosting', 'backup', 'invoicing', 'chat-software'] }),
      address_line2: personal({ category: 'localisation', key: 'address.line2', purposes: ['billing'], ...contract, recipients: ['hosting', 'backup', 'invoicing', 'chat-software'] }),
      postal_code: personal({ category: 'localisation', key: 'address.postal_code', purposes: ['billing'], ...contract, recipients: ['hosting', 'backup', 'invoicing', 'chat-software'] }),
      city: personal({ category: 'localisation', key: 'address.city', purposes: ['billing'], ...contract, recipients: ['hosting', 'backup', 'invoicing', 'chat-software'] }),
      country: personal({ category: 'localisation', key: 'address.country', purposes: ['billing', 'legal-compliance'], ...contract, recipients: ['hosting', 'backup', 'invoicing', 'chat-software'] }),
      password_hash: personal({ category: 'authentication', key: 'credentials.password_hash', purposes: ['service', 'security'], ...contract, export: 'omit', description: 'argon2id hash; the password itself is never stored (C4)' }),
      marketing_consent: personal({ category: 'identification', key: 'consent.marketing_current', purposes: ['marketing'], basis: 'consent', retention: 'account-lifetime' }),
      status: notPersonal('lifecycle state of the contract'),
      created_at: personal({ category: 'tracking', key: 'account.created_at', purposes: ['service'], ...contract }),
      updated_at: notPersonal('technical change timestamp'),
    },
  },
  account_access: {
    description: 'Access history of the customer area: IP and time of every sign-in (T2, RT3).',
    label: { en: 'Sign-in history', 'pt-PT': 'Histórico de acessos' },
    subject: 'customer',
    owner: { via: 'account_id', to: 'account.id' },
    columns: {
      id: notPersonal('surrogate key (acx_…)'),
      account_id: notPersonal('reference to the account'),
      kind: notPersonal('signup or login'),
      ip: personal({ category: 'tracking', key: 'device.ip_address', purposes: ['security', 'service'], basis: 'legitimate-interest', retention: 'ip-history', identifier: true }),
      user_agent: personal({ category: 'tracking', key: 'device.user_agent', purposes: ['security'], basis: 'legitimate-interest', retention: 'ip-history' }),
      at: personal({ category: 'tracking', key: 'access.time', purposes: ['security', 'service'], basis: 'legitimate-interest', retention: 'ip-history' }),
    },
  },
  account_session: {
    description: 'Signed-in sessions of merchants.',
    label: { en: 'Signed-in sessions', 'pt-PT': 'Sessões iniciadas' },
    subject: 'customer',
    owner: { via: 'account_id', to: 'account.id' },
    columns: { ...sessionColumns, account_id: notPersonal('reference to the account') },
  },
});
