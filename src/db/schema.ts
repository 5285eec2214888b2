import type { AuditTables } from '../core/audit/audit.tables.js';
import type { JobTable } from '../core/jobs/jobs.tables.js';
import type { AccountsTables } from '../modules/accounts/accounts.tables.js';
import type { AuthTables } from '../modules/auth/auth.tables.js';
import type { ConsentTables } from '../modules/consent/consent.tables.js';
import type { TermsTables } from '../modules/terms/terms.tables.js';
import type { MfaTables } from '../modules/mfa/mfa.tables.js';
import type { MarketingTables } from '../modules/marketing/marketing.tables.js';
import type { PrivacyTables } from '../modules/privacy/privacy.tables.js';
import type { SecurityTables } from '../modules/security/security.tables.js';
import type { StaffTables } from '../modules/staff/staff.tables.js';

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

/** The whole schema as Kysely sees it; each module owns the types of its own tables. */
export interface Database extends AuditTables, AccountsTables, AuthTables, ConsentTables, StaffTables, SecurityTables, MfaTables, PrivacyTables, MarketingTables, TermsTables {
  schema_migration: SchemaMigrationTable;
  erasure_journal: ErasureJournalTable;
  job: JobTable;
}
