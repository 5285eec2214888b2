import type { Generated } from 'kysely';

export interface AuditLogTable {
  seq: Generated<string>;
  at: Date;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  target_kind: string | null;
  target_id: string | null;
  ip: string | null;
  ip_digest: string | null;
  request_id: string | null;
  data: Generated<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
  /** The chain (partition) the entry belongs to: account:acc_…, platform, later shop:…. */
  chain: string;
}

export interface AuditChainHeadTable {
  chain: string;
  last_hash: string;
  entries: number;
}

export interface AuditTables {
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
}
