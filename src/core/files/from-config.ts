import path from 'node:path';
import type { FileStore } from './file-store.js';
import { localFileStore } from './local-store.js';
import { parseS3Url, s3FileStore } from './s3-store.js';

/** S3_URL's bucket when set, else DATA_DIR/files. */
export function fileStoreFromConfig(config: { dataDir: string; files: { s3Url: string | undefined } }): FileStore {
  return config.files.s3Url
    ? s3FileStore(parseS3Url(config.files.s3Url))
    : localFileStore(path.join(config.dataDir, 'files'));
}
