import { declareTables, notPersonal, personal, type ColumnDeclaration } from '../../core/privacy/data-map.js';

const sessionColumns: Record<string, ColumnDeclaration> = {
  id: notPersonal('surrogate key'),
  token_hash: personal({ category: 'authentication', key: 'credentials.session_token_hash', purposes: ['service', 'security'], basis: 'contract', retention: 'session-lifetime', export: 'omit', description: 'SHA-256 of the cookie token; the token itself is never stored' }),
  ip: personal({ category: 'tracking', key: 'device.ip_address', purposes: ['security'], basis: 'legitimate-interest', retention: 'session-lifetime', identifier: true }),
  user_agent: personal({ category: 'tracking', key: 'device.user_agent', purposes: ['security'], basis: 'legitimate-interest', retention: 'session-lifetime' }),
  created_at: personal({ category: 'tracking', key: 'session.started_at', purposes: ['security'], basis: 'legitimate-interest', retention: 'session-lifetime' }),
  last_seen_at: personal({ category: 'tracking', key: 'session.last_seen_at', purposes: ['security'], basis: 'legitimate-interest', retention: 'session-lifetime' }),
  expires_at: notPersonal('technical expiry'),
  revoked_at: notPersonal('technical revocation time'),
};

export const authTables = declareTables({
  account_session: {
    description: 'Signed-in sessions of merchants.',
    label: { en: 'Signed-in sessions', 'pt-PT': 'Sessões iniciadas' },
    subject: 'customer',
    owner: { via: 'account_id', to: 'account.id' },
    columns: { ...sessionColumns, account_id: notPersonal('reference to the account') },
  },
  staff_session: {
    description: 'Signed-in sessions of platform staff.',
    label: { en: 'Staff sessions', 'pt-PT': 'Sessões dos colaboradores' },
    subject: 'staff',
    owner: { via: 'staff_id', to: 'staff_user.id' },
    columns: { ...sessionColumns, staff_id: notPersonal('reference to the staff member') },
  },
});
