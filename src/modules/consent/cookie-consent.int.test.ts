import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createTestApp, signupBody, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('cookie consent log (K1, K3, K4)', () => {
  it('records each decision with the notice, method, IP, country and browser, in a 30-day necessary cookie', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/consent/cookies',
      remoteAddress: '8.8.8.8',
      headers: {
        'user-agent':
          'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
      },
      payload: { statistical: true, marketing: false, method: 'custom' },
    });
    expect(res.statusCode).toBe(201);
    const cookie = res.cookies.find((c) => c.name === 'sr_consent')!;
    expect(cookie.maxAge).toBe(30 * 86_400);
    const rows = await t.platform.db.selectFrom('cookie_consent').selectAll().where('ip', '=', '8.8.8.8').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      statistical: true,
      marketing: false,
      method: 'custom',
      gpc: false,
      country: 'US',
      notice_version: 'cookies-2026-11',
    });
    expect(rows[0]!.browser).toMatch(/^Chrome 156 \/ Linux/);

    // The next decision from the same browser keeps its reference, so the history reads as one visitor's.
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/consent/cookies',
      remoteAddress: '8.8.8.8',
      headers: { cookie: `sr_consent=${cookie.value}` },
      payload: { statistical: false, marketing: false, method: 'reject-all' },
    });
    const history = await t.platform.db
      .selectFrom('cookie_consent')
      .select(['visitor_ref', 'method'])
      .where('visitor_ref', '=', rows[0]!.visitor_ref)
      .orderBy('recorded_at')
      .execute();
    expect(history.map((h) => h.method).sort()).toEqual(['custom', 'reject-all']);
  });

  it("shows and records the notice in the visitor's language, with its version and effective date (M1, K4)", async () => {
    const notice = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/consent/cookies/notice',
        headers: { 'accept-language': 'pt-PT,pt;q=0.9,en;q=0.5' },
      })
    ).json();
    expect(notice).toMatchObject({ version: 'cookies-2026-11', language: 'pt-PT', effectiveFrom: '2026-11-01' });
    expect(notice.text).toMatch(/cookies estritamente necessários/);
    const english = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/consent/cookies/notice',
        headers: { 'accept-language': 'de-DE,en;q=0.5' },
      })
    ).json();
    expect(english).toMatchObject({ language: 'en' });

    await t.app.inject({
      method: 'POST',
      url: '/api/v1/consent/cookies',
      remoteAddress: '9.9.9.9',
      headers: { 'accept-language': 'pt-PT' },
      payload: { statistical: false, marketing: false, method: 'reject-all' },
    });
    const row = await t.platform.db
      .selectFrom('cookie_consent')
      .selectAll()
      .where('ip', '=', '9.9.9.9')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      notice_language: 'pt-PT',
      notice_hash: createHash('sha256').update(notice.text).digest('hex'),
    });

    // Every published text stays available with its hash: what a record points at can always be read.
    const all = (await t.app.inject({ method: 'GET', url: '/api/v1/consent/notices' })).json().items as {
      purpose: string;
      language: string;
      hash: string;
    }[];
    expect(all).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ purpose: 'cookies', language: 'pt-PT', hash: row.notice_hash }),
      ]),
    );
    expect(new Set(all.map((n) => `${n.purpose}/${n.language}`))).toEqual(
      new Set(['marketing/en', 'marketing/pt-PT', 'cookies/en', 'cookies/pt-PT']),
    );
  });

  it('records marketing consent at sign-up against the notice shown, in the language it was shown in, with country and browser', async () => {
    const shown = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/consent/notices/marketing',
        headers: { 'accept-language': 'pt-PT' },
      })
    ).json();
    const signup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      remoteAddress: '8.8.4.4',
      payload: signupBody({ marketingConsent: true }),
      headers: {
        'accept-language': 'pt-PT',
        'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0',
      },
    });
    expect(signup.statusCode).toBe(201);
    const record = await t.platform.db
      .selectFrom('consent_record')
      .selectAll()
      .where('account_id', '=', signup.json().id)
      .executeTakeFirstOrThrow();
    expect(record).toMatchObject({
      notice_version: shown.version,
      notice_language: 'pt-PT',
      notice_hash: shown.hash,
      granted: true,
      ip: '8.8.4.4',
      country: 'US',
    });
    expect(record.browser).toMatch(/^Firefox 140 \/ Windows/);
  });

  it('treats Sec-GPC: 1 as a refusal of marketing, whatever was clicked', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/consent/cookies',
      headers: { 'sec-gpc': '1' },
      payload: { statistical: true, marketing: true, method: 'accept-all' },
    });
    expect(res.json()).toMatchObject({ statistical: true, marketing: false });
    expect(res.cookies.find((c) => c.name === 'sr_consent')!.value).toMatch(/\.10\./);
  });
});
