import countries from 'i18n-iso-countries';
import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import { postcodeValidator, postcodeValidatorExistsForCountry } from 'postcode-validator';
import type { FieldError } from '../../core/errors.js';
import { validateTaxId } from './tax-id.js';

export function isCountryCode(code: string): boolean {
  return countries.isValid(code) && /^[A-Z]{2}$/.test(code);
}

/**
 * A postal code in the form its country uses (postcode-validator's patterns); countries without
 * postal codes or without a known pattern accept any. Returns a problem or null.
 */
export function checkPostalCode(postalCode: string, country: string): string | null {
  if (!isCountryCode(country) || !postcodeValidatorExistsForCountry(country)) return null;
  return postcodeValidator(postalCode, country)
    ? null
    : `This is not a postal code of ${country}${country === 'PT' ? ' (e.g. 4050-262)' : ''}.`;
}

/** E.164 form of a phone number, read in the account's country unless it starts with +. */
export function normalisePhone(
  raw: string,
  country: string | undefined,
): { ok: true; value: string } | { ok: false; message: string } {
  try {
    const parsed = parsePhoneNumberWithError(
      raw,
      country && isCountryCode(country) ? { defaultCountry: country as CountryCode } : {},
    );
    if (!parsed.isValid()) return { ok: false, message: 'This is not a valid phone number.' };
    return { ok: true, value: parsed.number };
  } catch {
    return { ok: false, message: 'This is not a valid phone number (include the country code, e.g. +351…).' };
  }
}

/**
 * Checks the fields whose validity depends on the country (phone, NIF) and returns every
 * problem plus the normalised values, so signup and rectification apply one rule.
 */
export function checkCountryFields(
  input: { phone?: string | undefined; nif?: string | null | undefined; country: string | undefined },
  prefix = '',
) {
  const errors: FieldError[] = [];
  let phone: string | undefined;
  let nif: string | null | undefined;
  if (input.phone !== undefined) {
    const p = normalisePhone(input.phone, input.country);
    if (p.ok) phone = p.value;
    else errors.push({ field: `${prefix}phone`, message: p.message });
  }
  if (input.nif !== undefined && input.nif !== null && input.nif.trim() !== '') {
    if (!input.country || !isCountryCode(input.country)) {
      errors.push({ field: `${prefix}nif`, message: 'A valid address country is needed to check the NIF.' });
    } else {
      const t = validateTaxId(input.nif, input.country);
      if (t.ok) nif = t.value;
      else errors.push({ field: `${prefix}nif`, message: t.message });
    }
  } else if (input.nif !== undefined) {
    nif = null;
  }
  return { errors, phone, nif };
}
