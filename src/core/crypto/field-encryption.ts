import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for personal fields that must be readable again (unlike passwords). Each value
 * carries the id of the key that sealed it, so keys rotate: new values use the current key,
 * old values stay readable while their key is configured, and `reseal` moves them forward.
 * Format: v1.<keyId>.<iv>.<tag>.<ciphertext>, each part base64url.
 */
export interface Keyring {
  currentKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

export function parseKeyring(spec: string, currentKeyId?: string): Keyring {
  const keys = new Map<string, Buffer>();
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [id, material] = part.split(':');
    if (!id || !material || !/^[A-Za-z0-9_-]+$/.test(id))
      throw new Error('ENCRYPTION_KEYS must be "id:base64key[,id:base64key…]"');
    const key = Buffer.from(material, 'base64');
    if (key.length !== 32) throw new Error(`Encryption key "${id}" must be 32 bytes (base64 of 32 random bytes)`);
    keys.set(id, key);
  }
  const current = currentKeyId ?? [...keys.keys()][0];
  if (!current || !keys.has(current)) throw new Error('ENCRYPTION_KEY_CURRENT names no configured key');
  return { currentKeyId: current, keys };
}

export function createFieldCipher(keyring: Keyring) {
  function seal(plaintext: string, aad = ''): string {
    const key = keyring.keys.get(keyring.currentKeyId)!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(aad));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      'v1',
      keyring.currentKeyId,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      body.toString('base64url'),
    ].join('.');
  }

  /** `aad` binds a value to its place (e.g. table.column:rowId) so it cannot be moved to another row. */
  function open(sealed: string, aad = ''): string {
    const [version, keyId, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !keyId || iv === undefined || tag === undefined || body === undefined) {
      throw new Error('Not a sealed value');
    }
    const key = keyring.keys.get(keyId);
    if (!key) throw new Error(`Encryption key "${keyId}" is not configured`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  function keyIdOf(sealed: string): string | undefined {
    return sealed.split('.')[1];
  }

  /** Re-encrypts under the current key when sealed with an older one; used by key rotation. */
  function reseal(sealed: string, aad = ''): string {
    return keyIdOf(sealed) === keyring.currentKeyId ? sealed : seal(open(sealed, aad), aad);
  }

  return { seal, open, reseal, keyIdOf };
}
export type FieldCipher = ReturnType<typeof createFieldCipher>;
