import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import { ensurePrivateDataDir } from '../db/data-dir.js';
import { parseKeyring, type Keyring } from './field-encryption.js';

export interface Secrets {
  keyring: Keyring;
  /** Key for HMACs: audit IP digests, pseudonymous throttle keys. */
  hashKey: Buffer;
}

export class MissingKeysError extends Error {}

/**
 * Keys come from configuration. Outside production, missing keys are generated once into
 * DATA_DIR/dev-keys.json with a loud warning, so `npm start` works on a fresh clone.
 */
export function loadSecrets(config: Config, warn: (msg: string) => void): Secrets {
  const { encryptionKeys, currentKeyId, hashKey } = config.keys;
  if (encryptionKeys && hashKey) {
    return { keyring: parseKeyring(encryptionKeys, currentKeyId), hashKey: Buffer.from(hashKey, 'base64') };
  }
  if (config.env === 'production') {
    throw new MissingKeysError('ENCRYPTION_KEYS and HASH_KEY must be set in production (see README, Configuration).');
  }
  const file = path.join(config.dataDir, 'dev-keys.json');
  let stored: { encryptionKeys: string; hashKey: string };
  if (existsSync(file)) {
    stored = JSON.parse(readFileSync(file, 'utf8')) as typeof stored;
  } else {
    ensurePrivateDataDir(config.dataDir);
    stored = {
      encryptionKeys: `dev1:${randomBytes(32).toString('base64')}`,
      hashKey: randomBytes(32).toString('base64'),
    };
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  warn(
    `!!! DEVELOPMENT KEYS in use (${file}). Anyone with this file can read encrypted data. ` +
      'Set ENCRYPTION_KEYS and HASH_KEY from a secret store before holding real personal data. !!!',
  );
  return {
    keyring: parseKeyring(encryptionKeys ?? stored.encryptionKeys, currentKeyId),
    hashKey: Buffer.from(hashKey ?? stored.hashKey, 'base64'),
  };
}
