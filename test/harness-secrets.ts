import { randomBytes } from 'node:crypto';
import { parseKeyring } from '../src/core/crypto/field-encryption.js';
import type { Secrets } from '../src/core/crypto/keys.js';

/** Fresh random keys for a test platform. */
export function testSecrets(): Secrets {
  return { keyring: parseKeyring(`t1:${randomBytes(32).toString('base64')}`), hashKey: randomBytes(32) };
}
