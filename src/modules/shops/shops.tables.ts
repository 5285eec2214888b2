import type { Generated } from 'kysely';

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
