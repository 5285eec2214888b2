export interface SessionTable {
  id: string;
  token_hash: string;
  ip: string;
  user_agent: string | null;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

export interface AuthTables {
  account_session: SessionTable & { account_id: string };
  staff_session: SessionTable & { staff_id: string };
}
