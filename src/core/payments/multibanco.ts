/**
 * The two check digits of a Multibanco reference, as SIBS computes them (ISO 7064 MOD 97-10 over
 * entity, the reference's first seven digits and the amount in cents padded to eight): an ATM refuses a
 * mistyped reference, or the right reference with the wrong amount.
 */
export function multibancoCheckDigits(entity: string, body: string, amountCents: number): string {
  if (!/^\d{5}$/.test(entity) || !/^\d{7}$/.test(body)) throw new RangeError('entity has 5 digits, body 7');
  if (!Number.isInteger(amountCents) || amountCents < 0 || amountCents > maxMultibancoCents)
    throw new RangeError('amount out of range');
  const digits = `${entity}${body}${String(amountCents).padStart(8, '0')}00`;
  let remainder = 0;
  for (const d of digits) remainder = (remainder * 10 + (d.charCodeAt(0) - 48)) % 97;
  return String(98 - remainder).padStart(2, '0');
}

/** Eight digits of cents in the check: 999 999,99 € is the most one reference can carry. */
export const maxMultibancoCents = 99_999_999;

export function multibancoReferenceValid(entity: string, reference: string, amountCents: number): boolean {
  if (!/^\d{9}$/.test(reference)) return false;
  return multibancoCheckDigits(entity, reference.slice(0, 7), amountCents) === reference.slice(7);
}
