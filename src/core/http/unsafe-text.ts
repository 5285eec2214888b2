import type { FieldError } from '../errors.js';

// Without the u flag a regex sees UTF-16 code units, so a lone half of a surrogate pair matches.
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why a string can never be stored: PostgreSQL text refuses NUL (the insert fails mid-request),
 * and an unpaired surrogate is not Unicode at all (it becomes U+FFFD somewhere downstream, so what
 * was stored is not what was sent). Undefined when the text is fine.
 */
export function unsafeTextReason(value: string): string | undefined {
  if (value.includes('\u0000')) return 'Must not contain a NUL character.';
  if (loneSurrogate.test(value)) return 'Must not contain an unpaired UTF-16 surrogate (not valid Unicode).';
  return undefined;
}

/** The first string (value or key) anywhere in parsed JSON that no field may hold, with its dotted path. */
export function findUnsafeText(data: unknown, path: string[] = []): FieldError | undefined {
  if (typeof data === 'string') {
    const message = unsafeTextReason(data);
    return message ? { field: path.join('.') || '(body)', message } : undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  for (const [key, value] of Object.entries(data)) {
    const keyProblem = unsafeTextReason(key);
    if (keyProblem)
      return { field: [...path, key.replace(/[^\x20-\x7e]/g, '?')].join('.'), message: `Field name: ${keyProblem}` };
    const found = findUnsafeText(value, [...path, key]);
    if (found) return found;
  }
  return undefined;
}
