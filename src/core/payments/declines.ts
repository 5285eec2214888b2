import type { DeclineReason } from './gateway.js';

/** A card's refusal in words a payer understands (the shop's or SellRocket's). */
export const declineWords: Record<DeclineReason, string> = {
  card_declined: 'The card was declined by its bank.',
  insufficient_funds: 'The card was declined: insufficient funds.',
  expired_card: 'The card has expired.',
  incorrect_cvc: 'The security code is not right.',
  processing_error: 'The card could not be charged: try again or use another card.',
  test_mode_live_card: 'Only test cards are taken here: no real card is charged.',
};
