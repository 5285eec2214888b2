export interface MfaTable {
  totp_secret: string;
  enabled_at: Date | null;
  last_time_step: number | null;
  created_at: Date;
}

export interface MfaRecoveryTable {
  id: string;
  code_hash: string;
  used_at: Date | null;
}

export interface MfaTables {
  account_mfa: MfaTable & { account_id: string };
  account_mfa_recovery: MfaRecoveryTable & { account_id: string };
  staff_mfa: MfaTable & { staff_id: string };
  staff_mfa_recovery: MfaRecoveryTable & { staff_id: string };
}
