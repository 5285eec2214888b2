import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const webDir = fileURLToPath(new URL('../web/', import.meta.url));
export const webDistDir = path.join(webDir, 'dist');
const stampFile = path.join(webDistDir, '.source-hash');

/** Part of the stamp, so that a build made with other settings is redone. */
const BUILD_SETTINGS = 'mode=production jsxDev=false';

function sourceHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else hash.update(name).update(readFileSync(full));
    }
  };
  walk(path.join(webDir, 'src'));
  walk(path.join(webDir, 'public'));
  for (const f of ['index.html', 'vite.config.ts']) hash.update(readFileSync(path.join(webDir, f)));
  hash.update(BUILD_SETTINGS);
  return hash.digest('hex');
}

/**
 * Builds the web app when its build is missing or older than its sources, so `npm start` needs no
 * separate build step. Returns whether a build ran.
 */
export async function ensureWebBuild(log: (msg: string) => void = () => undefined): Promise<boolean> {
  const hash = sourceHash();
  if (
    existsSync(stampFile) &&
    readFileSync(stampFile, 'utf8') === hash &&
    existsSync(path.join(webDistDir, 'index.html'))
  )
    return false;
  log('Building the web app (first start or changed sources)…');
  const { build } = await import('vite');
  // Always React's production build, whoever starts it: under the test runner NODE_ENV is `test`,
  // which Vite would otherwise pass on, bundling React's development build (measured: 147 kB gzip
  // instead of 85 kB). vite.config.ts turns the development JSX runtime off for the same reason.
  await build({
    configFile: path.join(webDir, 'vite.config.ts'),
    logLevel: 'warn',
    mode: 'production',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  });
  writeFileSync(stampFile, hash);
  return true;
}
