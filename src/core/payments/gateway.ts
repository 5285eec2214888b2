import type { CardBrand, CardDetails } from './cards.js';

/**
 * The payment service, behind one interface: the simulator by default (PAYMENT_GATEWAY=simulator), a
 * real processor's adapter later. Amounts are integer cents; `reference` is always our own order id.
 *
 * Cards are a sale: `authorizeCard` authorises and captures at once (the shop ships what it sold), so
 * there is no separate capture step and an approved payment is money taken. Every call that moves money
 * carries an idempotency key: the same key gives the same answer and never a second charge or refund.
 * One key per attempt (e.g. `checkout:<order id>:<attempt>`): a shopper trying another card after a
 * decline makes a new attempt, and a key sent again with other parameters is refused.
 *
 * Call it outside any unit of work: a processor's charge does not roll back with our transaction, and
 * no transaction should stay open while a processor answers. The order is recorded first, the gateway
 * called, its answer recorded after.
 *
 * Expected refusals (a declined card) are results; input the gateway cannot act on is an `AppError`:
 * `validation` (with the field, e.g. `card.number`), `not_found` (unknown payment) or `conflict` (a
 * refund beyond what was captured, an idempotency key reused with other parameters, a paid reference
 * that expired). The card's number and security code are used for the one call and never kept or logged.
 */
export interface PaymentGateway {
  readonly kind: PaymentGatewayKind;
  authorizeCard(input: CardPaymentInput): Promise<CardPaymentResult>;
  /**
   * Keeps a card with the processor for later charges (a customer's saved payment method): the
   * processor checks it and returns its token. Only the token, brand, last four and expiry come back;
   * the number and security code stay with this one call.
   */
  saveCard(input: SaveCardInput): Promise<SaveCardResult>;
  /** Charges a card kept with `saveCard`; the same idempotency rules as `authorizeCard`. */
  chargeSavedCard(input: SavedCardPaymentInput): Promise<CardPaymentResult>;
  /** Partial or full; the sum of a payment's refunds never exceeds what it captured. */
  refund(input: RefundInput): Promise<RefundResult>;
  /** A Multibanco reference the shopper pays at an ATM or in their bank's app before `expiresAt`. */
  createMultibanco(input: MultibancoInput): Promise<MultibancoReference>;
  paymentStatus(gatewayRef: string): Promise<PaymentStatus>;
  /**
   * Called once when a pending payment (Multibanco) is paid, inside the unit of work that records it:
   * what the listener writes through the scoped database commits or rolls back with the payment, and a
   * listener that throws makes the notification fail, to be delivered again (a processor redelivers a
   * webhook that failed). Every app server registers the same listeners at start-up, so whichever one the
   * notice reaches records it; the payment and the order's change are one commit, never one without the
   * other. `paymentStatus` stays for reconciliation (a job closing orders whose reference expired).
   * A listener records; it does not call the gateway again (it runs inside a unit of work). Returns an
   * unsubscribe.
   */
  onPaymentReceived(listener: PaymentReceivedListener): () => void;
  /** Only the simulator has these: staff tools and tests play the shopper paying at the ATM. */
  readonly simulator?: PaymentSimulatorControls;
}

export const paymentGatewayKinds = ['simulator'] as const;
export type PaymentGatewayKind = (typeof paymentGatewayKinds)[number];

export interface CardPaymentInput {
  amountCents: number;
  /** ISO 4217, e.g. EUR. */
  currency: string;
  card: CardDetails;
  reference: string;
  idempotencyKey: string;
}

export interface SaveCardInput {
  card: CardDetails;
  idempotencyKey: string;
}

export type SaveCardResult =
  | { status: 'saved'; token: string; brand: CardBrand; last4: string; expMonth: number; expYear: number }
  | { status: 'declined'; reason: DeclineReason; brand: CardBrand; last4: string };

export interface SavedCardPaymentInput {
  token: string;
  amountCents: number;
  currency: string;
  reference: string;
  idempotencyKey: string;
}

export type DeclineReason =
  | 'card_declined'
  | 'insufficient_funds'
  | 'expired_card'
  | 'incorrect_cvc'
  | 'processing_error'
  /** The simulator, like a processor's test mode, accepts its test cards only: a real card is never charged. */
  | 'test_mode_live_card';

export type CardPaymentResult =
  | {
      status: 'approved';
      gatewayRef: string;
      brand: CardBrand;
      last4: string;
      expMonth: number;
      expYear: number;
    }
  | { status: 'declined'; reason: DeclineReason; brand: CardBrand; last4: string };

export interface RefundInput {
  gatewayRef: string;
  amountCents: number;
  idempotencyKey: string;
}

export interface RefundResult {
  refundRef: string;
  /** Everything refunded of the payment so far, this refund included. */
  refundedCents: number;
}

export interface MultibancoInput {
  amountCents: number;
  reference: string;
  expiresAt: Date;
  idempotencyKey: string;
}

export interface MultibancoReference {
  gatewayRef: string;
  /** Five digits: who is paid. */
  entity: string;
  /** Nine digits, the last two a check over entity, reference and amount: what the shopper types. */
  reference: string;
  amountCents: number;
  expiresAt: Date;
}

export type PaymentState = 'pending' | 'paid' | 'declined' | 'expired';

export interface PaymentStatus {
  gatewayRef: string;
  method: 'card' | 'multibanco';
  /** Our order id. */
  orderReference: string;
  state: PaymentState;
  amountCents: number;
  refundedCents: number;
  paidAt: Date | null;
  /** Multibanco only: when the reference stops being payable. */
  expiresAt: Date | null;
}

export interface PaymentReceived {
  gatewayRef: string;
  method: 'multibanco';
  orderReference: string;
  amountCents: number;
  paidAt: Date;
}

export type PaymentReceivedListener = (event: PaymentReceived) => Promise<void>;

export interface PaymentSimulatorControls {
  /** As if the shopper paid the reference: records it and tells the listeners; paying twice changes nothing. */
  markMultibancoPaid(gatewayRef: string): Promise<PaymentStatus>;
}
