import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../../../test/harness.js';
import { readZip } from '../../../test/zip.js';
import { buildSubjectArchive } from './export-archive.js';
import { buildPolicy } from './policy.js';

let t: TestApp;
const dir = mkdtempSync(path.join(os.tmpdir(), 'sellrocket-archive-'));
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('a small archive is built in memory, a long one streamed to its file, and both hold the same files', async () => {
  const { account, body } = await signUp(t.app, { company: 'Duas Vias, Lda' });
  // Two more sign-ins: the account's sign-ins and sessions take several rows each.
  for (const remoteAddress of ['203.0.113.11', '203.0.113.12']) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: body.email, password: body.password },
      remoteAddress,
    });
    expect(res.statusCode).toBe(200);
  }
  const subject = { kind: 'customer' as const, id: account.id };
  const policy = buildPolicy(t.platform.dataMap, await t.platform.processors.list(), t.config.controller);
  const now = t.clock.now();

  const small = await buildSubjectArchive(t.platform.privacy, subject, policy, path.join(dir, 'a.zip'), now);
  expect('bytes' in small).toBe(true);
  expect(existsSync(path.join(dir, 'a.zip'))).toBe(false);

  // One row a page: every table with rows is read page by page and streamed.
  const file = path.join(dir, 'b.zip');
  const long = await buildSubjectArchive(t.platform.privacy, subject, policy, file, now, undefined, 1);
  expect(long).toMatchObject({ file });

  expect(long.files).toEqual(small.files);
  expect(small.files.filter((f) => f.rows > 1).length).toBeGreaterThan(0);
  const inMemory = await readZip((small as { bytes: Buffer }).bytes);
  const streamed = await readZip(file);
  expect([...streamed.keys()].sort()).toEqual([...inMemory.keys()].sort());
  for (const [name, content] of inMemory) expect(streamed.get(name), name).toBe(content);
  expect(inMemory.get('data/account.csv')).toContain('Duas Vias, Lda');
});
