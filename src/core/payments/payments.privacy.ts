import { declareTables, notPersonal } from '../privacy/data-map.js';

/**
 * The payment simulator's ledger: what a card processor would hold, minus anything that could charge
 * or identify a card. Orders point at it by gateway reference; it points at orders by reference only.
 */
export const paymentSimulatorTables = declareTables({
  payment_simulator_charge: {
    description: 'Payments taken, declined or awaited by the payment simulator; no card number, no security code.',
    columns: {
      id: notPersonal('gateway reference (ch_…, mb_…)'),
      method: notPersonal('card or Multibanco'),
      idempotency_key: notPersonal('key chosen by the caller from references, so a retry is not a second charge'),
      fingerprint: notPersonal('SHA-256 of amount, currency, reference and card summary: tells a retry from a misuse'),
      order_reference: notPersonal('our order id'),
      state: notPersonal('paid, declined or pending'),
      decline_reason: notPersonal('why a card was declined (a test-card outcome)'),
      amount_cents: notPersonal('amount, in cents'),
      currency: notPersonal('ISO 4217 code'),
      refunded_cents: notPersonal('sum of the refunds, in cents'),
      brand: notPersonal('card network'),
      last4: notPersonal('last four digits of the card: all that may be shown of it (PCI DSS), never enough to use it'),
      exp_month: notPersonal('card expiry month, kept without the number it belongs to'),
      exp_year: notPersonal('card expiry year, kept without the number it belongs to'),
      mb_entity: notPersonal('Multibanco entity (who is paid)'),
      mb_reference: notPersonal('Multibanco reference generated for the payment'),
      expires_at: notPersonal('when the Multibanco reference stops being payable'),
      paid_at: notPersonal('when the money arrived'),
      created_at: notPersonal('technical timestamp'),
    },
  },
  payment_simulator_card: {
    description:
      "Cards the payment simulator keeps for later charges (a customer's saved card): never the number or the code.",
    columns: {
      token: notPersonal('the token the platform keeps (card_…)'),
      idempotency_key: notPersonal('key chosen by the caller, so a retry keeps one card'),
      brand: notPersonal('card network'),
      last4: notPersonal('last four digits of the card (PCI DSS), never enough to use it'),
      exp_month: notPersonal('card expiry month'),
      exp_year: notPersonal('card expiry year'),
      outcome: notPersonal("how the test card's charges end (approve, or a decline reason)"),
      created_at: notPersonal('technical timestamp'),
    },
  },
  payment_simulator_refund: {
    description: 'Refunds made by the payment simulator.',
    columns: {
      id: notPersonal('refund reference (re_…)'),
      charge_id: notPersonal('the payment refunded'),
      idempotency_key: notPersonal('key chosen by the caller from references, so a retry is not a second refund'),
      amount_cents: notPersonal('amount, in cents'),
      created_at: notPersonal('technical timestamp'),
    },
  },
});
