/**
 * Where uploaded files live: a directory under DATA_DIR by default, an S3-compatible bucket by
 * configuration (S3_URL). Keys are paths of lower-case names (`shops/<shopId>/images/<id>/640.webp`);
 * a shop's files all live under `shops/<shopId>/`, so removing a shop removes one prefix.
 */
export interface FileStore {
  readonly kind: 'local' | 's3';
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The file's bytes, or null when there is none under `key`. */
  get(key: string): Promise<Buffer | null>;
  /** Every key under `prefix`, in no particular order. */
  list(prefix: string): Promise<string[]>;
  /** Removes the keys named (missing ones are no error). */
  remove(keys: string[]): Promise<void>;
}

const keyPattern = /^[a-z0-9][a-z0-9_-]*(?:\/[a-z0-9][a-z0-9_.-]*)*$/;

/** Refuses a key that could leave its store's root (`..`, absolute, odd characters). */
export function checkFileKey(key: string): string {
  if (!keyPattern.test(key) || key.split('/').some((part) => part === '..' || part.startsWith('.')))
    throw new Error(`not a file key: ${JSON.stringify(key)}`);
  return key;
}

export const shopFilesPrefix = (shopId: string) => checkFileKey(`shops/${shopId}`) + '/';

/** Removes everything under `prefix`; returns how many files went. */
export async function removePrefix(store: FileStore, prefix: string): Promise<number> {
  const keys = await store.list(prefix);
  for (let i = 0; i < keys.length; i += 1000) await store.remove(keys.slice(i, i + 1000));
  return keys.length;
}
