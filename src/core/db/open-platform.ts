import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { loadSecrets } from '../crypto/keys.js';
import { databaseTargetFromConfig, openDatabase } from './database.js';
import { migrate } from './migrate.js';
import { createPlatform, type Platform } from '../../platform.js';

/** Opens the configured database, brings it up to date (unless told not to) and builds the platform on it. */
export async function openPlatform(
  config: Config,
  clock: Clock,
  warn: (msg: string) => void,
  onError: (err: unknown) => void,
  opts: { migrate?: boolean } = {},
): Promise<Platform> {
  const secrets = loadSecrets(config, warn);
  const database = await openDatabase(databaseTargetFromConfig(config));
  try {
    if (opts.migrate !== false) await migrate(database.db, clock);
    return createPlatform({ config, clock, database, secrets, onError });
  } catch (e) {
    await database.close();
    throw e;
  }
}
