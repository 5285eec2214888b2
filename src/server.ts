import { randomBytes } from 'node:crypto';
import { registerAdminEndpoint } from './core/admin/admin-endpoint.js';
import { systemClock } from './core/clock.js';
import type { Config } from './core/config.js';
import { acquireDataDirLock, rewriteLock } from './core/db/data-dir-lock.js';
import { ensurePrivateDataDir, restrictNewFiles } from './core/db/data-dir.js';
import { openPlatform } from './open-platform.js';
import { AppError } from './core/errors.js';
import { buildApp } from './app.js';
import { isOperatorCommand, operatorCommands } from './cli/operator-commands.js';
import { seedDemoIfEmpty } from './seed-demo.js';
import { ensureWebBuild, webDistDir } from './web-build.js';

/** npm start: lock the data directory, migrate, seed a demo when empty, serve. */
export async function startServer(config: Config): Promise<() => Promise<void>> {
  restrictNewFiles();
  ensurePrivateDataDir(config.dataDir);
  const adminToken = randomBytes(32).toString('base64url');
  const embedded = !config.databaseUrl;
  const release = embedded
    ? acquireDataDirLock(config.dataDir, {
        pid: process.pid,
        port: config.port,
        adminToken,
        startedAt: new Date().toISOString(),
      })
    : () => undefined;
  try {
    const warn = (msg: string) => console.warn(msg);
    const platform = await openPlatform(config, systemClock, warn, (err) =>
      console.error('background task failed:', (err as Error).message),
    );
    if (config.seedDemo) {
      const lines = await seedDemoIfEmpty(platform);
      if (lines) console.log(lines.join('\n'));
    }
    await ensureWebBuild((msg) => console.log(msg));
    const app = await buildApp(platform, {
      webDistDir,
      extraRoutes: (a) =>
        registerAdminEndpoint(a, {
          token: adminToken,
          run: async (command, args) => {
            if (!isOperatorCommand(command)) throw new AppError('not_found', `Unknown operator command ${command}.`);
            return operatorCommands[command](platform, args);
          },
        }),
    });
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    if (embedded)
      rewriteLock(config.dataDir, { pid: process.pid, port, adminToken, startedAt: new Date().toISOString() });
    console.log(
      `SellRocket is serving on http://localhost:${port} (database: ${platform.database.kind}${embedded ? `, data in ${config.dataDir}` : ''})`,
    );
    console.log(`API docs: http://localhost:${port}/api/docs`);
    return async () => {
      await app.close();
      await platform.database.close();
      release();
    };
  } catch (e) {
    release();
    throw e;
  }
}
