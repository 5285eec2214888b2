import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../../../test/harness.js';
import { readZip } from '../../../test/zip.js';
import { writeSubjectArchive } from './export-archive.js';
import { buildPolicy } from './policy.js';

let t: TestApp;
const dir = mkdtempSync(path.join(os.tmpdir(), 'sellrocket-csv-'));
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

it("the export archive's CSV files hold no cell a spreadsheet would run as a formula; the JSON keeps the values as given", async () => {
  const { account } = await signUp(t.app, {
    company: '=HYPERLINK("http://evil.example","click")',
    address: { line1: '@SUM(1+1)', line2: '-1+2', postalCode: '4050-262', city: '+Porto', country: 'PT' },
  });
  const file = path.join(dir, 'export.zip');
  const policy = buildPolicy(t.platform.dataMap, await t.platform.processors.list(), t.config.controller);
  await writeSubjectArchive(t.platform.privacy, { kind: 'customer', id: account.id }, policy, file, t.clock.now());
  const zip = await readZip(file);
  const csv = zip.get('data/account.csv')!;
  const cells = csv
    .trimEnd()
    .split('\r\n')[1]!
    .match(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)!
    .map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
  for (const cell of cells) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
  expect(csv).toContain(`'=HYPERLINK(""http://evil.example"",""click"")`);
  expect(csv).toContain("'@SUM(1+1)");
  expect(csv).toContain("'+Porto");
  const json = JSON.parse(zip.get('data/account.json')!);
  expect(JSON.stringify(json)).toContain('=HYPERLINK');
  expect(JSON.stringify(json)).not.toContain("'=HYPERLINK");
});
