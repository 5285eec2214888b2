import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let web: FastifyInstance;
const dist = mkdtempSync(path.join(os.tmpdir(), 'sellrocket-dist-'));
beforeAll(async () => {
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>SellRocket</title>');
  t = await createTestApp();
  web = await buildApp(t.platform, { webDistDir: dist, startBackgroundWork: false });
});
afterAll(async () => {
  await web?.close();
  await t?.close();
  rmSync(dist, { recursive: true, force: true });
});

it.each([
  '/',
  '/account',
  '/account/security',
  '/staff',
  '/privacy',
  '/privacy/request',
  '/terms',
  '/signup',
  '/signin',
])('a full page load of %s (linked from the README and the footer) gets the app', async (url) => {
  const res = await web.inject({ method: 'GET', url });
  expect(res.statusCode).toBe(200);
  expect(res.body).toContain('<title>SellRocket</title>');
});
