import { z } from 'zod';
import { checkPostalCode, isCountryCode, normalisePhone } from '../../core/contact-rules.js';
import { cardFields, cvcOfItsBrand, fieldsValid } from '../../core/payments/card-input.js';
import { cardDetails } from '../../core/payments/cards.js';
import { email } from '../accounts/index.js';

const text = (max: number) => z.string().trim().min(1, 'Required').max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : null));

const country = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCountryCode, 'Use an ISO 3166-1 alpha-2 country code, e.g. PT');

const addressFields = z.object({
  firstName: text(100),
  lastName: text(100),
  line1: text(200),
  line2: optionalText(200),
  postalCode: text(20),
  city: text(100),
  country,
  phone: optionalText(40),
});

/**
 * An address a parcel goes to or an invoice names. The postal code is checked in its country's form
 * and the phone, when given, read in that country and kept in E.164 form: the same rules as a
 * merchant's own address (src/core/contact-rules.ts). They run even when another field is wrong, so
 * one answer names every field to mend.
 */
export const CheckoutAddress = addressFields
  .superRefine(
    (address, ctx) => {
      const problem = checkPostalCode(address.postalCode, address.country);
      if (problem) ctx.addIssue({ code: 'custom', path: ['postalCode'], message: problem });
    },
    { when: (payload) => fieldsValid(payload, ['postalCode', 'country']) },
  )
  .superRefine(
    (address, ctx) => {
      if (address.phone === null) return;
      const phone = normalisePhone(address.phone, address.country);
      if (!phone.ok) ctx.addIssue({ code: 'custom', path: ['phone'], message: phone.message });
    },
    { when: (payload) => fieldsValid(payload, ['phone', 'country']) },
  )
  .transform((address) => {
    const phone = address.phone === null ? null : normalisePhone(address.phone, address.country);
    return { ...address, phone: phone?.ok ? phone.value : null };
  });
export type CheckoutAddressInput = z.output<typeof CheckoutAddress>;

/** A card at checkout (the rules are the platform's: core/payments/card-input.ts). */
const CardPayment = z
  .object({ method: z.literal('card'), ...cardFields })
  .superRefine(...cvcOfItsBrand)
  .transform(({ method, ...card }) => ({ method, card: cardDetails(card) }));

const MultibancoPayment = z.object({ method: z.literal('multibanco') });

const paymentMethods = ['card', 'multibanco'] as const;

export const CheckoutPayment = z.discriminatedUnion('method', [CardPayment, MultibancoPayment], {
  error: (issue) =>
    issue.code === 'invalid_union' ? `Choose a payment method: ${paymentMethods.join(' or ')}.` : undefined,
});

/** The body of `POST /checkout.js`, and of the HTML checkout form once read (`checkout-form.ts`). */
export const CheckoutBody = z.object({
  email,
  shippingAddress: CheckoutAddress,
  /** Absent: the invoice names the shipping address. */
  billingAddress: CheckoutAddress.optional(),
  /** Absent: the shop's rate for the shipping address's zone. */
  shippingRateId: z.string().trim().min(1, 'Required').max(100).optional(),
  payment: CheckoutPayment,
});
export type CheckoutInput = z.output<typeof CheckoutBody>;
