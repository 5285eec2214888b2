import { paymentSimulatorTables } from '../payments/payments.privacy.js';
import { declareTables, notPersonal, personal } from './data-map.js';

export const coreTables = declareTables({
  ...paymentSimulatorTables,
  job: {
    description: 'Background jobs; payloads carry references (req_…, acc_…), never personal values.',
    columns: {
      id: notPersonal('surrogate key (job_…)'),
      kind: notPersonal('what the job does'),
      payload: notPersonal('references only'),
      run_at: notPersonal('when it is due'),
      locked_until: notPersonal('lease of the process running it'),
      attempts: notPersonal('counter'),
      last_error: notPersonal('error message (no personal data)'),
      done_at: notPersonal('technical timestamp'),
      created_at: notPersonal('technical timestamp'),
    },
  },
  job_schedule: {
    description: 'When each recurring job (the billing run) runs next.',
    columns: {
      kind: notPersonal('the job'),
      every_ms: notPersonal('its interval'),
      next_run_at: notPersonal('when it runs next'),
    },
  },
  erasure_journal: {
    description: 'Erasures done, for replay after a backup restore; no personal data.',
    columns: {
      id: notPersonal('surrogate key (era_…)'),
      subject_kind: notPersonal('kind of subject'),
      subject_ref: notPersonal(
        'keyed hash of the subject reference: unlinkable without the key, needed to replay the erasure',
      ),
      erased_at: notPersonal('time of the erasure'),
      summary: notPersonal('tables and row counts only'),
    },
  },
  schema_migration: {
    description: 'Applied database migrations.',
    columns: {
      version: notPersonal('migration number'),
      name: notPersonal('migration name'),
      checksum: notPersonal('SHA-256 of the migration file'),
      applied_at: notPersonal('technical timestamp'),
    },
  },
  audit_chain_head: {
    description: 'The newest entry of each audit chain: its lock, and the proof that no entry was cut from its end.',
    columns: {
      chain: notPersonal('chain name (account:acc_…, platform)'),
      last_hash: notPersonal('hash of the newest entry'),
      entries: notPersonal('entries in the chain'),
    },
  },
  audit_log: {
    description: 'Append-only, hash-chained log of who did what to whom, by reference (S6).',
    label: { en: 'Activity log', 'pt-PT': 'Registo de atividade' },
    subject: 'customer',
    owner: { column: 'actor_id' },
    erasure: 'forget-identifiers',
    columns: {
      seq: notPersonal('position in the chain'),
      at: notPersonal('time of the action'),
      actor_kind: notPersonal('customer, staff, system, operator or anonymous'),
      actor_id: personal({
        category: 'identification',
        key: 'reference.actor_id',
        purposes: ['accountability', 'security'],
        basis: 'legal-obligation',
        retention: 'audit-trail',
        description: 'a reference (acc_…, stf_…), pseudonymous once the account is erased',
      }),
      action: notPersonal('what was done'),
      target_kind: notPersonal('kind of thing acted on'),
      target_id: personal({
        category: 'identification',
        key: 'reference.target_id',
        purposes: ['accountability'],
        basis: 'legal-obligation',
        retention: 'audit-trail',
      }),
      ip: personal({
        category: 'tracking',
        key: 'device.ip_address',
        purposes: ['accountability', 'security'],
        basis: 'legitimate-interest',
        retention: 'ip-history',
        identifier: true,
        description: 'forgotten (set to null) by retention; the chain keeps only its keyed digest',
      }),
      ip_digest: notPersonal('keyed HMAC of the IP: cannot be reversed without the key; keeps the chain verifiable'),
      request_id: notPersonal('request correlation id'),
      data: notPersonal('field names and ids only, never personal values'),
      prev_hash: notPersonal('hash of the previous entry'),
      hash: notPersonal('hash of this entry'),
      chain: notPersonal(
        'which chain the entry belongs to (account:acc_…, platform): a reference, pseudonymous once the account is erased',
      ),
    },
  },
});
