import type { Generated } from 'kysely';

export type DocumentKind = 'proforma' | 'invoice' | 'credit_note';

export interface BillingSeriesTable {
  id: string;
  kind: DocumentKind;
  year: number;
  code: string;
  validation_code: string;
  last_number: number;
  last_issued_at: Date | null;
}

export interface BillingDocumentTable {
  id: string;
  kind: DocumentKind;
  series_id: string;
  number: number;
  atcud: string;
  status: 'open' | 'paid' | 'cancelled' | 'issued';
  account_id: string | null;
  issued_at: Date;
  due_at: Date | null;
  proforma_id: string | null;
  credited_id: string | null;
  currency: string;
  customer_name: string | null;
  customer_nif: string | null;
  customer_address: string | null;
  customer_postal_code: string | null;
  customer_city: string | null;
  customer_country: string;
  vat_regime: 'domestic' | 'eu-consumer' | 'reverse-charge' | 'outside-scope';
  vat_rate: number;
  vat_space: 'PT' | 'PT-AC' | 'PT-MA' | null;
  vat_note: string | null;
  vies_check: 'valid' | 'invalid' | 'unavailable' | null;
  net_cents: number;
  vat_cents: number;
  total_cents: number;
  paid_at: Date | null;
  payment_method: 'card' | 'transfer' | 'multibanco' | 'direct-debit' | null;
  payment_reference: string | null;
}

export interface BillingDocumentLineTable {
  document_id: string;
  position: number;
  description: string;
  quantity: number;
  unit_cents: number;
  net_cents: number;
}

export interface BillingPaymentReferenceTable {
  document_id: string;
  gateway_ref: string;
  entity: string;
  reference: string;
  amount_cents: number;
  expires_at: Date;
  created_at: Date;
}

export interface BillingTables extends SubscriptionTables {
  billing_payment_reference: BillingPaymentReferenceTable;
  billing_series: BillingSeriesTable;
  billing_document: BillingDocumentTable;
  billing_document_line: BillingDocumentLineTable;
}

export interface PlanTable {
  id: string;
  name: string;
  monthly_cents: number;
  yearly_cents: number;
  max_products: number | null;
  max_staff_users: number | null;
  storage_mb: number;
  position: number;
}

export type SubscriptionPeriod = 'monthly' | 'yearly';

export interface ShopSubscriptionTable {
  shop_id: string;
  id: string;
  account_id: string;
  plan_id: string;
  period: SubscriptionPeriod;
  status: 'active' | 'cancel_requested' | 'cancelled';
  current_period_start: Date;
  current_period_end: Date;
  cancel_requested_at: Date | null;
  cancelled_at: Date | null;
  created_at: Date;
  suspended_at: Generated<Date | null>;
  cancel_notice_at: Generated<Date | null>;
  cancel_effective_at: Generated<Date | null>;
  cancelled_by: Generated<'customer' | 'operator' | null>;
  pending_plan_id: Generated<string | null>;
}

export interface ShopSubscriptionEventTable {
  shop_id: string;
  subscription_id: string;
  seq: number;
  kind:
    | 'created'
    | 'proforma_issued'
    | 'renewed'
    | 'cancel_requested'
    | 'cancelled'
    | 'reminder_sent'
    | 'overdue_notice_sent'
    | 'suspended'
    | 'reactivated'
    | 'cancel_notice_given'
    | 'cancel_notice_withdrawn'
    | 'plan_changed'
    | 'plan_change_scheduled';
  at: Date;
  data: Record<string, unknown>;
}

export interface ShopSubscriptionProformaTable {
  shop_id: string;
  subscription_id: string;
  period_start: Date;
  period_end: Date;
  document_id: string | null;
  /** The plan the period was billed at (null before plan changes were recorded). */
  plan_id: Generated<string | null>;
}

export type DunningStage = 'reminder' | 'overdue-1' | 'overdue-2' | 'overdue-3' | 'suspension';

export interface BillingDunningNoticeTable {
  document_id: string;
  stage: DunningStage;
  sent_at: Date;
}

export interface PaymentMethodTable {
  id: string;
  account_id: string;
  kind: 'card' | 'sepa';
  brand: string | null;
  last4: string;
  exp_month: number | null;
  exp_year: number | null;
  gateway_token: string | null;
  holder_name: string | null;
  iban_sealed: string | null;
  mandate_reference: string | null;
  mandate_signed_at: Date | null;
  is_default: boolean;
  expiry_notice_for: string | null;
  created_at: Date;
}

export interface SubscriptionTables {
  payment_method: PaymentMethodTable;
  billing_dunning_notice: BillingDunningNoticeTable;
  plan: PlanTable;
  shop_subscription: ShopSubscriptionTable;
  shop_subscription_event: ShopSubscriptionEventTable;
  shop_subscription_proforma: ShopSubscriptionProformaTable;
}
