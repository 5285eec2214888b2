import { chmodSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * DATA_DIR holds the embedded database, development keys and the lock with the admin token:
 * readable by the server's own user only. Entry points also set umask 077, so whatever a
 * library writes inside (PGlite's files) is private too.
 */
export function ensurePrivateDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
}

/** Files are created 0600 and directories 0700 from here on, whoever creates them. */
export function restrictNewFiles(): void {
  process.umask(0o077);
}

/**
 * Makes a directory tree owner-only. PGlite's file system layer sets explicit modes (0666 for the
 * files initdb lays down, 0644 for the relation cache) that umask cannot narrow, so the embedded
 * database is tightened after it opens and again when it closes.
 */
export function makeTreePrivate(dir: string): void {
  if (!existsSync(dir)) return;
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isSymbolicLink()) continue;
    chmodSync(path.join(entry.parentPath, entry.name), entry.isDirectory() ? 0o700 : 0o600);
  }
}

/** Whether an embedded database was ever created in this data directory. */
export function holdsEmbeddedDatabase(dataDir: string): boolean {
  return existsSync(path.join(dataDir, 'pgdata', 'PG_VERSION'));
}

export class NoDatabaseError extends Error {
  /** `where`: 'in /path/to/data', or how else the database was named. */
  constructor(where: string) {
    super(
      `There is no database ${where}. Check DATA_DIR (or DATABASE_URL), ` +
        'or create one with `npx sellrocket migrate` or `npm start`; this command does not create one.',
    );
  }
}
