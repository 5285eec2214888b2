import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, signupBody, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const foreign = { origin: 'https://evil.example', host: 'localhost:3000' };

describe('CSRF guard on every state-changing request', () => {
  it('refuses sign-in from a foreign origin (login CSRF), with no session cookie at all', async () => {
    const { body } = await signUp(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: foreign,
      payload: { email: body.email, password: body.password },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().type).toBe('urn:sellrocket:problem:csrf');
    expect(res.cookies).toHaveLength(0);
  });

  it('refuses sign-up from a foreign origin or a cross-site fetch', async () => {
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', headers: foreign, payload: signupBody() }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/signup',
          headers: { 'sec-fetch-site': 'cross-site' },
          payload: signupBody(),
        })
      ).statusCode,
    ).toBe(403);
  });

  it('refuses DELETE from another site too', async () => {
    const res = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/account/sessions/ses_x',
      headers: { 'sec-fetch-site': 'same-site' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('reads a null Origin (a form posted under Referrer-Policy: no-referrer) by Sec-Fetch-Site', async () => {
    const post = (headers: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', headers, payload: signupBody() });
    expect((await post({ origin: 'null', 'sec-fetch-site': 'same-origin' })).statusCode).toBe(201);
    expect((await post({ origin: 'null', 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await post({ origin: 'null' })).statusCode).toBe(403);
  });

  it('lets same-origin browsers and non-browser clients (curl: neither header) sign in', async () => {
    const { body } = await signUp(t.app);
    const same = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: 'http://localhost:3000', host: 'localhost:3000', 'sec-fetch-site': 'same-origin' },
      payload: { email: body.email, password: body.password },
    });
    expect(same.statusCode).toBe(200);
    const curl = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: body.email, password: body.password },
    });
    expect(curl.statusCode).toBe(200);
    const typed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      headers: { 'sec-fetch-site': 'none' },
      payload: signupBody(),
    });
    expect(typed.statusCode).toBe(201);
  });
});
