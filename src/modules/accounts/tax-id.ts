import * as jsvat from 'jsvat';
import { isValidPortugueseNif } from '../../core/tax/pt-nif.js';

/** EU member states (ISO 3166-1 alpha-2) and the VAT prefix each uses when it differs. */
const euVatPrefix: Record<string, string> = {
  AT: 'AT',
  BE: 'BE',
  BG: 'BG',
  HR: 'HR',
  CY: 'CY',
  CZ: 'CZ',
  DK: 'DK',
  EE: 'EE',
  FI: 'FI',
  FR: 'FR',
  DE: 'DE',
  GR: 'EL',
  HU: 'HU',
  IE: 'IE',
  IT: 'IT',
  LV: 'LV',
  LT: 'LT',
  LU: 'LU',
  MT: 'MT',
  NL: 'NL',
  PL: 'PL',
  PT: 'PT',
  RO: 'RO',
  SK: 'SK',
  SI: 'SI',
  ES: 'ES',
  SE: 'SE',
};

export function isEuCountry(country: string): boolean {
  return country in euVatPrefix;
}

export { isValidPortugueseNif };

export type TaxIdResult = { ok: true; value: string; country: string } | { ok: false; message: string };

type JsvatCountry = (typeof jsvat.countries)[number];
const countryList: readonly JsvatCountry[] = jsvat.countries;

/**
 * Validates the NIF/VAT number of an account whose address is in `country` (C2).
 * - Portugal: a Portuguese NIF, with or without the PT prefix; spaces, dots and dashes tolerated.
 * - Another EU state: that state's VAT number with its check digits (jsvat); the prefix is optional.
 * - Outside the EU: no check digits exist for us to verify, so 2–20 letters and digits are accepted.
 * Returns the normalised form stored on the account: the country prefix plus the number.
 */
export function validateTaxId(raw: string, country: string): TaxIdResult {
  const compact = raw.toUpperCase().replace(/[\s.\-/]/g, '');
  if (country === 'PT') {
    const digits = compact.startsWith('PT') ? compact.slice(2) : compact;
    return isValidPortugueseNif(digits)
      ? { ok: true, value: `PT${digits}`, country }
      : { ok: false, message: 'This is not a valid Portuguese NIF (9 digits with a valid check digit).' };
  }
  const prefix = euVatPrefix[country];
  if (prefix) {
    // A number written with another state's prefix belongs to that state, not to this account's.
    const foreign = /^[A-Z]{2}/.exec(compact)?.[0];
    if (foreign && foreign !== prefix && Object.values(euVatPrefix).includes(foreign)) {
      return { ok: false, message: `This is a VAT number of another country, not of ${country}.` };
    }
    const withPrefix = compact.startsWith(prefix) ? compact : `${prefix}${compact}`;
    const rules = countryList.filter((c) => c.codes[0] === country);
    const result = jsvat.checkVAT(withPrefix, [...rules]);
    return result.isValid
      ? { ok: true, value: withPrefix, country }
      : { ok: false, message: `This is not a valid VAT number for ${country}.` };
  }
  return /^[A-Z0-9]{2,20}$/.test(compact)
    ? { ok: true, value: compact, country }
    : { ok: false, message: 'A tax id has 2 to 20 letters and digits.' };
}
