import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, staffSession, type TestApp } from '../../../test/harness.js';
import { startTestSmtp } from '../../../test/smtp.js';
import { readZip } from '../../../test/zip.js';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({
    env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://shops.example.com', PRIVACY_TEAM_EMAIL: 'dpo@sellrocket.test' },
  });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const DAY = 86_400_000;
const tokenIn = (mail: string | undefined) => /verify\?token=([A-Za-z0-9_%-]+)/.exec(mail ?? '')?.[1];

describe('requests from people who are not signed in', () => {
  it('count only once the email is verified, and then from that moment', async () => {
    const email = `visitor.${Date.now()}@example.org`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/privacy/public-requests',
      payload: { email, type: 'access', details: 'What do you hold about me?' },
    });
    expect(res.statusCode).toBe(202);
    const mail = smtp.lastTo(email);
    expect(mail).toContain('https://shops.example.com/privacy/request/verify?token=');
    expect(
      await t.platform.db.selectFrom('privacy_request').select('id').where('requester_email', '=', email).execute(),
    ).toEqual([]);

    t.clock.advance(3 * 3_600_000); // verified three hours later: the clock starts then
    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/v1/privacy/public-requests/verify',
      payload: { token: decodeURIComponent(tokenIn(mail)!) },
    });
    expect(verified.statusCode).toBe(201);
    const row = await t.platform.db
      .selectFrom('privacy_request')
      .selectAll()
      .where('id', '=', verified.json().id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ subject_kind: 'visitor', requester_email: email, account_id: null });
    expect(new Date(row.verified_at).getTime()).toBe(t.clock.now().getTime());
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/privacy/public-requests/verify',
          payload: { token: decodeURIComponent(tokenIn(mail)!) },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      await t.platform.db.selectFrom('privacy_request_intake').select('id').where('email', '=', email).execute(),
    ).toEqual([]);
  });

  it('answer the same for a known and an unknown email, and link a known one to its account', async () => {
    const { body, account } = await signUp(t.app);
    const known = await t.app.inject({
      method: 'POST',
      url: '/api/v1/privacy/public-requests',
      payload: { email: body.email, type: 'erasure' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/privacy/public-requests',
      payload: { email: `nobody.${Date.now()}@example.org`, type: 'erasure' },
    });
    expect(known.statusCode).toBe(unknown.statusCode);
    expect(known.body).toBe(unknown.body);
    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/v1/privacy/public-requests/verify',
      payload: { token: decodeURIComponent(tokenIn(smtp.lastTo(body.email))!) },
    });
    const row = await t.platform.db
      .selectFrom('privacy_request')
      .selectAll()
      .where('id', '=', verified.json().id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ subject_kind: 'customer', account_id: account.id, requester_email: body.email });
  });

  it('expire unverified after a day', async () => {
    const email = `late.${Date.now()}@example.org`;
    await t.app.inject({ method: 'POST', url: '/api/v1/privacy/public-requests', payload: { email, type: 'access' } });
    const token = decodeURIComponent(tokenIn(smtp.lastTo(email))!);
    t.clock.advance(DAY + 1000);
    await t.platform.jobs.runDue();
    expect(
      await t.platform.db.selectFrom('privacy_request_intake').select('id').where('email', '=', email).execute(),
    ).toEqual([]);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/privacy/public-requests/verify', payload: { token } }))
        .statusCode,
    ).toBe(404);
  });
});

/** Asks, verifies and has staff approve a public request; returns its id. */
async function approvedPublicRequest(email: string, type: 'access' | 'erasure') {
  await t.app.inject({ method: 'POST', url: '/api/v1/privacy/public-requests', payload: { email, type } });
  const verified = await t.app.inject({
    method: 'POST',
    url: '/api/v1/privacy/public-requests/verify',
    payload: { token: decodeURIComponent(tokenIn(smtp.lastTo(email))!) },
  });
  const id = verified.json().id as string;
  const staff = await staffSession(t, ['privacy']);
  expect(
    (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/staff/privacy/requests/${id}/approve`,
        headers: { cookie: staff.cookie },
      })
    ).statusCode,
  ).toBe(200);
  expect((await t.platform.jobs.runDue()).failed).toBe(0);
  return id;
}
const downloadToken = (mail: string | undefined) => /download\?token=([A-Za-z0-9_%-]+)/.exec(mail ?? '')?.[1];

describe('answers to requests made without signing in', () => {
  it('access: every subject the verified email reaches is in the archive, fetched with a one-time link for 7 days', async () => {
    const { body, account } = await signUp(t.app);
    await approvedPublicRequest(body.email, 'access');
    const mail = smtp.lastTo(body.email);
    expect(mail).toContain('https://shops.example.com/privacy/request/download?token=');
    const token = decodeURIComponent(downloadToken(mail)!);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/privacy/public-requests/download',
          payload: { token: `${token}x` },
        })
      ).statusCode,
    ).toBe(404);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/privacy/public-requests/download',
      payload: { token },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const zip = await readZip(res.rawPayload);
    expect(JSON.parse(zip.get('data/account.json')!)).toEqual([
      expect.objectContaining({ id: account.id, email: body.email }),
    ]);
    expect(JSON.parse(zip.get('manifest.json')!).subjects).toEqual([{ kind: 'customer', id: account.id }]);
    t.clock.advance(8 * DAY);
    await t.platform.jobs.runDue();
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/privacy/public-requests/download', payload: { token } }))
        .statusCode,
    ).toBe(404);
  });

  it('access for an address we know nothing of: an archive that says so', async () => {
    const email = `stranger.${Date.now()}@example.org`;
    await approvedPublicRequest(email, 'access');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/privacy/public-requests/download',
      payload: { token: decodeURIComponent(downloadToken(smtp.lastTo(email))!) },
    });
    const zip = await readZip(res.rawPayload);
    expect(zip.get('report.html')).toMatch(/We found no account or other record of you/);
    expect([...zip.keys()].filter((k) => k.startsWith('data/'))).toEqual([]);
  });

  it('erasure through the public form erases the account the address reaches, and the request remains as its record', async () => {
    const { body, account } = await signUp(t.app);
    const earlier = await approvedPublicRequest(body.email, 'access');
    const archive = (
      await t.platform.db
        .selectFrom('privacy_request')
        .select('download_file')
        .where('id', '=', earlier)
        .executeTakeFirstOrThrow()
    ).download_file!;
    expect(existsSync(archive)).toBe(true);
    // A second request from the same address, never confirmed: its intake holds the email too, and goes with the rest.
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/privacy/public-requests',
      payload: { email: body.email, type: 'access' },
    });
    const id = await approvedPublicRequest(body.email, 'erasure');
    expect(await t.platform.db.selectFrom('account').select('id').where('id', '=', account.id).execute()).toEqual([]);
    expect(existsSync(archive)).toBe(false);
    const record = await t.platform.db
      .selectFrom('privacy_request')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(record).toMatchObject({ status: 'completed', account_id: null, requester_email: null, details: null });
    expect(
      await t.platform.db
        .selectFrom('privacy_request')
        .select('id')
        .where('requester_email', '=', body.email)
        .execute(),
    ).toEqual([]);
    expect(smtp.lastTo(body.email)).toMatch(/account and its personal data have been erased/);
    expect(
      await t.platform.db.selectFrom('privacy_request_intake').select('id').where('email', '=', body.email).execute(),
    ).toEqual([]);
  });
});

describe('what the requester and the privacy team are told by email', () => {
  it('the extension and its reason, a refusal with the right to complain, and reminders before the due date', async () => {
    const { body, cookie } = await signUp(t.app);
    const req = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/privacy/requests',
        headers: { cookie },
        payload: { type: 'restriction', details: 'Stop analytics' },
      })
    ).json();
    const staff = await staffSession(t, ['privacy']);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/privacy/requests/${req.id}/extend`,
      headers: { cookie: staff.cookie },
      payload: { months: 1, reason: 'Three systems are involved in this.' },
    });
    expect(smtp.lastTo(body.email)).toContain('Three systems are involved in this.');

    // The original reminders are skipped (the date moved); the new ones fire a week and a day before.
    t.clock.set(new Date(new Date(req.dueAt).getTime() + 25 * DAY));
    await t.platform.jobs.runDue();
    const reminder = smtp.lastTo('dpo@sellrocket.test');
    expect(reminder).toContain(req.id);

    const staff2 = await staffSession(t, ['privacy']);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/privacy/requests/${req.id}/refuse`,
      headers: { cookie: staff2.cookie },
      payload: { reason: 'Analytics does not process your data.' },
    });
    const refusal = smtp.lastTo(body.email);
    expect(refusal).toContain('Analytics does not process your data.');
    expect(refusal).toContain('https://www.cnpd.pt');
  });
});
