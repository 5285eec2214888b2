import { z } from 'zod';
import { cardBrand, cardDetails, cardNumberProblem, cvcLength } from './cards.js';

const month = 'The expiry month is 1 to 12.';
const year = 'The expiry year has four digits, e.g. 2031.';

/** A card's fields as typed (checkout, a customer paying a proforma). */
export const cardFields = {
  number: z
    .string()
    .max(40)
    .superRefine((number, ctx) => {
      const problem = cardNumberProblem(number);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  expMonth: z.number().int(month).min(1, month).max(12, month),
  expYear: z.number().int(year).min(1000, year).max(9999, year),
  cvc: z
    .string()
    .trim()
    .regex(
      /^\d{3,4}$/,
      'The security code is the 3 digits on the back of the card (4 on the front of an American Express).',
    ),
};

// Whether a cross-field check may run: the fields it reads parsed, and the value is an object at all.
export const fieldsValid = (payload: { issues: readonly { path?: PropertyKey[] }[] }, fields: string[]) =>
  !payload.issues.some((issue) => !issue.path?.length || fields.includes(String(issue.path[0])));

/** The security code is as long as the card's network prints it; checked once number and code parsed. */
export const cvcOfItsBrand = [
  (card: { number: string; cvc: string }, ctx: z.RefinementCtx) => {
    const digits = cvcLength(cardBrand(card.number));
    if (card.cvc.length !== digits)
      ctx.addIssue({ code: 'custom', path: ['cvc'], message: `The security code of this card has ${digits} digits.` });
  },
  { when: (payload: { issues: readonly { path?: PropertyKey[] }[] }) => fieldsValid(payload, ['number', 'cvc']) },
] as const;

/**
 * A card, checked as far as can be without asking the bank: the number's check digit (Luhn), the
 * month, a four-digit year, and a security code as long as its network prints. What comes out is a
 * `CardDetails`: the number and code can reach the gateway but no log or JSON. An expiry in the past
 * is the gateway's answer (`expired_card`), as it is the bank's.
 */
export const CardInput = z
  .object(cardFields)
  .superRefine(...cvcOfItsBrand)
  .transform((card) => cardDetails(card));
