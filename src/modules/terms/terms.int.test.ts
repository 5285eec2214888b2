import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieFrom, createTestApp, signupBody, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('terms of service (D7: terms accepted are a formal document)', () => {
  it('an account opens only with the terms accepted, and nothing is written without them', async () => {
    const body = signupBody({ acceptTerms: undefined });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: body });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json().errors).toEqual([
      { field: 'acceptTerms', message: 'Accept the terms of service to open an account.' },
    ]);
    expect(await t.platform.db.selectFrom('account').select('id').where('email', '=', body.email).execute()).toEqual(
      [],
    );
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { ...body, acceptTerms: false } }))
        .statusCode,
    ).toBe(422);
  });

  it('records the version, language and hash of the exact text shown, with when and from where', async () => {
    const shown = (
      await t.app.inject({ method: 'GET', url: '/api/v1/terms', headers: { 'accept-language': 'pt-PT' } })
    ).json();
    expect(shown).toMatchObject({ language: 'pt-PT', effectiveFrom: '2026-11-01' });
    expect(shown.hash).toBe(createHash('sha256').update(shown.text).digest('hex'));
    const signup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      remoteAddress: '203.0.113.77',
      headers: { 'accept-language': 'pt-PT', 'user-agent': 'TermsAgent/1' },
      payload: signupBody(),
    });
    expect(signup.statusCode).toBe(201);
    const row = await t.platform.db
      .selectFrom('terms_acceptance')
      .selectAll()
      .where('account_id', '=', signup.json().id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      version: shown.version,
      language: 'pt-PT',
      text_hash: shown.hash,
      ip: '203.0.113.77',
      user_agent: 'TermsAgent/1',
    });
    const mine = (
      await t.app.inject({ method: 'GET', url: '/api/v1/account/terms', headers: { cookie: cookieFrom(signup) } })
    ).json();
    expect(mine.items).toEqual([{ version: shown.version, language: 'pt-PT', acceptedAt: expect.any(String) }]);
  });
});
