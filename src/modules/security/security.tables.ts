import type { Generated } from 'kysely';

export interface SecurityBlockTable {
  id: string;
  kind: 'ip' | 'login';
  subject_key: string;
  ip: string | null;
  account_id: string | null;
  reason: 'rate-limit' | 'login-failures';
  level: Generated<number>;
  created_at: Date;
  until: Date;
  lifted_at: Date | null;
  lifted_by: string | null;
}

export interface LoginThrottleTable {
  key: string;
  consecutive_failures: number;
  block_level: number;
  updated_at: Date;
}

export interface RateCounterTable {
  key: string;
  window_start: Date;
  count: number;
}

export interface SecurityTables {
  security_block: SecurityBlockTable;
  login_throttle: LoginThrottleTable;
  rate_counter: RateCounterTable;
}
