import type { AuditTables } from '../audit/audit.tables.js';
import type { JobScheduleTable, JobTable } from '../jobs/jobs.tables.js';
import type { MailTables } from '../mail/outbox.tables.js';
import type { PaymentSimulatorTables } from '../payments/payments.tables.js';

export interface ErasureJournalTable {
  id: string;
  subject_kind: string;
  subject_ref: string;
  erased_at: Date;
  summary: Record<string, unknown>;
}

export interface SchemaMigrationTable {
  version: string;
  name: string;
  checksum: string;
  applied_at: Date;
}

/** The tables of the platform's machinery; each module declares its own. */
export interface CoreTables extends AuditTables, PaymentSimulatorTables, MailTables {
  schema_migration: SchemaMigrationTable;
  erasure_journal: ErasureJournalTable;
  job: JobTable;
  job_schedule: JobScheduleTable;
}
