import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../src/core/clock.js';
import { loadConfig } from '../src/core/config.js';
import { parseKeyring } from '../src/core/crypto/field-encryption.js';
import { openDatabase, type DatabaseTarget } from '../src/core/db/database.js';
import { migrate } from '../src/core/db/migrate.js';
import { createPlatform } from '../src/platform.js';

/**
 * The platform a bench server process runs: migrated, on the database its parent names in
 * BENCH_DATABASE_TARGET (a fresh embedded one in a scratch folder otherwise), in the default
 * configuration except a rate limit high enough not to block the load generator.
 */
export async function openBenchPlatform(name: string) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), `sellrocket-${name}-`));
  const target: DatabaseTarget = process.env.BENCH_DATABASE_TARGET
    ? (JSON.parse(process.env.BENCH_DATABASE_TARGET) as DatabaseTarget)
    : { kind: 'pglite', dataDir: path.join(scratch, 'pgdata') };
  const database = await openDatabase(target);
  await migrate(database.db, systemClock);
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATA_DIR: scratch,
    RATE_LIMIT_MAX: process.env.RATE_LIMIT_MAX ?? '1000000000',
  });
  const platform = createPlatform({
    config,
    clock: systemClock,
    database,
    onError: (e) => console.error(e),
    secrets: { keyring: parseKeyring(`b1:${randomBytes(32).toString('base64')}`), hashKey: randomBytes(32) },
  });
  return { scratch, target, database, config, platform };
}

/**
 * A bench server's way out, whichever comes first: its parent going away, SIGTERM or SIGINT. The
 * app and the database are closed and the scratch folder removed. Returned, for a server that must stop early.
 */
export function closeOnExit(
  app: { close(): Promise<unknown> },
  database: { close(): Promise<unknown> },
  scratch: string,
) {
  const shutDown = async () => {
    await app.close();
    await database.close();
    rmSync(scratch, { recursive: true, force: true });
    process.exit(0);
  };
  for (const signal of ['disconnect', 'SIGTERM', 'SIGINT'] as const)
    process.on(signal, () => {
      void shutDown();
    });
  return shutDown;
}
