import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxMultibancoCents, multibancoCheckDigits, multibancoReferenceValid } from './multibanco.js';

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const cents = fc.integer({ min: 1, max: maxMultibancoCents });

describe('Multibanco check digits', () => {
  it('make entity, reference and amount one number that leaves 1 divided by 97 (ISO 7064 MOD 97-10)', () => {
    fc.assert(
      fc.property(digits(5), digits(7), cents, (entity, body, amount) => {
        const whole = BigInt(
          `${entity}${body}${String(amount).padStart(8, '0')}${multibancoCheckDigits(entity, body, amount)}`,
        );
        return whole % 97n === 1n;
      }),
    );
  });

  it('catch any one mistyped digit of the reference, and the wrong amount', () => {
    fc.assert(
      fc.property(digits(7), cents, fc.nat(8), fc.integer({ min: 1, max: 9 }), (body, amount, at, by) => {
        const reference = body + multibancoCheckDigits('99999', body, amount);
        const typed = reference.slice(0, at) + String((Number(reference[at]) + by) % 10) + reference.slice(at + 1);
        return (
          multibancoReferenceValid('99999', reference, amount) &&
          !multibancoReferenceValid('99999', typed, amount) &&
          !multibancoReferenceValid('99999', reference, amount === 1 ? 2 : amount - 1)
        );
      }),
    );
  });

  it('refuses what a reference cannot carry', () => {
    expect(() => multibancoCheckDigits('9999', '0000001', 100)).toThrow(RangeError);
    expect(() => multibancoCheckDigits('99999', '0000001', maxMultibancoCents + 1)).toThrow(RangeError);
    expect(multibancoReferenceValid('99999', '12345678', 100)).toBe(false);
  });
});
