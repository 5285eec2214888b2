import type { Generated } from 'kysely';
import type { SessionTable } from '../../core/sessions.js';

export interface ShopperAccountTable {
  shop_id: string;
  shopper_id: string;
  password_hash: string;
  first_name: string;
  last_name: string;
  email_verified_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface ShopperSessionTable extends SessionTable {
  shop_id: string;
  shopper_id: string;
}

export type ShopperTokenPurpose = 'verify' | 'reset';

export interface ShopperTokenTable {
  shop_id: string;
  id: string;
  shopper_id: string;
  purpose: ShopperTokenPurpose;
  token_hash: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

export interface ShopperAddressTable {
  shop_id: string;
  id: string;
  shopper_id: string;
  first_name: string;
  last_name: string;
  company: string | null;
  address1: string;
  address2: string | null;
  city: string;
  postal_code: string;
  country: string;
  phone: string | null;
  is_default: Generated<boolean>;
  created_at: Date;
}

export interface ShopperNewsletterConsentTable {
  shop_id: string;
  id: string;
  shopper_id: string;
  granted: boolean;
  notice_version: string;
  notice_hash: string;
  notice_language: string;
  method: 'sign-up' | 'account';
  ip: string;
  user_agent: string | null;
  recorded_at: Date;
}

export interface ShopperAccountsTables {
  shopper_account: ShopperAccountTable;
  shopper_session: ShopperSessionTable;
  shopper_token: ShopperTokenTable;
  shopper_address: ShopperAddressTable;
  shopper_newsletter_consent: ShopperNewsletterConsentTable;
}
