import type { Clock } from './core/clock.js';
import type { Config } from './core/config.js';
import { loadSecrets } from './core/crypto/keys.js';
import { databaseTargetFromConfig, openDatabase } from './core/db/database.js';
import { sql } from 'kysely';
import { NoDatabaseError } from './core/db/data-dir.js';
import type { Db } from './core/db/database.js';
import { migrate } from './core/db/migrate.js';
import { createPlatform, type Platform } from './platform.js';

/** Opens the configured database, brings it up to date (unless told not to) and builds the platform on it. */
export async function openPlatform(
  config: Config,
  clock: Clock,
  warn: (msg: string) => void,
  onError: (err: unknown) => void,
  opts: {
    migrate?: boolean;
    /** Refuse a database the platform never set up (an operator command must not create one). */
    requireExisting?: boolean;
  } = {},
): Promise<Platform> {
  const secrets = loadSecrets(config, warn);
  const database = await openDatabase(databaseTargetFromConfig(config));
  try {
    if (opts.requireExisting && !(await holdsPlatformSchema(database.db))) {
      throw new NoDatabaseError(
        config.databaseUrl ? 'of SellRocket at DATABASE_URL (it holds none of its tables)' : `in ${config.dataDir}`,
      );
    }
    if (opts.migrate !== false) await migrate(database.db, clock);
    return createPlatform({ config, clock, database, secrets, onError });
  } catch (e) {
    await database.close();
    throw e;
  }
}

/** Whether the platform's migrations ever ran on this database. */
async function holdsPlatformSchema(db: Db): Promise<boolean> {
  const r = await sql<{ found: string | null }>`select to_regclass('schema_migration')::text as found`.execute(db);
  return r.rows[0]?.found != null;
}
