import type { Generated } from 'kysely';

export interface ConsentRecordTable {
  id: string;
  account_id: string;
  purpose: string;
  granted: boolean;
  notice_version: string;
  notice_hash: string;
  notice_language: Generated<string>;
  method: string;
  ip: string;
  user_agent: string | null;
  country: string | null;
  browser: string | null;
  recorded_at: Date;
}

export interface CookieConsentTable {
  id: string;
  visitor_ref: string;
  statistical: boolean;
  marketing: boolean;
  method: 'accept-all' | 'reject-all' | 'custom';
  gpc: boolean;
  notice_version: string;
  notice_hash: string;
  notice_language: Generated<string>;
  ip: string;
  country: string | null;
  browser: string | null;
  recorded_at: Date;
}

export interface ConsentTables {
  consent_record: ConsentRecordTable;
  cookie_consent: CookieConsentTable;
  shop_cookie_consent: ShopCookieConsentTable;
}

/** A decision on a shop's own banner: the merchant is its controller, so it is kept with the shop. */
export interface ShopCookieConsentTable extends CookieConsentTable {
  shop_id: string;
}
