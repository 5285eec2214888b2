export interface TermsTables {
  terms_acceptance: TermsAcceptanceTable;
}

export interface TermsAcceptanceTable {
  id: string;
  account_id: string;
  version: string;
  language: string;
  text_hash: string;
  ip: string;
  user_agent: string | null;
  accepted_at: Date;
}
