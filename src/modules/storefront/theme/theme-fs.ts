import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FS } from 'liquidjs';

const inside = (root: string, file: string) => file.startsWith(root.endsWith(path.sep) ? root : root + path.sep);

/**
 * Theme files on disk, for LiquidJS. A template may only reach files inside the theme's folders:
 * `contains` compares real paths, so a symbolic link cannot lead out either.
 */
export function themeFileSystem(): FS {
  return {
    exists: async (file) => {
      try {
        return (await stat(file)).isFile();
      } catch {
        return false;
      }
    },
    existsSync: (file) => existsSync(file),
    readFile: (file) => readFile(file, 'utf8'),
    readFileSync: (file) => readFileSync(file, 'utf8'),
    resolve: (dir, file, ext) => path.resolve(dir, path.extname(file) ? file : file + ext),
    contains: async (root, file) => {
      try {
        return inside(await realpath(root), await realpath(file));
      } catch {
        return false;
      }
    },
    containsSync: (root, file) => {
      try {
        return inside(realpathSync(root), realpathSync(file));
      } catch {
        return false;
      }
    },
    sep: path.sep,
    dirname: (file) => path.dirname(file),
  };
}
