import { declareTables, notPersonal, personal, type ColumnDeclaration } from '../../core/privacy/data-map.js';

const secretColumns = (retention: 'account-lifetime' | 'staff-employment'): Record<string, ColumnDeclaration> => ({
  totp_secret: personal({
    category: 'authentication',
    key: 'credentials.totp_secret',
    purposes: ['security'],
    basis: 'contract',
    retention,
    export: 'omit',
    description: 'AES-256-GCM sealed; never shown again after enrolment',
  }),
  enabled_at: personal({
    category: 'authentication',
    key: 'credentials.totp_enabled_at',
    purposes: ['security'],
    basis: 'contract',
    retention,
  }),
  last_time_step: notPersonal('replay guard: the last accepted TOTP time step'),
  created_at: notPersonal('technical timestamp'),
});
const recoveryColumns = (retention: 'account-lifetime' | 'staff-employment'): Record<string, ColumnDeclaration> => ({
  id: notPersonal('surrogate key (rcv_…)'),
  code_hash: personal({
    category: 'authentication',
    key: 'credentials.recovery_code_hash',
    purposes: ['security'],
    basis: 'contract',
    retention,
    export: 'omit',
  }),
  used_at: personal({
    category: 'authentication',
    key: 'credentials.recovery_code_used_at',
    purposes: ['security'],
    basis: 'contract',
    retention,
  }),
});

export const mfaTables = declareTables({
  account_mfa: {
    description: 'Two-factor sign-in of merchants.',
    subject: 'customer',
    owner: { via: 'account_id', to: 'account.id' },
    label: { en: 'Two-step sign-in', 'pt-PT': 'Autenticação em dois passos' },
    columns: { account_id: notPersonal('reference to the account'), ...secretColumns('account-lifetime') },
  },
  account_mfa_recovery: {
    description: 'Recovery codes of merchants (hashed).',
    subject: 'customer',
    owner: { via: 'account_id', to: 'account.id' },
    label: { en: 'Recovery codes', 'pt-PT': 'Códigos de recuperação' },
    columns: { account_id: notPersonal('reference to the account'), ...recoveryColumns('account-lifetime') },
  },
  staff_mfa: {
    description: 'Two-factor sign-in of staff.',
    subject: 'staff',
    owner: { via: 'staff_id', to: 'staff_user.id' },
    label: { en: 'Staff two-step sign-in', 'pt-PT': 'Autenticação em dois passos dos colaboradores' },
    columns: { staff_id: notPersonal('reference to the staff member'), ...secretColumns('staff-employment') },
  },
  staff_mfa_recovery: {
    description: 'Recovery codes of staff (hashed).',
    subject: 'staff',
    owner: { via: 'staff_id', to: 'staff_user.id' },
    label: { en: 'Staff recovery codes', 'pt-PT': 'Códigos de recuperação dos colaboradores' },
    columns: { staff_id: notPersonal('reference to the staff member'), ...recoveryColumns('staff-employment') },
  },
});
