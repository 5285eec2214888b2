export interface ProcessorTable {
  id: string;
  promise: string;
  name: string;
  service: string;
  data_shared: string;
  countries: string[];
  transfer_safeguard: string | null;
  updated_at: Date;
  updated_by: string | null;
}

export interface PrivacyTables {
  processor: ProcessorTable;
  privacy_request: PrivacyRequestTable;
  privacy_request_intake: PrivacyRequestIntakeTable;
  shop_privacy_request: ShopPrivacyRequestTable;
}

export type ShopRequestKind = 'access' | 'erasure';
export type ShopRequestStatus = 'open' | 'extended' | 'answered' | 'refused';

/** A shopper's request to a shop (the shop is the controller): the merchant's privacy queue. */
export interface ShopPrivacyRequestTable {
  shop_id: string;
  id: string;
  shopper_id: string | null;
  email: string;
  kind: ShopRequestKind;
  via: 'account' | 'form' | 'platform';
  status: ShopRequestStatus;
  created_at: Date;
  due_at: Date;
  extended_at: Date | null;
  extension_reason: string | null;
  answered_at: Date | null;
  refusal_reason: string | null;
  download_file: string | null;
  download_expires_at: Date | null;
}

export type RequestType = 'access' | 'portability' | 'rectification' | 'restriction' | 'erasure' | 'objection';
export type RequestStatus = 'received' | 'in_progress' | 'completed' | 'refused';

export interface PrivacyRequestTable {
  id: string;
  subject_kind: string;
  account_id: string | null;
  type: RequestType;
  status: RequestStatus;
  details: string | null;
  created_at: Date;
  verified_at: Date;
  due_at: Date;
  extended_at: Date | null;
  extension_reason: string | null;
  refusal_reason: string | null;
  completed_at: Date | null;
  download_file: string | null;
  download_expires_at: Date | null;
  requester_email: string | null;
  download_token_hash: string | null;
}

export interface PrivacyRequestIntakeTable {
  id: string;
  email: string;
  type: RequestType;
  details: string | null;
  token_hash: string;
  ip: string;
  created_at: Date;
  expires_at: Date;
}
