export interface ConsentRecordTable {
  id: string;
  account_id: string;
  purpose: string;
  granted: boolean;
  notice_version: string;
  notice_hash: string;
  method: string;
  ip: string;
  user_agent: string | null;
  recorded_at: Date;
}

export interface ConsentTables {
  consent_record: ConsentRecordTable;
}
