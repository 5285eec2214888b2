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
}
