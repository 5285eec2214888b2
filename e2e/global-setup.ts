import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { TestProject } from 'vitest/node';
import { buildApp } from '../src/app.js';
import { systemClock } from '../src/core/clock.js';
import { loadConfig } from '../src/core/config.js';
import { operatorContext } from '../src/core/context.js';
import { openDatabase } from '../src/core/db/database.js';
import { migrate } from '../src/core/db/migrate.js';
import { createPlatform } from '../src/platform.js';
import { ensureWebBuild, webDistDir } from '../src/web-build.js';
import { testSecrets } from '../test/harness-secrets.js';
import { startTestSmtp } from '../test/smtp.js';

export const chromiumPath = '/usr/bin/chromium';

/**
 * One server for the browser tests: the built web app on an embedded database, plus a staff
 * admin. Without Chromium the tests say so and skip; on CI (CI=true) that is a failure.
 */
export default async function setup(project: TestProject) {
  if (!existsSync(chromiumPath)) {
    if (process.env.CI === 'true')
      throw new Error(
        `Browser tests need Chromium at ${chromiumPath} (apt-get install -y chromium); CI does not skip them.`,
      );
    console.warn(
      `\n*** Browser tests SKIPPED: no Chromium at ${chromiumPath}. Install it with: apt-get install -y chromium ***\n`,
    );
    project.provide('e2e', { baseUrl: '', staffEmail: '', staffPassword: '', outbox: '' });
    return;
  }
  await ensureWebBuild((m) => console.log(m));
  const database = await openDatabase({ kind: 'pglite' });
  await migrate(database.db, systemClock);
  const dataDir = path.resolve('.tmp', `e2e-${process.pid}`);
  // The port is chosen first so that links in emails sent by jobs (PUBLIC_URL) point at this server.
  const port = await freePort();
  // A real SMTP server on loopback receives the platform's mail and files each message in a folder,
  // where the tests (in other processes) read it.
  const outbox = path.join(dataDir, 'received-mail');
  mkdirSync(outbox, { recursive: true });
  const smtp = await startTestSmtp((mail, index) =>
    writeFileSync(path.join(outbox, `${String(index).padStart(6, '0')}.eml`), mail.raw),
  );
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_MAX: '100000',
    DATA_DIR: dataDir,
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    SMTP_URL: smtp.url,
  });
  const platform = createPlatform({
    config,
    clock: systemClock,
    database,
    secrets: testSecrets(),
    onError: (e) => console.error(e),
  });
  const app: FastifyInstance = await buildApp(platform, { webDistDir });
  const baseUrl = await app.listen({ port, host: '127.0.0.1' });
  const staffEmail = 'e2e.admin@sellrocket.test';
  const staffPassword = 'e2e staff password long enough';
  await platform.staff.createStaff(operatorContext(new Date()), {
    email: staffEmail,
    name: 'E2E Admin',
    roles: ['admin'],
    password: staffPassword,
  });
  project.provide('e2e', { baseUrl, staffEmail, staffPassword, outbox });
  return async () => {
    await app.close();
    await database.close();
    await smtp.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: { baseUrl: string; staffEmail: string; staffPassword: string; outbox: string };
  }
}
