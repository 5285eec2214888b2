import type { DeclineReason } from './gateway.js';

/** A payment the simulator took or refused. No card number, no security code: brand, last four and expiry only. */
export interface PaymentSimulatorChargeTable {
  id: string;
  method: 'card' | 'multibanco';
  idempotency_key: string;
  /** Digest of the call's parameters: a key reused for another payment is refused, not answered wrongly. */
  fingerprint: string;
  order_reference: string;
  state: 'paid' | 'declined' | 'pending';
  decline_reason: DeclineReason | null;
  amount_cents: number;
  currency: string;
  refunded_cents: number;
  brand: string | null;
  last4: string | null;
  exp_month: number | null;
  exp_year: number | null;
  mb_entity: string | null;
  mb_reference: string | null;
  expires_at: Date | null;
  paid_at: Date | null;
  created_at: Date;
}

export interface PaymentSimulatorRefundTable {
  id: string;
  charge_id: string;
  idempotency_key: string;
  amount_cents: number;
  created_at: Date;
}

/** A card kept by the simulator for later charges: never its number, only how its charges end. */
export interface PaymentSimulatorCardTable {
  token: string;
  idempotency_key: string;
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  outcome: string;
  created_at: Date;
}

export interface PaymentSimulatorTables {
  payment_simulator_card: PaymentSimulatorCardTable;
  payment_simulator_charge: PaymentSimulatorChargeTable;
  payment_simulator_refund: PaymentSimulatorRefundTable;
}
