import type { ViesAnswer } from '../../core/tax/vies.js';

/**
 * Standard VAT rates of the EU member states, in percent, as in force on 2026-12-01 (Commission,
 * "VAT rates applied in the member states"). A consumer elsewhere in the EU pays their own state's
 * rate on SellRocket's electronically supplied services (declared through the OSS). Reviewed by the
 * operator when a state changes its rate.
 */
export const euStandardRates: Record<string, number> = {
  AT: 20,
  BE: 21,
  BG: 20,
  HR: 25,
  CY: 19,
  CZ: 21,
  DK: 25,
  EE: 24,
  FI: 25.5,
  FR: 20,
  DE: 19,
  GR: 24,
  HU: 27,
  IE: 23,
  IT: 22,
  LV: 21,
  LT: 21,
  LU: 17,
  MT: 18,
  NL: 21,
  PL: 23,
  RO: 21,
  SK: 23,
  SI: 22,
  ES: 21,
  SE: 25,
  PT: 23,
};

/** Portugal's regions with their own rates: Madeira (postal codes 9000–9499) and the Azores (9500–9999). */
export function portugueseRegion(postalCode: string): 'mainland' | 'madeira' | 'azores' {
  const n = Number(/^(\d{4})/.exec(postalCode.trim())?.[1] ?? NaN);
  if (n >= 9000 && n < 9500) return 'madeira';
  if (n >= 9500 && n <= 9999) return 'azores';
  return 'mainland';
}
const portugueseRates = { mainland: 23, madeira: 22, azores: 16 } as const;
const spaces = { mainland: 'PT', madeira: 'PT-MA', azores: 'PT-AC' } as const;

export interface VatDecision {
  regime: 'domestic' | 'eu-consumer' | 'reverse-charge' | 'outside-scope';
  rate: number;
  /** For a domestic document, the tax space whose rate applied. */
  space?: 'PT' | 'PT-AC' | 'PT-MA';
  /** The legal mention the document must carry, when there is one. */
  note: string | null;
}

/**
 * What VAT a customer's document carries, by their billing address and VAT number (C2, T5):
 * - Portugal: 23 % on the mainland, 22 % in Madeira, 16 % in the Azores;
 * - another EU state, a business whose VAT number VIES confirms: reverse charge (0 %, the customer
 *   accounts for it, Art. 196 of the VAT Directive);
 * - another EU state otherwise, including when VIES is unavailable: their state's rate. Our choice:
 *   the invoice is not held back; when VIES later confirms the number, a credit note and a
 *   reverse-charge invoice correct it;
 * - outside the EU: outside the scope of Portuguese VAT (place of supply where the customer is).
 */
export function vatFor(customer: { country: string; postalCode: string; vies: ViesAnswer | null }): VatDecision {
  if (customer.country === 'PT') {
    const region = portugueseRegion(customer.postalCode);
    return { regime: 'domestic', rate: portugueseRates[region], space: spaces[region], note: null };
  }
  const rate = euStandardRates[customer.country];
  if (rate === undefined) {
    return {
      regime: 'outside-scope',
      rate: 0,
      note: 'Não sujeito — artigo 6.º, n.º 6, alínea a) do CIVA (place of supply outside the EU)',
    };
  }
  if (customer.vies === 'valid') {
    return {
      regime: 'reverse-charge',
      rate: 0,
      note: 'Autoliquidação — reverse charge, Art. 196 Directive 2006/112/EC',
    };
  }
  return { regime: 'eu-consumer', rate, note: null };
}

/** A line's net and the document's totals, in cents: VAT on the net total, rounded half up. */
export function totalsOf(lines: { quantity: number; unitCents: number }[], rate: number) {
  const nets = lines.map((l) => l.quantity * l.unitCents);
  const net = nets.reduce((a, b) => a + b, 0);
  const vat = Math.round((net * rate) / 100);
  return { nets, net, vat, total: net + vat };
}
