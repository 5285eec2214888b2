import { describe, expect, it } from 'vitest';
import { portugueseRegion, totalsOf, vatFor } from './vat.js';

describe('VAT by billing address and VAT number (#11 §4, T5)', () => {
  it.each([
    ['1000-001', 'mainland', 23],
    ['4050-262', 'mainland', 23],
    ['8999-999', 'mainland', 23],
    ['9000-018', 'madeira', 22],
    ['9400-100', 'madeira', 22],
    ['9500-150', 'azores', 16],
    ['9999-999', 'azores', 16],
  ] as const)('Portugal, postal code %s: %s, %d %%', (postalCode, region, rate) => {
    expect(portugueseRegion(postalCode)).toBe(region);
    const space = { mainland: 'PT', madeira: 'PT-MA', azores: 'PT-AC' }[region];
    expect(vatFor({ country: 'PT', postalCode, vies: null })).toEqual({ regime: 'domestic', rate, space, note: null });
  });

  it('reverse-charges an EU business whose VAT number VIES confirms, with the legal mention', () => {
    const vat = vatFor({ country: 'ES', postalCode: '28001', vies: 'valid' });
    expect(vat).toMatchObject({ regime: 'reverse-charge', rate: 0 });
    expect(vat.note).toMatch(/Autoliquidação/);
  });

  it("charges an EU consumer their state's rate, and so when VIES is unavailable or says invalid", () => {
    for (const vies of [null, 'invalid', 'unavailable'] as const)
      expect(vatFor({ country: 'DE', postalCode: '10115', vies })).toEqual({
        regime: 'eu-consumer',
        rate: 19,
        note: null,
      });
    expect(vatFor({ country: 'FI', postalCode: '00100', vies: null }).rate).toBe(25.5);
  });

  it('puts a customer outside the EU outside the scope of VAT', () => {
    const vat = vatFor({ country: 'US', postalCode: '10001', vies: null });
    expect(vat).toMatchObject({ regime: 'outside-scope', rate: 0 });
    expect(vat.note).toMatch(/Não sujeito/);
  });

  it('rounds the VAT of the net total half up, in cents', () => {
    expect(totalsOf([{ quantity: 1, unitCents: 1999 }], 23)).toEqual({
      nets: [1999],
      net: 1999,
      vat: 460,
      total: 2459,
    });
    expect(
      totalsOf(
        [
          { quantity: 3, unitCents: 333 },
          { quantity: 1, unitCents: 1 },
        ],
        16,
      ),
    ).toEqual({
      nets: [999, 1],
      net: 1000,
      vat: 160,
      total: 1160,
    });
  });
});
