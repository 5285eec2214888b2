import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, staffSession, type TestApp } from '../../../test/harness.js';
import { startTestSmtp } from '../../../test/smtp.js';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://shops.example.com', PRIVACY_TEAM_EMAIL: 'dpo@sellrocket.test' } });
});
afterAll(async () => { await t?.close(); await smtp?.close(); });

const DAY = 86_400_000;
const tokenIn = (mail: string | undefined) => /verify\?token=([A-Za-z0-9_%-]+)/.exec(mail ?? '')?.[1];

describe('requests from people who are not signed in', () => {
  it('count only once the email is verified, and then from that moment', async () => {
    const email = `visitor.${Date.now()}@example.org`;
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/privacy/public-requests', payload: { email, type: 'access', details: 'What do you hold about me?' } });
    expect(res.statusCode).toBe(202);
    const mail = smtp.lastTo(email);
    expect(mail).toContain('https://shops.example.com/privacy/request/verify?token=');
    expect(await t.platform.db.selectFrom('privacy_request').select('id').where('requester_email', '=', email).execute()).toEqual([]);

    t.clock.advance(3 * 3_600_000); // verified three hours later: the clock starts then
    const verified = await t.app.inject({ method: 'POST', url: '/api/v1/privacy/public-requests/verify', payload: { token: decodeURIComponent(tokenIn(mail)!) } });
    expect(verified.statusCode).toBe(201);
    const row = await t.platform.db.selectFrom('privacy_request').selectAll().where('id', '=', verified.json().id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ subject_kind: 'visitor', requester_email: email, account_id: null });
    expect(new Date(row.verified_at).getTime()).toBe(t.clock.now().getTime());
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/privacy/public-requests/verify', payload: { token: decodeURIComponent(tokenIn(mail)!) } })).statusCode).toBe(404);
    expect(await t.platform.db.selectFrom('privacy_request_intake').select('id').where('email', '=', email).execute()).toEqual([]);
  });

  it('answer the same for a known and an unknown email, and link a known one to its account', async () => {
    const { body, account } = await signUp(t.app);
    const known = await t.app.inject({ method: 'POST', url: '/api/v1/privacy/public-requests', payload: { email: body.email, type: 'erasure' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/privacy/public-requests', payload: { email: `nobody.${Date.now()}@example.org`, type: 'erasure' } });
    expect(known.statusCode).toBe(unknown.statusCode);
    expect(known.body).toBe(unknown.body);
    const verified = await t.app.inject({ method: 'POST', url: '/api/v1/privacy/public-requests/verify', payload: { token: decodeURIComponent(tokenIn(smtp.lastTo(body.email))!) } });
    const row = await t.platform.db.selectFrom('privacy_request').selectAll().where('id', '=', verified.json().id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ subject_kind: 'customer', account_id: account.id, requester_email: null });
  });

  it('expire unverified after a day', async () => {
    const email = `late.${Date.now()}@example.org`;
    await t.app.inject({ method: 'POST', url: '/api/v1/privacy/public-requests', payload: { email, type: 'access' } });
    const token = decodeURIComponent(tokenIn(smtp.lastTo(email))!);
    t.clock.advance(DAY + 1000);
    await t.platform.jobs.runDue();
    expect(await t.platform.db.selectFrom('privacy_request_intake').select('id').where('email', '=', email).execute()).toEqual([]);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/privacy/public-requests/verify', payload: { token } })).statusCode).toBe(404);
  });
});

describe('what the requester and the privacy team are told by email', () => {
  it('the extension and its reason, a refusal with the right to complain, and reminders before the due date', async () => {
    const { body, cookie } = await signUp(t.app);
    const req = (await t.app.inject({ method: 'POST', url: '/api/v1/privacy/requests', headers: { cookie }, payload: { type: 'restriction', details: 'Stop analytics' } })).json();
    const staff = await staffSession(t, ['privacy']);
    await t.app.inject({ method: 'POST', url: `/api/v1/staff/privacy/requests/${req.id}/extend`, headers: { cookie: staff.cookie }, payload: { months: 1, reason: 'Three systems are involved in this.' } });
    expect(smtp.lastTo(body.email)).toContain('Three systems are involved in this.');

    // The original reminders are skipped (the date moved); the new ones fire a week and a day before.
    t.clock.set(new Date(new Date(req.dueAt).getTime() + 25 * DAY));
    await t.platform.jobs.runDue();
    const reminder = smtp.lastTo('dpo@sellrocket.test');
    expect(reminder).toContain(req.id);

    const staff2 = await staffSession(t, ['privacy']);
    await t.app.inject({ method: 'POST', url: `/api/v1/staff/privacy/requests/${req.id}/refuse`, headers: { cookie: staff2.cookie }, payload: { reason: 'Analytics does not process your data.' } });
    const refusal = smtp.lastTo(body.email);
    expect(refusal).toContain('Analytics does not process your data.');
    expect(refusal).toContain('https://www.cnpd.pt');
  });
});
