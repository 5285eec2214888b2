import { describe, expect, it } from 'vitest';
import { checkCountryFields, normalisePhone } from './contact-fields.js';

describe('phone numbers (libphonenumber, full metadata)', () => {
  it.each([
    ['912 345 678', 'PT', '+351912345678'],
    ['+351 21 000 0000', 'DE', '+351210000000'],
    ['030 901820', 'DE', '+4930901820'],
    ['(202) 456-1111', 'US', '+12024561111'],
  ])('%s in %s → %s', (raw, country, e164) => {
    expect(normalisePhone(raw, country)).toEqual({ ok: true, value: e164 });
  });

  it.each([
    ['123', 'PT'],
    ['+351 1', 'PT'],
    ['not a phone', 'PT'],
    ['912 345 678', undefined],
    ['+999 123456789', 'PT'],
  ])('refuses %s (%s)', (raw, country) => {
    expect(normalisePhone(raw, country).ok).toBe(false);
  });

  it('checks phone and NIF together and reports both', () => {
    const r = checkCountryFields({ phone: '1', nif: '123', country: 'PT' });
    expect(r.errors.map((e) => e.field)).toEqual(['phone', 'nif']);
    expect(checkCountryFields({ nif: '', country: 'PT' }).nif).toBeNull();
  });
});
