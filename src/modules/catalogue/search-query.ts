/**
 * A shopper's search words as a PostgreSQL tsquery text for the 'simple' configuration: every word
 * a prefix, all words required. Only letters and digits reach it, so no input can be a tsquery
 * syntax error. The database folds its accents with unaccent, as it folded the stored vector.
 */
export function prefixQuery(terms: string): string | null {
  const words = terms
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);
  return words.length === 0 ? null : words.map((w) => `${w}:*`).join(' & ');
}
