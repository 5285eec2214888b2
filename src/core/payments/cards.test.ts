import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cardBrand,
  cardDetails,
  cardExpired,
  cardNumberProblem,
  cvcLength,
  isCardDetails,
  last4,
  luhnValid,
  normaliseCardNumber,
} from './cards.js';

/** The Luhn check digit of `body`, computed the long way round (doubling every second digit from the right). */
function checkDigitFor(body: string): string {
  const digits = [...body].map(Number).reverse();
  const sum = digits.reduce((acc, d, i) => {
    if (i % 2 === 1) return acc + d;
    const doubled = d * 2;
    return acc + (doubled > 9 ? doubled - 9 : doubled);
  }, 0);
  return String((10 - (sum % 10)) % 10);
}

const cardBody = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 11, maxLength: 18 });

describe('Luhn', () => {
  it('accepts every number whose last digit is its check digit', () => {
    fc.assert(fc.property(cardBody, (body) => luhnValid(body + checkDigitFor(body))));
  });

  it('refuses the number when any one digit is changed', () => {
    fc.assert(
      fc.property(cardBody, fc.nat(), fc.integer({ min: 1, max: 9 }), (body, at, by) => {
        const number = body + checkDigitFor(body);
        const i = at % number.length;
        const changed = number.slice(0, i) + String((Number(number[i]) + by) % 10) + number.slice(i + 1);
        return !luhnValid(changed);
      }),
    );
  });

  it('reads numbers as people type them, and refuses anything but digits, spaces and dashes', () => {
    expect(normaliseCardNumber(' 4242 4242-4242 4242 ')).toBe('4242424242424242');
    expect(luhnValid('4242 4242 4242 4242')).toBe(true);
    expect(luhnValid('4242-4242-4242-4242')).toBe(true);
    expect(luhnValid('4242.4242.4242.4242')).toBe(false);
    expect(luhnValid('4242424242424241')).toBe(false);
    // Too short or too long to be a card, whatever the check digit says.
    expect(luhnValid('0')).toBe(false);
    expect(luhnValid('42424242424')).toBe(false);
    expect(luhnValid('4'.repeat(19) + '0')).toBe(false);
  });

  it('says what is wrong in words', () => {
    expect(cardNumberProblem('4242 4242 4242 4242')).toBeNull();
    expect(cardNumberProblem('4242 4242 4242 424x')).toMatch(/digits only/);
    expect(cardNumberProblem('4242')).toMatch(/12 to 19 digits/);
    expect(cardNumberProblem('4242 4242 4242 4241')).toMatch(/not valid: check the digits/);
  });
});

describe('card brands', () => {
  it.each([
    ['4242424242424242', 'visa'],
    ['4000056655665556', 'visa'],
    ['5105105105105100', 'mastercard'],
    ['5555555555554444', 'mastercard'],
    ['2221000000000009', 'mastercard'],
    ['2223003122003222', 'mastercard'],
    ['2720999999999996', 'mastercard'],
    ['378282246310005', 'amex'],
    ['341111111111111', 'amex'],
    ['6759649826438453', 'maestro'],
    ['5018000000000009', 'maestro'],
    ['6011111111111117', 'discover'],
    ['6445644564456445', 'discover'],
    ['6221260000000000', 'discover'],
    ['6200000000000005', 'unionpay'],
    ['3566002020360505', 'jcb'],
    ['3056930009020004', 'diners'],
    ['36227206271667', 'diners'],
    ['9999999999999995', 'unknown'],
  ])('%s is %s', (number, brand) => {
    expect(cardBrand(number)).toBe(brand);
  });

  it('knows the edges of the Mastercard 2-series', () => {
    expect(cardBrand('2220999999999999')).toBe('unknown');
    expect(cardBrand('2721000000000000')).toBe('unknown');
    expect(cardBrand('5600000000000000')).toBe('unknown');
  });

  it('asks four security digits of American Express only', () => {
    expect(cvcLength('amex')).toBe(4);
    for (const brand of ['visa', 'mastercard', 'maestro', 'discover', 'unknown'] as const)
      expect(cvcLength(brand)).toBe(3);
  });

  it('shows the last four digits', () => {
    expect(last4('4242 4242 4242 1234')).toBe('1234');
  });
});

describe('card expiry', () => {
  const now = new Date('2026-03-31T23:59:59Z');
  it('is good through the last day of its month', () => {
    expect(cardExpired(3, 2026, now)).toBe(false);
    expect(cardExpired(4, 2026, now)).toBe(false);
    expect(cardExpired(1, 2027, now)).toBe(false);
    expect(cardExpired(2, 2026, now)).toBe(true);
    expect(cardExpired(12, 2025, now)).toBe(true);
    expect(cardExpired(3, 2026, new Date('2026-04-01T00:00:00Z'))).toBe(true);
  });
});

describe('a card typed at checkout', () => {
  const card = cardDetails({ number: '4242 4242 4242 4242', expMonth: 9, expYear: 2031, cvc: ' 314 ' });

  it('gives its number and code to the code that charges it', () => {
    expect(card.number).toBe('4242424242424242');
    expect(card.cvc).toBe('314');
    expect(card).toMatchObject({ brand: 'visa', last4: '4242', expMonth: 9, expYear: 2031 });
    expect(isCardDetails(card)).toBe(true);
    expect(isCardDetails({ ...card, number: card.number, cvc: card.cvc })).toBe(false);
  });

  it('shows neither to JSON, util.inspect, a spread or Object.keys', () => {
    for (const shown of [
      JSON.stringify(card),
      JSON.stringify({ card }),
      inspect(card),
      inspect({ card }, { depth: 5 }),
    ]) {
      expect(shown).not.toContain('4242424242424242');
      expect(shown).not.toContain('314');
      expect(shown).toContain('4242');
    }
    expect({ ...card }).toEqual({ brand: 'visa', last4: '4242', expMonth: 9, expYear: 2031 });
    expect(Object.keys(card)).not.toContain('number');
    expect(() => Object.assign(card, { number: '1' })).toThrow();
  });
});
