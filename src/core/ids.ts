import { randomBytes } from 'node:crypto';

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

/** Public ids carry a prefix (acc_, ses_, stf_…): readable in logs, impossible to mix up. */
export function newId(prefix: string): string {
  const bytes = randomBytes(16);
  let out = '';
  for (const b of bytes) out += alphabet[b & 31];
  return `${prefix}_${out}`;
}

/** An id of one kind only: `Brand<string, 'ShopId'>` cannot be passed where a `ProductId` is expected. */
export type Brand<T, Kind extends string> = T & { readonly __brand: Kind };
