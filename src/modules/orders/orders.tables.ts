import type { ColumnType, Generated } from 'kysely';

export const orderStatuses = ['pending_payment', 'paid', 'fulfilled', 'cancelled', 'refunded'] as const;
export type OrderStatus = (typeof orderStatuses)[number];
export type PaymentMethod = 'card' | 'multibanco';

type Json<T> = ColumnType<T, string, string>;

export interface CartTable {
  shop_id: string;
  id: string;
  token_hash: string;
  created_at: Date;
  updated_at: Date;
}

export interface CartLineTable {
  shop_id: string;
  cart_id: string;
  variant_id: string;
  quantity: number;
  added_at: Date;
}

export interface ShopperTable {
  shop_id: string;
  id: string;
  email: string;
  created_at: Date;
}

export interface OrderNumberCounterTable {
  shop_id: string;
  last_number: number;
}

export interface VatLine {
  rate: number;
  grossCents: number;
  netCents: number;
  vatCents: number;
}

export interface ShopOrderTable {
  shop_id: string;
  id: string;
  number: number;
  account_id: string;
  status: OrderStatus;
  token_hash: string;
  shopper_id: string | null;
  currency: string;
  subtotal_cents: number;
  shipping_cents: number;
  total_cents: number;
  vat_total_cents: number;
  vat_breakdown: Json<VatLine[]>;
  shipping_zone: string;
  ship_first_name: string;
  ship_last_name: string;
  ship_line1: string;
  ship_line2: string | null;
  ship_postal_code: string;
  ship_city: string;
  ship_country: string;
  ship_phone: string | null;
  bill_first_name: string;
  bill_last_name: string;
  bill_line1: string;
  bill_line2: string | null;
  bill_postal_code: string;
  bill_city: string;
  bill_country: string;
  bill_phone: string | null;
  payment_method: PaymentMethod;
  card_brand: string | null;
  card_last4: string | null;
  gateway_ref: string | null;
  mb_entity: string | null;
  mb_reference: string | null;
  mb_expires_at: Date | null;
  refunded_cents: Generated<number>;
  tracking_number: string | null;
  created_at: Date;
  updated_at: Date;
  paid_at: Date | null;
  fulfilled_at: Date | null;
  cancelled_at: Date | null;
}

export interface OrderLineTable {
  shop_id: string;
  order_id: string;
  position: number;
  variant_id: string;
  product_id: string;
  product_title: string;
  product_handle: string;
  variant_title: string | null;
  sku: string;
  quantity: number;
  unit_price_cents: number;
  vat_rate: number;
  line_total_cents: number;
}

export interface OrderEventTable {
  shop_id: string;
  order_id: string;
  seq: number;
  kind: string;
  data: Json<Record<string, string | number | null>>;
  actor: string;
  created_at: Date;
}

export interface CheckoutRequestTable {
  shop_id: string;
  key: string;
  request_hash: string;
  order_id: string;
  created_at: Date;
}

export interface OrdersTables {
  cart: CartTable;
  cart_line: CartLineTable;
  shopper: ShopperTable;
  order_number_counter: OrderNumberCounterTable;
  shop_order: ShopOrderTable;
  order_line: OrderLineTable;
  order_event: OrderEventTable;
  checkout_request: CheckoutRequestTable;
}
