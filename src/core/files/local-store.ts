import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { newId } from '../ids.js';
import { checkFileKey, type FileStore } from './file-store.js';

/**
 * Files in a directory (DATA_DIR/files by default), readable by the platform's user only. A file is
 * written beside its place and renamed into it, so a reader never sees half of one and a crash leaves
 * at worst a temporary file (named `.tmp-…`, never listed).
 */
export function localFileStore(root: string): FileStore {
  const at = (key: string) => path.join(root, ...checkFileKey(key).split('/'));
  return {
    kind: 'local',
    async put(key, bytes) {
      const file = at(key);
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      const temporary = path.join(path.dirname(file), `.tmp-${newId('f')}`);
      await writeFile(temporary, bytes, { mode: 0o600 });
      await rename(temporary, file);
    },
    async get(key) {
      try {
        return await readFile(at(key));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
    async list(prefix) {
      const base = prefix.replace(/\/+$/, '');
      const dir = base === '' ? root : at(base);
      try {
        const found = await readdir(dir, { recursive: true, withFileTypes: true });
        return found
          .filter((d) => d.isFile() && !d.name.startsWith('.'))
          .map((d) => path.relative(root, path.join(d.parentPath, d.name)).split(path.sep).join('/'));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw e;
      }
    },
    async remove(keys) {
      for (const key of keys) await rm(at(key), { force: true });
    },
  };
}
