import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderTotals, vatIncluded, type OrderLineInput, type VatRate } from './totals.js';

const rate = fc.constantFrom<VatRate>(23, 13, 6, 0);
const line = fc.record({
  unitPriceCents: fc.integer({ min: 0, max: 10_000_000 }),
  quantity: fc.integer({ min: 1, max: 1000 }),
  vatRate: rate,
});
const order = fc.record({
  lines: fc.array(line, { maxLength: 20 }),
  shipping: fc.record({ priceCents: fc.integer({ min: 0, max: 100_000 }), vatRate: rate }),
});

describe('order totals', () => {
  it('adds up to the cent, every way round, in whole cents only', () => {
    fc.assert(
      fc.property(order, (input) => {
        const t = orderTotals(input);
        const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
        const numbers = [
          t.subtotalCents,
          t.shippingCents,
          t.totalCents,
          t.vatTotalCents,
          ...t.lines.map((l) => l.grossCents),
        ];
        for (const v of t.vat) numbers.push(v.grossCents, v.netCents, v.vatCents);
        expect(numbers.every(Number.isSafeInteger)).toBe(true);
        expect(t.lines.map((l) => l.grossCents)).toEqual(input.lines.map((l) => l.unitPriceCents * l.quantity));
        expect(sum(t.lines.map((l) => l.grossCents))).toBe(t.subtotalCents);
        expect(t.shippingCents).toBe(input.shipping.priceCents);
        expect(t.subtotalCents + t.shippingCents).toBe(t.totalCents);
        expect(sum(t.vat.map((v) => v.grossCents))).toBe(t.totalCents);
        for (const v of t.vat) expect(v.netCents + v.vatCents).toBe(v.grossCents);
        expect(sum(t.vat.map((v) => v.vatCents))).toBe(t.vatTotalCents);
        expect(sum(t.vat.map((v) => v.netCents)) + t.vatTotalCents).toBe(t.totalCents);
      }),
    );
  });

  it('takes out of each rate the VAT nearest to gross × rate / (100 + rate)', () => {
    fc.assert(
      fc.property(order, (input) => {
        for (const v of orderTotals(input).vat) {
          // |vat − gross·r/(100+r)| ≤ ½, compared exactly in integers: |2·(vat·(100+r) − gross·r)| ≤ 100+r.
          const divisor = BigInt(100 + v.rate);
          const error = 2n * (BigInt(v.vatCents) * divisor - BigInt(v.grossCents) * BigInt(v.rate));
          expect(error <= divisor && -error <= divisor, `${v.rate}% of ${v.grossCents}`).toBe(true);
        }
      }),
    );
  });

  it('gives the same VAT however the lines are split or ordered', () => {
    fc.assert(
      fc.property(order, fc.nat(), (input, seed) => {
        const split: OrderLineInput[] = input.lines.flatMap((l) =>
          l.quantity > 1
            ? [
                { ...l, quantity: 1 },
                { ...l, quantity: l.quantity - 1 },
              ]
            : [l],
        );
        const shuffled = [...split].sort((a, b) => ((a.unitPriceCents ^ seed) % 7) - ((b.unitPriceCents ^ seed) % 7));
        const whole = orderTotals(input);
        const again = orderTotals({ lines: shuffled, shipping: input.shipping });
        expect(again.vat).toEqual(whole.vat);
        expect(again.totalCents).toBe(whole.totalCents);
      }),
    );
  });

  it('works an order with three rates and shipping through by hand', () => {
    const t = orderTotals({
      lines: [
        { unitPriceCents: 2000, quantity: 1, vatRate: 23 }, // a T-shirt
        { unitPriceCents: 1590, quantity: 2, vatRate: 6 }, // books
        { unitPriceCents: 565, quantity: 1, vatRate: 13 }, // olive oil
      ],
      shipping: { priceCents: 395, vatRate: 23 },
    });
    expect(t.lines.map((l) => l.grossCents)).toEqual([2000, 3180, 565]);
    expect(t.vat).toEqual([
      // 2395 × 23 / 123 = 447.85…
      { rate: 23, grossCents: 2395, netCents: 1947, vatCents: 448 },
      { rate: 13, grossCents: 565, netCents: 500, vatCents: 65 },
      { rate: 6, grossCents: 3180, netCents: 3000, vatCents: 180 },
    ]);
    expect(t).toMatchObject({ subtotalCents: 5745, shippingCents: 395, totalCents: 6140, vatTotalCents: 693 });
  });

  it('rounds the VAT of a rate once, not line by line', () => {
    // Ten 1-cent items at 23%: 0.187 cents each would round to nothing; together 1.87 → 2 cents.
    const tenLines = Array.from({ length: 10 }, () => ({ unitPriceCents: 1, quantity: 1, vatRate: 23 as const }));
    const free = { priceCents: 0, vatRate: 23 as const };
    expect(orderTotals({ lines: tenLines, shipping: free }).vatTotalCents).toBe(2);
  });

  it('lists no VAT for free shipping, exempt goods carry none, and an empty cart costs nothing', () => {
    const t = orderTotals({
      lines: [{ unitPriceCents: 1000, quantity: 3, vatRate: 0 }],
      shipping: { priceCents: 0, vatRate: 23 },
    });
    expect(t.vat).toEqual([{ rate: 0, grossCents: 3000, netCents: 3000, vatCents: 0 }]);
    expect(orderTotals({ lines: [], shipping: { priceCents: 0, vatRate: 23 } })).toEqual({
      lines: [],
      vat: [],
      subtotalCents: 0,
      shippingCents: 0,
      totalCents: 0,
      vatTotalCents: 0,
    });
  });

  it('charges shipping at the rate it is given', () => {
    const t = orderTotals({ lines: [], shipping: { priceCents: 1130, vatRate: 13 } });
    expect(t.vat).toEqual([{ rate: 13, grossCents: 1130, netCents: 1000, vatCents: 130 }]);
  });

  it.each([
    [{ unitPriceCents: -1, quantity: 1, vatRate: 23 }, /unitPriceCents/],
    [{ unitPriceCents: 12.5, quantity: 1, vatRate: 23 }, /unitPriceCents/],
    [{ unitPriceCents: 100, quantity: 0, vatRate: 23 }, /quantity/],
    [{ unitPriceCents: 100, quantity: 1.5, vatRate: 23 }, /quantity/],
    [{ unitPriceCents: 100, quantity: 1, vatRate: 22 }, /not a VAT rate/],
    [{ unitPriceCents: Number.MAX_SAFE_INTEGER, quantity: 2, vatRate: 23 }, /too large/],
  ])('refuses a line that is no price: %o', (bad, message) => {
    expect(() => orderTotals({ lines: [bad as OrderLineInput], shipping: { priceCents: 0, vatRate: 23 } })).toThrow(
      message,
    );
  });
});

describe('VAT included in a price', () => {
  it.each([
    [1230, 23, 230],
    [123, 23, 23],
    [1, 23, 0],
    [6, 23, 1], // 1.12
    [100, 23, 19], // 18.69
    [106, 6, 6],
    [9, 6, 1], // 0.509…
    [8, 6, 0], // 0.45…
    [999, 0, 0],
  ] as const)('%i cents at %i%% hold %i cents of VAT', (gross, r, vat) => {
    expect(vatIncluded(gross, r)).toBe(vat);
  });

  it('rounds half away from zero, both ways, for credit notes too', () => {
    expect(vatIncluded(-1230, 23)).toBe(-230);
    expect(vatIncluded(-6, 23)).toBe(-1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), rate, (g, r) => vatIncluded(-g, r) === -vatIncluded(g, r)),
    );
  });

  it('stays exact where floating point would be a cent out', () => {
    // 9007199254740990 × 23 / 123 in doubles rounds to …332; the exact value is …331.46.
    expect(Math.round((9007199254740990 * 23) / 123)).toBe(1684273031374332);
    expect(vatIncluded(9007199254740990, 23)).toBe(1684273031374331);
  });
});
