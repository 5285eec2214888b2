import { createRequire } from 'node:module';

// zxcvbn-ts ships the ~50k most common passwords seen in breaches; a password found there is refused.
const require = createRequire(import.meta.url);
const common = require('@zxcvbn-ts/language-common') as { dictionary: { 'passwords-common': string[] } };
const commonPasswords = new Set(common.dictionary['passwords-common'].map((p) => p.toLowerCase()));

export const passwordRules = { minLength: 12, maxLength: 128 } as const;

/** NIST 800-63B: length, no composition rules, not a known-breached password. Returns a problem or null. */
export function checkPassword(password: string): string | null {
  const length = [...password].length;
  if (length < passwordRules.minLength) return `Use at least ${passwordRules.minLength} characters.`;
  if (length > passwordRules.maxLength) return `Use at most ${passwordRules.maxLength} characters.`;
  if (commonPasswords.has(password.toLowerCase())) {
    return 'This password appears in lists of common or breached passwords; choose another.';
  }
  return null;
}
