import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, signupBody, type TestApp } from '../../../test/harness.js';
import { readSampleEvery } from '../logging.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { BODY_LIMIT_BYTES: '4096' } });
});
afterAll(async () => {
  await t?.close();
});

function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; json(): any }, status: number) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toMatchObject({
    type: expect.stringMatching(/^urn:sellrocket:problem:/),
    title: expect.any(String),
    status,
    detail: expect.any(String),
  });
  return body;
}

describe('problem+json (RFC 9457)', () => {
  it('for validation, with a field per error', async () => {
    const body = expectProblem(
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nope' } }),
      422,
    );
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: 'email', message: expect.any(String) },
        { field: 'password', message: 'Required' },
      ]),
    );
  });
  it('for malformed JSON', async () => {
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"email": ',
      }),
      400,
    );
  });
  it('for a body that is too large', async () => {
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        payload: signupBody({ company: 'x'.repeat(5000) }),
      }),
      413,
    );
  });
  it('for a wrong content type', async () => {
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'text/xml' },
        payload: '<a/>',
      }),
      415,
    );
  });
  it('for an unknown route, no session, and a wrong method', async () => {
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' }), 404);
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/account' }), 401);
  });
  it('never answers 500 to junk input', async () => {
    for (const payload of [
      [],
      'string',
      42,
      null,
      { firstName: { $ne: 1 } },
      { address: 'flat' },
      { marketingConsent: 'yes' },
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(payload),
      });
      expect(res.statusCode, JSON.stringify(payload)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, JSON.stringify(payload)).toBeLessThan(500);
    }
  });
});

describe('platform endpoints', () => {
  it('liveness and readiness', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).json()).toMatchObject({ status: 'ready' });
  });
  it('serves OpenAPI 3.1 with the routes and their response schemas, and a docs page', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/v1/auth/signup'].post.responses['201']).toBeDefined();
    expect(doc.paths['/api/v1/account'].get.responses['200']).toBeDefined();
    expect(doc.paths['/internal/admin/run']).toBeUndefined();
    const page = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(page.statusCode);
  });
  it('sends security headers and a request id', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'trace-12345678' } });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    // Only the platform's own pages may frame a page (the theme preview); shop hosts may be framed there.
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'self' [^;]*localhost/);
    expect(res.headers['content-security-policy']).toMatch(/frame-src 'self' http:\/\/\*\.localhost:\*/);
    expect(res.headers['x-request-id']).toBe('trace-12345678');
    const generated = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('CSRF protection for cookie-authenticated changes', () => {
  it('refuses a change sent from another origin, and accepts the same origin', async () => {
    const { cookie } = await signUp(t.app);
    const foreign = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/account/consents/marketing',
      headers: { cookie, origin: 'https://evil.example', host: 'localhost:3000' },
      payload: { granted: true },
    });
    expectProblem(foreign, 403);
    const crossSite = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/account/consents/marketing',
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
      payload: { granted: true },
    });
    expectProblem(crossSite, 403);
    const same = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/account/consents/marketing',
      headers: { cookie, origin: 'http://localhost:3000', host: 'localhost:3000' },
      payload: { granted: true },
    });
    expect(same.statusCode).toBe(200);
  });
});

describe('logs', () => {
  const lines: string[] = [];
  let logged: TestApp;
  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        cb();
      },
    });
    logged = await createTestApp({ logStream: stream });
  });
  afterAll(async () => {
    await logged?.close();
  });
  const entries = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

  it('carry no personal data', async () => {
    const body = signupBody({ firstName: 'Wilhelmina', lastName: 'Zyxwvut', company: 'Secret Corp' });
    const res = await logged.app.inject({
      method: 'POST',
      url: `/api/v1/auth/signup?ref=${encodeURIComponent(body.email)}`,
      payload: body,
      remoteAddress: '203.0.113.123',
      headers: { 'user-agent': 'UniqueAgent/9.9' },
    });
    expect(res.statusCode).toBe(201);
    await logged.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: body.email, password: 'a wrong password' },
      remoteAddress: '203.0.113.123',
    });
    await logged.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: body.email, password: body.password },
      remoteAddress: '203.0.113.123',
    });
    const text = lines.join('\n');
    expect(text).toContain('request completed');
    for (const value of [
      body.email,
      'Wilhelmina',
      'Zyxwvut',
      '912 345 678',
      '+351912345678',
      '203.0.113.123',
      body.password,
      'UniqueAgent',
      'sr_session=',
    ]) {
      expect(text, value).not.toContain(value);
    }
  });

  it('have one line per request, at completion: method, route pattern, status, duration, request id', async () => {
    lines.length = 0;
    const change = await logged.app.inject({
      method: 'DELETE',
      url: '/api/v1/account/sessions/ses_typedbyuser?who=maria',
      headers: { 'x-request-id': 'trace-logline-01' },
    });
    expect(change.statusCode).toBe(401);
    const signup = await logged.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: signupBody(),
      headers: { 'x-request-id': 'trace-logline-02' },
    });
    expect(signup.statusCode).toBe(201);
    const forId = (id: string) => entries().filter((e) => JSON.stringify(e).includes(id));
    const [refused, ...moreRefused] = forId('trace-logline-01');
    expect(moreRefused).toEqual([]);
    expect(refused).toMatchObject({
      level: 40,
      msg: 'request refused',
      requestId: 'trace-logline-01',
      method: 'DELETE',
      route: '/api/v1/account/sessions/:id',
      status: 401,
      ms: expect.any(Number),
    });
    const [completed, ...moreCompleted] = forId('trace-logline-02');
    expect(moreCompleted).toEqual([]);
    expect(completed).toMatchObject({
      level: 30,
      msg: 'request completed',
      requestId: 'trace-logline-02',
      method: 'POST',
      route: '/api/v1/auth/signup',
      status: 201,
    });
    const unknown = await logged.app.inject({
      method: 'GET',
      url: '/api/v1/nothing/maria@example.pt',
      headers: { 'x-request-id': 'trace-logline-03' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(forId('trace-logline-03')).toEqual([
      expect.objectContaining({ msg: 'request refused', route: '(no route)', status: 404 }),
    ]);
    const text = lines.join('\n');
    expect(text).not.toContain('maria@example.pt');
    expect(text).not.toContain('incoming request');
    expect(text).not.toContain('ses_typedbyuser');
    expect(text).not.toContain('who=maria');
  });

  it('sample successful reads of a route, and always log its failures', async () => {
    lines.length = 0;
    for (let i = 1; i <= 3; i++) {
      expect(
        (
          await logged.app.inject({
            method: 'GET',
            url: '/api/v1/terms',
            headers: { 'x-request-id': `trace-sampled-${i}` },
          })
        ).statusCode,
      ).toBe(200);
    }
    for (let i = 1; i <= 2; i++) {
      expect(
        (
          await logged.app.inject({
            method: 'GET',
            url: '/api/v1/account',
            headers: { 'x-request-id': `trace-failed-${i}` },
          })
        ).statusCode,
      ).toBe(401);
    }
    const byId = new Map(entries().map((e) => [e.requestId, e]));
    expect(byId.get('trace-sampled-1')).toMatchObject({
      msg: 'request completed',
      route: '/api/v1/terms',
      status: 200,
      sampled: readSampleEvery,
    });
    expect(byId.has('trace-sampled-2')).toBe(false);
    expect(byId.has('trace-sampled-3')).toBe(false);
    expect(byId.get('trace-failed-1')).toMatchObject({ msg: 'request refused', status: 401 });
    expect(byId.get('trace-failed-2')).toMatchObject({ msg: 'request refused', status: 401 });
  });
});
