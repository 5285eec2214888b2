import type { ColumnType, Generated } from 'kysely';

/** The shop's logo: an uploaded image's id and the sizes made of it (files in the file store). */
export interface ShopLogo {
  id: string;
  width: number;
  height: number;
  renditions: { width: number; height: number; format: 'webp' | 'avif'; bytes: number }[];
}

export type ShopStatus = 'active' | 'suspended' | 'closed';
export const shippingZones = ['pt-mainland', 'pt-islands', 'eu', 'world'] as const;
export type ShippingZone = (typeof shippingZones)[number];
export const vatRates = [23, 13, 6, 0] as const;
export type VatRate = (typeof vatRates)[number];

export interface ShopTable {
  id: string;
  account_id: string;
  slug: string;
  name: string;
  status: Generated<ShopStatus>;
  currency: Generated<string>;
  default_vat_rate: Generated<VatRate>;
  primary_colour: Generated<string>;
  accent_colour: Generated<string>;
  suspended_reason: string | null;
  legal_name: Generated<string | null>;
  tax_id: Generated<string | null>;
  contact_email: Generated<string | null>;
  contact_phone: Generated<string | null>;
  address_line1: Generated<string | null>;
  address_postal_code: Generated<string | null>;
  address_city: Generated<string | null>;
  address_country: Generated<string | null>;
  logo: ColumnType<ShopLogo | null, string | null | undefined, string | null>;
  home_collections: Generated<string[] | null>;
  created_at: Date;
  updated_at: Date;
}

export interface ShopShippingRateTable {
  shop_id: string;
  zone: ShippingZone;
  price_cents: number;
}

export interface ShopsTables {
  shop: ShopTable;
  shop_shipping_rate: ShopShippingRateTable;
}
