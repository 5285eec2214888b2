/**
 * Retention rules by id. The data map names one per personal column; the scheduler that enforces
 * them (RT1–RT8) arrives with the privacy engine issue and reads the same ids.
 */
export const retentionRules = {
  'account-lifetime':
    'Kept while the account exists; erased with the account (RT2/RT3 rules apply on cancellation or non-payment).',
  'ip-history': 'Access history (IP and time): kept while a customer; removed by the same rules as the account (RT3).',
  'session-lifetime': 'Until the session expires or is revoked, then deleted.',
  'consent-proof':
    'Kept while the account exists and for 3 years after the consent is withdrawn, to prove it was given lawfully.',
  'rate-window': 'Deleted once its rate-limit window has passed (minutes).',
  'block-lifetime': 'Deleted 30 days after the block ends or is lifted.',
  'audit-trail': 'Audit entries are kept 5 years; the IP in an entry is forgotten by the ip-history rule.',
  'request-record': 'Kept 3 years after the request is answered, to show it was handled; erased with the account.',
  'request-intake': 'Deleted when the email is verified, or after 24 hours if it is not.',
  'fiscal-record':
    'Invoices and other fiscal documents: 10 years from the end of the year they were issued (Portugal), even after an erasure, with their fiscal fields only (legal hold, RT6/RT8).',
  'mail-correspondence':
    'Emails between SellRocket and a customer: kept while a customer, erased with the account (RT2). Any other email (to a shopper, a visitor, staff): its address and content are cleared once it is delivered, or 7 days after it was queued if it never is.',
  'user-invitation':
    'An invitation to work on an account: deleted when it is accepted, and 30 days after it expires (7 days after it is sent) or is revoked; erased with the inviting account.',
  'staff-employment': 'Kept while the staff member works for the operator, then 1 year.',
  'cart-idle': 'A shop cart is deleted after 30 days without a change (orders.cart-expire job).',
  'shopper-account':
    "A shopper's account at a shop: kept while they keep it; erased on their request (the shop answers it) or with the shop.",
  'shop-order':
    "Kept with the shop's order as the merchant's sales record while the shop keeps its books (up to 10 years); erased on request, except the fields the invoice must show (fiscal-record).",
} as const;
export type RetentionRuleId = keyof typeof retentionRules;
