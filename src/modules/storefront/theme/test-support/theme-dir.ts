import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const minimalLocales = { 'locales/en.json': '{}', 'locales/pt-PT.json': '{}' };

/** A throwaway theme folder holding `files` (path → content), for tests of the engine itself. */
export function writeTheme(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sr-theme-'));
  for (const [file, content] of Object.entries({ ...minimalLocales, ...files })) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}
