/**
 * Web app figures: the gzip size of what the initial route loads (target: JS ≤ 120 kB; later routes load their own chunks), and the
 * time until the customer area is interactive on the embedded database, measured in Chromium
 * with the Performance API (median of several cold loads).
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { buildApp } from '../src/app.js';
import { systemClock } from '../src/core/clock.js';
import { loadConfig } from '../src/core/config.js';
import { openDatabase } from '../src/core/db/database.js';
import { migrate } from '../src/core/db/migrate.js';
import { createPlatform } from '../src/platform.js';
import { ensureWebBuild, webDistDir } from '../src/web-build.js';
import { testSecrets } from '../test/harness-secrets.js';

await ensureWebBuild();
const html = readFileSync(path.join(webDistDir, 'index.html'), 'utf8');
const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
let js = 0,
  css = 0;
for (const a of assets) {
  const size = gzipSync(readFileSync(path.join(webDistDir, a)), { level: 9 }).length;
  if (a.endsWith('.js')) js += size;
  else if (a.endsWith('.css')) css += size;
}
const JS_BUDGET_KB = 120;
console.log(
  `\nWeb app, initial route: JS ${(js / 1024).toFixed(1)} kB gzip (target ≤ ${JS_BUDGET_KB} kB: ${js <= JS_BUDGET_KB * 1024 ? 'met' : 'NOT met'}), CSS ${(css / 1024).toFixed(1)} kB gzip`,
);

if (!existsSync('/usr/bin/chromium')) {
  console.log('Time to interactive: skipped (no /usr/bin/chromium)');
  process.exit(0);
}
const database = await openDatabase({ kind: 'pglite' });
await migrate(database.db, systemClock);
const platform = createPlatform({
  config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: os.tmpdir() }),
  clock: systemClock,
  database,
  secrets: testSecrets(),
  onError: console.error,
});
const app = await buildApp(platform, { webDistDir });
const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  const body = {
    firstName: 'Bench',
    lastName: 'Mark',
    email: 'tti@example.pt',
    password: 'benchmark passphrase',
    phone: '+351912345678',
    address: { line1: 'R', postalCode: '1000-001', city: 'Lisboa', country: 'PT' },
    acceptTerms: true,
  };
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: body });
  if (res.statusCode !== 201) throw new Error(`bench signup failed: ${res.statusCode} ${res.body}`);
  const session = res.cookies.find((c) => c.name === 'sr_session')!;
  const runs: { domInteractive: number; ready: number }[] = [];
  for (let i = 0; i < 7; i++) {
    const context = await browser.newContext();
    await context.addCookies([{ name: 'sr_session', value: session.value, url: baseUrl }]);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/account`);
    // "Interactive" here: the account's own data rendered, i.e. the page answered its first API call.
    await page.getByRole('heading', { name: 'Welcome, Bench' }).waitFor();
    const t = await page.evaluate(() => ({
      domInteractive: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domInteractive,
      ready: performance.now(),
    }));
    if (i > 0) runs.push(t); // the first load warms the server
    await context.close();
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `Customer area, cold load on PGlite (median of ${runs.length}): DOM interactive ${median(runs.map((r) => r.domInteractive)).toFixed(0)} ms, account rendered ${median(runs.map((r) => r.ready)).toFixed(0)} ms`,
  );
} finally {
  await browser.close();
  await app.close();
  await database.close();
}
