import { sessionColumns } from '../../core/sessions.js';
import { declareTables, notPersonal, personal } from '../../core/privacy/data-map.js';

const employment = {
  purposes: ['service', 'accountability'],
  basis: 'contract',
  retention: 'staff-employment',
  recipients: ['hosting', 'backup'],
} as const;

export const staffTables = declareTables({
  staff_user: {
    description: "Platform staff accounts (the operator's employees).",
    label: { en: 'Staff accounts', 'pt-PT': 'Contas dos colaboradores' },
    subject: 'staff',
    owner: { column: 'id' },
    columns: {
      id: notPersonal('surrogate key (stf_…)'),
      email: personal({ category: 'tracking', key: 'contact.email', ...employment, identifier: true }),
      name: personal({ category: 'identification', key: 'name.full', ...employment, identifier: true }),
      password_hash: personal({
        category: 'authentication',
        key: 'credentials.password_hash',
        ...employment,
        export: 'omit',
      }),
      roles: personal({ category: 'identification', key: 'staff.roles', ...employment }),
      created_at: notPersonal('technical timestamp'),
      updated_at: notPersonal('technical timestamp'),
      disabled_at: notPersonal('technical timestamp'),
      mfa_required: notPersonal('security policy flag'),
    },
  },
  staff_session: {
    description: 'Signed-in sessions of platform staff.',
    label: { en: 'Staff sessions', 'pt-PT': 'Sessões dos colaboradores' },
    subject: 'staff',
    owner: { via: 'staff_id', to: 'staff_user.id' },
    columns: { ...sessionColumns, staff_id: notPersonal('reference to the staff member') },
  },
});
