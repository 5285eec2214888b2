import countries from 'i18n-iso-countries';
import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import { postcodeValidator, postcodeValidatorExistsForCountry } from 'postcode-validator';

/**
 * The rules of an address and a phone number, one for every form that asks for them: a merchant's
 * sign-up and profile (accounts) and a shopper's checkout (orders) must agree on what a postal code is.
 */
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

/** E.164 form of a phone number, read in the given country unless it starts with +. */
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
