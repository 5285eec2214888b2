/** Portugal's VAT rates on the mainland: normal, intermediate, reduced, exempt. */
export type VatRate = 23 | 13 | 6 | 0;
const vatRates: readonly number[] = [23, 13, 6, 0];

export interface OrderLineInput {
  /** Consumer price of one unit, VAT included, in cents. */
  unitPriceCents: number;
  quantity: number;
  vatRate: VatRate;
}

export interface ShippingInput {
  /** VAT included, in cents. */
  priceCents: number;
  /** The shop's default rate: shipping follows the goods' main rate (23 unless the shop says otherwise). */
  vatRate: VatRate;
}

export interface VatBreakdown {
  rate: VatRate;
  grossCents: number;
  netCents: number;
  vatCents: number;
}

export interface OrderTotals {
  lines: (OrderLineInput & { grossCents: number })[];
  /** One entry per rate charged, highest rate first, as an invoice's VAT summary lists them. */
  vat: VatBreakdown[];
  /** The goods, VAT included. */
  subtotalCents: number;
  shippingCents: number;
  totalCents: number;
  vatTotalCents: number;
}

/**
 * The VAT inside a VAT-inclusive amount: gross × rate / (100 + rate), rounded to the nearest cent,
 * half away from zero. Computed in BigInt so no amount is ever a float or loses a cent to overflow.
 * (With 23, 13 and 6 an exact half cent cannot occur: 2·gross·rate is even, (100 + rate)·odd is not.)
 */
export function vatIncluded(grossCents: number, rate: VatRate): number {
  const gross = BigInt(grossCents);
  const r = BigInt(rate);
  const divisor = 100n + r;
  const twice = 2n * (gross < 0n ? -gross : gross) * r;
  const rounded = (twice + divisor) / (2n * divisor);
  return Number(gross < 0n ? -rounded : rounded);
}

function wholeCents(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${what} must be a whole, non-negative number of cents`);
  return value;
}

function knownRate(rate: number, what: string): VatRate {
  if (!vatRates.includes(rate)) throw new RangeError(`${what}: ${rate} is not a VAT rate (23, 13, 6 or 0)`);
  return rate as VatRate;
}

function add(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new RangeError('The order total is too large to count in cents');
  return sum;
}

/**
 * What an order costs, from consumer prices (VAT included, as shops show them).
 *
 * VAT is worked out once per rate, on the sum of that rate's gross amounts (lines and shipping), not
 * line by line: the per-rate summary is what the invoice declares, and rounding each line would make
 * the VAT of an order depend on how its lines were split. Net is then gross minus VAT, so for every
 * rate net + VAT = gross exactly, and the totals add up to the cent by construction.
 */
export function orderTotals(input: { lines: readonly OrderLineInput[]; shipping: ShippingInput }): OrderTotals {
  const grossByRate = new Map<VatRate, number>();
  const charge = (rate: VatRate, cents: number) => grossByRate.set(rate, add(grossByRate.get(rate) ?? 0, cents));

  let subtotalCents = 0;
  const lines = input.lines.map((line, i) => {
    const unit = wholeCents(line.unitPriceCents, `lines[${i}].unitPriceCents`);
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1)
      throw new RangeError(`lines[${i}].quantity must be a whole number from 1`);
    const rate = knownRate(line.vatRate, `lines[${i}].vatRate`);
    const grossCents = unit * line.quantity;
    if (!Number.isSafeInteger(grossCents)) throw new RangeError(`lines[${i}] is too large to count in cents`);
    subtotalCents = add(subtotalCents, grossCents);
    charge(rate, grossCents);
    return { ...line, grossCents };
  });

  const shippingCents = wholeCents(input.shipping.priceCents, 'shipping.priceCents');
  const shippingRate = knownRate(input.shipping.vatRate, 'shipping.vatRate');
  // Free shipping adds no VAT line of its own.
  if (shippingCents > 0) charge(shippingRate, shippingCents);

  const vat = [...grossByRate.entries()]
    .filter(([, grossCents]) => grossCents > 0)
    .sort(([a], [b]) => b - a)
    .map(([rate, grossCents]) => {
      const vatCents = vatIncluded(grossCents, rate);
      return { rate, grossCents, netCents: grossCents - vatCents, vatCents };
    });

  return {
    lines,
    vat,
    subtotalCents,
    shippingCents,
    totalCents: add(subtotalCents, shippingCents),
    vatTotalCents: vat.reduce((sum, v) => sum + v.vatCents, 0),
  };
}
