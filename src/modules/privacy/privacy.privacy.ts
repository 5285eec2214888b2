import { declareTables, notPersonal } from '../../core/privacy/data-map.js';

export const privacyTables = declareTables({
  processor: {
    description: 'Processors and recipients register (companies, not people).',
    columns: {
      id: notPersonal('register key'), promise: notPersonal('policy promise id (R1…R9)'), name: notPersonal('company or service name'),
      service: notPersonal('what it does for us'), data_shared: notPersonal('description of the data it receives'),
      countries: notPersonal('storage countries'), transfer_safeguard: notPersonal('legal safeguard for transfers outside the EEA'),
      updated_at: notPersonal('technical timestamp'), updated_by: notPersonal('staff reference (stf_…)'),
    },
  },
});
