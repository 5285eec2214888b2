import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installProblemHandler } from './problem.js';
import { isWebAppPage, registerWebApp } from './web-app.js';

let app: FastifyInstance;
let dist: string;

beforeAll(async () => {
  dist = mkdtempSync(path.join(os.tmpdir(), 'sr-web-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(path.join(dist, 'assets', 'main-abc.js'), 'console.log(1)');
  writeFileSync(path.join(dist, 'consent-banner.js'), '/* banner */');
  app = Fastify();
  installProblemHandler(app);
  app.get('/api/v1/ping', async () => ({ pong: true }));
  app.get('/healthz', async () => ({ status: 'ok' }));
  await registerWebApp(app, dist);
  await app.ready();
});
afterAll(async () => {
  await app.close();
  rmSync(dist, { recursive: true, force: true });
});

const isHtml = (res: { statusCode: number; headers: Record<string, unknown>; body: string }) =>
  res.statusCode === 200 &&
  String(res.headers['content-type']).startsWith('text/html') &&
  res.body.includes('id="root"');

describe('the web app answers every page address', () => {
  it('with index.html, including pages no list names and reloads deep in an area', async () => {
    for (const url of [
      '/',
      '/terms',
      '/privacy/request/verify?token=abc',
      '/account/privacy',
      '/staff/accounts/acc_123',
      '/no/such/page',
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect(isHtml(res), url).toBe(true);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('but an unknown API path stays a problem+json 404, as do missing assets, files and other methods', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/nothing-here'],
      ['GET', '/api'],
      ['GET', '/assets/missing.js'],
      ['GET', '/favicon.ico'],
      ['GET', '/internal/x'],
      ['POST', '/terms'],
    ] as const) {
      const res = await app.inject({ method, url });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(String(res.headers['content-type']), `${method} ${url}`).toMatch(/^application\/problem\+json/);
    }
  });

  it('leaves real routes and assets alone', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/ping' })).json()).toEqual({ pong: true });
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const asset = await app.inject({ method: 'GET', url: '/assets/main-abc.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toMatch(/immutable/);
  });
});

describe('isWebAppPage', () => {
  it('excludes the API, assets, health and operator paths, and anything shaped like a file', () => {
    const page = (url: string) => isWebAppPage({ url });
    expect(['/', '/terms', '/account', '/staff/requests/prq_1', '/apiary'].every(page)).toBe(true);
    expect(
      ['/api', '/api/v1/x', '/assets/a.js', '/healthz', '/readyz', '/internal/admin/run', '/robots.txt'].some(page),
    ).toBe(false);
  });
});
