import { existsSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, signUp, staffSession, type TestApp } from '../../../test/harness.js';
import { requestDueAt } from './deadlines.js';

let t: TestApp;
let staff: { cookie: string };
beforeAll(async () => {
  t = await createTestApp();
});
// Each test signs staff in afresh: tests travel in time past a session's lifetime.
beforeEach(async () => {
  staff = await staffSession(t, ['privacy']);
});
afterAll(async () => {
  await t?.close();
});

const DAY = 86_400_000;
const ask = (cookie: string, payload: object) =>
  t.app.inject({ method: 'POST', url: '/api/v1/privacy/requests', headers: { cookie }, payload });
const staffPost = (url: string, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: { cookie: staff.cookie }, ...(payload ? { payload } : {}) });

describe('data-subject requests', () => {
  it('access: confirms the password, is due by the deadline, runs as a job, downloads for 7 days, then the file is gone', async () => {
    const { body, cookie } = await signUp(t.app);
    expect((await ask(cookie, { type: 'access' })).json().errors).toEqual([
      expect.objectContaining({ field: 'confirmPassword' }),
    ]);
    const res = await ask(cookie, { type: 'access', confirmPassword: body.password });
    expect(res.statusCode).toBe(201);
    const req = res.json();
    expect(req).toMatchObject({ type: 'access', status: 'received', downloadUrl: null });
    expect(req.dueAt).toBe(requestDueAt(t.clock.now()).toISOString());

    expect((await t.platform.jobs.runDue()).failed).toBe(0);
    const done = (
      await t.app.inject({ method: 'GET', url: `/api/v1/privacy/requests/${req.id}`, headers: { cookie } })
    ).json();
    expect(done).toMatchObject({ status: 'completed', downloadUrl: `/api/v1/privacy/requests/${req.id}/download` });
    const zip = await t.app.inject({ method: 'GET', url: done.downloadUrl, headers: { cookie } });
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    expect(zip.rawPayload.subarray(0, 2).toString()).toBe('PK');

    const stranger = await signUp(t.app);
    expect(
      (await t.app.inject({ method: 'GET', url: done.downloadUrl, headers: { cookie: stranger.cookie } })).statusCode,
    ).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/privacy/requests/${req.id}`,
          headers: { cookie: stranger.cookie },
        })
      ).statusCode,
    ).toBe(404);

    const row = await t.platform.db
      .selectFrom('privacy_request')
      .select('download_file')
      .where('id', '=', req.id)
      .executeTakeFirstOrThrow();
    expect(existsSync(row.download_file!)).toBe(true);
    t.clock.advance(7 * DAY + 1000);
    await t.platform.jobs.runDue();
    expect(existsSync(row.download_file!)).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: done.downloadUrl, headers: { cookie } })).statusCode).toBe(404);
  });

  it('erasure: staff approve, a job erases, the request remains as the record of it with its history', async () => {
    const { body, cookie, account } = await signUp(t.app);
    const req = (await ask(cookie, { type: 'erasure', confirmPassword: body.password })).json();
    expect((await staffPost(`/api/v1/staff/privacy/requests/${req.id}/approve`)).json().status).toBe('in_progress');
    expect((await t.platform.jobs.runDue()).failed).toBe(0);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: body.email, password: body.password },
        })
      ).statusCode,
    ).toBe(401);
    expect(await t.platform.db.selectFrom('account').select('id').where('id', '=', account.id).execute()).toEqual([]);
    const view = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/staff/privacy/requests/${req.id}`,
        headers: { cookie: staff.cookie },
      })
    ).json();
    expect(view.request).toMatchObject({ status: 'completed', accountId: null, details: null });
    expect(view.history.map((h: { action: string }) => h.action)).toEqual([
      'privacy.request.create',
      'privacy.request.approve',
      'privacy.request.complete',
    ]);
  });

  it('refusal states its reason to the requester', async () => {
    const { cookie } = await signUp(t.app);
    const req = (await ask(cookie, { type: 'rectification', details: 'My name is wrong' })).json();
    const short = await staffPost(`/api/v1/staff/privacy/requests/${req.id}/refuse`, { reason: 'no' });
    expect(short.statusCode).toBe(422);
    await staffPost(`/api/v1/staff/privacy/requests/${req.id}/refuse`, {
      reason: 'Your name can be changed in the Account section directly.',
    });
    const mine = (
      await t.app.inject({ method: 'GET', url: `/api/v1/privacy/requests/${req.id}`, headers: { cookie } })
    ).json();
    expect(mine).toMatchObject({
      status: 'refused',
      refusalReason: 'Your name can be changed in the Account section directly.',
    });
    expect((await staffPost(`/api/v1/staff/privacy/requests/${req.id}/approve`)).statusCode).toBe(409);
  });

  it('extends once, by up to two months, only before the due date; overdue requests stand out', async () => {
    const { cookie } = await signUp(t.app);
    const req = (await ask(cookie, { type: 'restriction', details: 'Stop using my data for analytics' })).json();
    const ext = await staffPost(`/api/v1/staff/privacy/requests/${req.id}/extend`, {
      months: 2,
      reason: 'Several systems hold this data; we need more time.',
    });
    expect(ext.statusCode).toBe(200);
    expect(new Date(ext.json().dueAt).getTime()).toBeGreaterThan(new Date(req.dueAt).getTime() + 55 * DAY);
    expect(ext.json().extensionReason).toMatch(/Several systems/);
    expect(
      (
        await staffPost(`/api/v1/staff/privacy/requests/${req.id}/extend`, {
          months: 1,
          reason: 'Once more, please, a little more time.',
        })
      ).statusCode,
    ).toBe(409);

    const late = (await ask(cookie, { type: 'rectification', details: 'Address' })).json();
    t.clock.advance(31 * DAY);
    staff = await staffSession(t, ['privacy']);
    expect(
      (
        await staffPost(`/api/v1/staff/privacy/requests/${late.id}/extend`, {
          months: 1,
          reason: 'Too late for this, but asking anyway.',
        })
      ).statusCode,
    ).toBe(422);
    const overdue = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/staff/privacy/requests?overdue=true',
        headers: { cookie: staff.cookie },
      })
    ).json().items;
    expect(overdue.map((r: { id: string }) => r.id)).toContain(late.id);
    expect(overdue.map((r: { id: string }) => r.id)).not.toContain(req.id);
    expect(overdue.find((r: { id: string }) => r.id === late.id).overdue).toBe(true);
  });

  it('objection to marketing withdraws the consent, on record', async () => {
    const { cookie } = await signUp(t.app, { marketingConsent: true });
    const req = (await ask(cookie, { type: 'objection' })).json();
    t.clock.advance(1000);
    await staffPost(`/api/v1/staff/privacy/requests/${req.id}/approve`);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: { cookie } })).json().marketingConsent,
    ).toBe(false);
    const history = (await t.app.inject({ method: 'GET', url: '/api/v1/account/consents', headers: { cookie } })).json()
      .items;
    expect(history[0]).toMatchObject({ granted: false });
  });

  it('the queue is for privacy staff only', async () => {
    const support = await staffSession(t, ['support']);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/staff/privacy/requests',
          headers: { cookie: support.cookie },
        })
      ).statusCode,
    ).toBe(403);
    const customer = await signUp(t.app);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/staff/privacy/requests',
          headers: { cookie: customer.cookie },
        })
      ).statusCode,
    ).toBe(401);
  });
});
