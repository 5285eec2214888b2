import path from 'node:path';
import type { FS } from 'liquidjs';
import { themeFileSystem } from './theme-fs.js';

/**
 * The default theme's files with a shop's own versions of some of them laid over: `files` maps a
 * theme path (`templates/product.liquid`) to its source. Only paths inside the theme's folder exist;
 * everything else is read from the theme on disk as before.
 */
export function overlayFileSystem(themeDir: string, files: Record<string, string>): FS {
  const disk = themeFileSystem();
  const root = path.resolve(themeDir);
  const own = new Map(Object.entries(files).map(([p, source]) => [path.resolve(root, p), source]));
  // A file of the shop's own is inside `dir` by its path (it has no real path on disk to resolve).
  const ownInside = (dir: string, file: string) => path.resolve(file).startsWith(path.resolve(dir) + path.sep);
  return {
    ...disk,
    exists: async (file) => own.has(path.resolve(file)) || disk.exists(file),
    existsSync: (file) => own.has(path.resolve(file)) || disk.existsSync(file),
    readFile: async (file) => own.get(path.resolve(file)) ?? disk.readFile(file),
    readFileSync: (file) => own.get(path.resolve(file)) ?? disk.readFileSync(file),
    contains: async (dir, file) => (own.has(path.resolve(file)) ? ownInside(dir, file) : disk.contains!(dir, file)),
    containsSync: (dir, file) => (own.has(path.resolve(file)) ? ownInside(dir, file) : disk.containsSync!(dir, file)),
  };
}
