import type { SessionTable } from '../../core/sessions.js';
import type { Generated } from 'kysely';

export interface AccountTable {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  company: string | null;
  nif: string | null;
  address_line1: string;
  address_line2: string | null;
  postal_code: string;
  city: string;
  country: string;
  password_hash: string;
  marketing_consent: Generated<boolean>;
  status: Generated<'active' | 'suspended' | 'closed'>;
  /** The language the customer's notices are written in. */
  language: Generated<'en' | 'pt-PT'>;
  created_at: Date;
  updated_at: Date;
}

export interface AccountAccessTable {
  id: string;
  account_id: string;
  kind: 'signup' | 'login';
  ip: string;
  user_agent: string | null;
  at: Date;
}

/** A person working on another account, with the permissions its owner gave them there (S7). */
export interface AccountMemberTable {
  account_id: string;
  member_id: string;
  permissions: string[];
  added_at: Date;
}

export interface AccountInvitationTable {
  id: string;
  account_id: string;
  email: string;
  permissions: string[];
  token_hash: string;
  created_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
}

export interface AccountsTables {
  account: AccountTable;
  account_access: AccountAccessTable;
  account_session: SessionTable & { account_id: string; acting_account_id: Generated<string | null> };
  account_member: AccountMemberTable;
  account_invitation: AccountInvitationTable;
}
