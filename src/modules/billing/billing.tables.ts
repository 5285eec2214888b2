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

export interface BillingTables {
  billing_series: BillingSeriesTable;
  billing_document: BillingDocumentTable;
  billing_document_line: BillingDocumentLineTable;
}
