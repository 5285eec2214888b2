import { declareTables, notPersonal, personal } from '../../core/privacy/data-map.js';

const request = { purposes: ['legal-compliance', 'accountability'], basis: 'legal-obligation', retention: 'request-record' } as const;

export const privacyTables = declareTables({
  privacy_request: {
    description: 'Data-subject requests (access, portability, rectification, restriction, erasure, objection) and their deadlines.',
    label: { en: 'Privacy requests', 'pt-PT': 'Pedidos de privacidade' },
    subject: 'customer',
    owner: { via: 'account_id', to: 'account.id' },
    document: 'Your privacy requests and our answers to them',
    columns: {
      id: notPersonal('surrogate key (req_…)'), subject_kind: notPersonal('kind of requester'), account_id: notPersonal('reference to the account'),
      type: personal({ category: 'identification', key: 'request.type', ...request }),
      status: notPersonal('where the request stands'),
      details: personal({ category: 'communication', key: 'request.details', ...request, description: 'what the requester wrote' }),
      created_at: personal({ category: 'tracking', key: 'request.time', ...request }),
      verified_at: notPersonal('when identity was confirmed (starts the clock)'), due_at: notPersonal('deadline'),
      extended_at: notPersonal('technical timestamp'),
      extension_reason: personal({ category: 'communication', key: 'request.extension_reason', ...request }),
      refusal_reason: personal({ category: 'communication', key: 'request.refusal_reason', ...request }),
      completed_at: notPersonal('technical timestamp'), download_file: notPersonal('server path of the archive'),
      download_expires_at: notPersonal('technical expiry'),
      requester_email: personal({ category: 'tracking', key: 'contact.email', ...request, identifier: true, recipients: ['hosting', 'backup', 'email-distribution'], description: 'the verified address of a request made without signing in' }),
      download_token_hash: personal({ category: 'authentication', key: 'credentials.download_token_hash', ...request, export: 'omit', description: 'hash of the one-time download link sent to that address' }),
    },
  },
  privacy_request_intake: {
    description: 'Requests made without signing in, until their email is verified.',
    label: { en: 'Privacy requests awaiting email confirmation', 'pt-PT': 'Pedidos de privacidade a aguardar confirmação do correio eletrónico' },
    subject: 'visitor',
    owner: { column: 'email' },
    columns: {
      id: notPersonal('surrogate key (rqi_…)'),
      email: personal({ category: 'tracking', key: 'contact.email', purposes: ['legal-compliance'], basis: 'legal-obligation', retention: 'request-intake', identifier: true, recipients: ['hosting', 'backup', 'email-distribution'] }),
      type: personal({ category: 'identification', key: 'request.type', purposes: ['legal-compliance'], basis: 'legal-obligation', retention: 'request-intake' }),
      details: personal({ category: 'communication', key: 'request.details', purposes: ['legal-compliance'], basis: 'legal-obligation', retention: 'request-intake' }),
      token_hash: personal({ category: 'authentication', key: 'credentials.verification_token_hash', purposes: ['legal-compliance'], basis: 'legal-obligation', retention: 'request-intake', export: 'omit' }),
      ip: personal({ category: 'tracking', key: 'device.ip_address', purposes: ['security'], basis: 'legitimate-interest', retention: 'request-intake', identifier: true }),
      created_at: notPersonal('technical timestamp'), expires_at: notPersonal('technical expiry'),
    },
  },
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
