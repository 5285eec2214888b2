import { isCountryCode, normalisePhone } from '../../core/contact-rules.js';
import type { FieldError } from '../../core/errors.js';
import { validateTaxId } from './tax-id.js';

// One rule for every address form (checkout uses them too), so they live in the core.
export { checkPostalCode, isCountryCode, normalisePhone } from '../../core/contact-rules.js';

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
