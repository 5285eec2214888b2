/** Money in the currency's minor unit (cents), formatted the way a reader of the page's language expects. */

const formats = new Map<string, Intl.NumberFormat>();

function format(locale: string, currency: string, withCurrency: boolean): Intl.NumberFormat {
  const key = `${locale}|${currency}|${withCurrency}`;
  let f = formats.get(key);
  if (!f) {
    const digits = minorUnitDigits(currency);
    f = withCurrency
      ? new Intl.NumberFormat(locale, { style: 'currency', currency })
      : new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formats.set(key, f);
  }
  return f;
}

/** Digits after the decimal point in `currency` (2 for EUR, 0 for JPY): what a "cent" is. */
const digitsByCurrency = new Map<string, number>();
export function minorUnitDigits(currency: string): number {
  // Building a NumberFormat costs more than the rest of a price's formatting: once per currency.
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

const toMajor = (cents: number, currency: string) => cents / 10 ** minorUnitDigits(currency);

/** `1250` → '12,50 €' (pt-PT) or '€12.50' (en). Not a number → '' (a page must not show "NaN €"). */
export function formatMoney(cents: unknown, locale: string, currency: string): string {
  const n = typeof cents === 'number' ? cents : Number(cents);
  return Number.isFinite(n) ? format(locale, currency, true).format(toMajor(n, currency)) : '';
}

/** `1250` → '12,50' (pt-PT) or '12.50' (en). */
export function formatMoneyWithoutCurrency(cents: unknown, locale: string, currency: string): string {
  const n = typeof cents === 'number' ? cents : Number(cents);
  return Number.isFinite(n) ? format(locale, currency, false).format(toMajor(n, currency)) : '';
}

/** `1250` → '12.50': the machine-readable price of schema.org offers. */
export function decimalPrice(cents: number, currency: string): string {
  return toMajor(cents, currency).toFixed(minorUnitDigits(currency));
}
