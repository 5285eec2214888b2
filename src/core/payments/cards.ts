import { inspect } from 'node:util';

export type CardBrand =
  'visa' | 'mastercard' | 'amex' | 'maestro' | 'discover' | 'diners' | 'jcb' | 'unionpay' | 'unknown';

/** What people type: groups of digits separated by spaces or dashes. Anything else is left for the checks to refuse. */
export function normaliseCardNumber(raw: string): string {
  return raw.replace(/[\s-]/g, '');
}

/** The Luhn (mod 10) check every payment card number carries in its last digit; 12 to 19 digits (ISO/IEC 7812). */
export function luhnValid(number: string): boolean {
  const digits = normaliseCardNumber(number);
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const prefixNumber = (digits: string, length: number) => Number(digits.slice(0, length));
const within = (value: number, low: number, high: number) => value >= low && value <= high;

/**
 * The card network, from the number's leading digits (its IIN). Ranges that overlap are read most
 * specific first: Discover's 622126–622925 lies inside UnionPay's 62, Maestro's 6759 inside nothing else.
 */
export function cardBrand(number: string): CardBrand {
  const d = normaliseCardNumber(number);
  if (!/^\d+$/.test(d)) return 'unknown';
  const p2 = prefixNumber(d, 2);
  const p3 = prefixNumber(d, 3);
  const p4 = prefixNumber(d, 4);
  const p6 = prefixNumber(d, 6);
  if (d.startsWith('4')) return 'visa';
  if (p2 === 34 || p2 === 37) return 'amex';
  if (within(p2, 51, 55) || within(p4, 2221, 2720)) return 'mastercard';
  if ([5018, 5020, 5038, 5893, 6304, 6759, 6761, 6762, 6763].includes(p4)) return 'maestro';
  if (p4 === 6011 || within(p3, 644, 649) || p2 === 65 || within(p6, 622126, 622925)) return 'discover';
  if (p2 === 62) return 'unionpay';
  if (within(p4, 3528, 3589)) return 'jcb';
  if (p2 === 36 || p2 === 38 || p2 === 39 || within(p3, 300, 305)) return 'diners';
  return 'unknown';
}

/** American Express prints a four-digit code on the front; every other network three on the back. */
export function cvcLength(brand: CardBrand): 3 | 4 {
  return brand === 'amex' ? 4 : 3;
}

export function last4(number: string): string {
  return normaliseCardNumber(number).slice(-4);
}

/** A card is good through the last day of its expiry month; read in UTC, as the networks do. */
export function cardExpired(expMonth: number, expYear: number, now: Date): boolean {
  const year = now.getUTCFullYear();
  return expYear < year || (expYear === year && expMonth < now.getUTCMonth() + 1);
}

/** What is wrong with a card number, in words a shopper understands; null when it could be a card. */
export function cardNumberProblem(raw: string): string | null {
  const digits = normaliseCardNumber(raw);
  if (!/^\d+$/.test(digits)) return 'A card number has digits only (spaces and dashes are fine).';
  if (digits.length < 12 || digits.length > 19) return 'A card number has 12 to 19 digits.';
  if (!luhnValid(digits)) return 'This card number is not valid: check the digits.';
  return null;
}

/** What may be shown and kept of a card: never its number or security code. */
export interface CardSummary {
  brand: CardBrand;
  last4: string;
  expMonth: number;
  expYear: number;
}

/**
 * A card as typed at checkout. Its number and security code are readable by the code that passes them
 * to the gateway, but not enumerable: `JSON.stringify`, a logger, `util.inspect` and a spread all see
 * the summary only, so a card logged or stored by mistake gives nothing away.
 */
export interface CardDetails extends CardSummary {
  readonly number: string;
  readonly cvc: string;
  toJSON(): CardSummary & { number: '[redacted]'; cvc: '[redacted]' };
}

const sealed = new WeakSet<object>();

/** Whether a card came through `cardDetails`, so its number and code cannot leak into a log. */
export function isCardDetails(card: unknown): card is CardDetails {
  return typeof card === 'object' && card !== null && sealed.has(card);
}

export function cardDetails(input: { number: string; expMonth: number; expYear: number; cvc: string }): CardDetails {
  const number = normaliseCardNumber(input.number);
  const summary: CardSummary = {
    brand: cardBrand(number),
    last4: last4(number),
    expMonth: input.expMonth,
    expYear: input.expYear,
  };
  const redacted = () => ({ ...summary, number: '[redacted]' as const, cvc: '[redacted]' as const });
  const card = { ...summary } as CardDetails;
  Object.defineProperties(card, {
    number: { value: number, enumerable: false },
    cvc: { value: input.cvc.trim(), enumerable: false },
    toJSON: { value: redacted, enumerable: false },
    [inspect.custom]: { value: () => `CardDetails ${inspect(redacted())}`, enumerable: false },
  });
  sealed.add(card);
  return Object.freeze(card);
}
