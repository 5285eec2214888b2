import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyedHash } from '../../core/crypto/tokens.js';
import { systemContext } from '../../core/context.js';
import { createTestApp, signUp, staffSession, type TestApp } from '../../../test/harness.js';
import { startTestSmtp } from '../../../test/smtp.js';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({
    onError: () => undefined,
    env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://shops.example.com' },
  });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});
const tokenIn = (mail: string | undefined) => /verify\?token=([A-Za-z0-9_%-]+)/.exec(mail ?? '')?.[1];
const journalFor = async (accountId: string) =>
  t.platform.db
    .selectFrom('erasure_journal')
    .select('id')
    .where('subject_ref', '=', keyedHash(t.platform.secrets.hashKey, `customer:${accountId}`))
    .execute();

async function erasureRequest() {
  const { body, cookie, account } = await signUp(t.app);
  const staff = await staffSession(t, ['privacy']);
  const req = (
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/privacy/requests',
      headers: { cookie },
      payload: { type: 'erasure', confirmPassword: body.password },
    })
  ).json();
  return { body, cookie, account, staff, req };
}

describe('what an erasure reaches (#8 review)', () => {
  it('also takes the requests its address made before the account existed, instead of failing on them for ever', async () => {
    const email = `later.${Date.now()}@example.org`;
    await t.app.inject({ method: 'POST', url: '/api/v1/privacy/public-requests', payload: { email, type: 'access' } });
    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/v1/privacy/public-requests/verify',
      payload: { token: decodeURIComponent(tokenIn(smtp.lastTo(email))!) },
    });
    expect(verified.statusCode).toBe(201);
    const { body, cookie, account } = await signUp(t.app, { email });
    const staff = await staffSession(t, ['privacy']);
    const req = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/privacy/requests',
        headers: { cookie },
        payload: { type: 'erasure', confirmPassword: body.password },
      })
    ).json();
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/privacy/requests/${req.id}/approve`,
      headers: { cookie: staff.cookie },
    });
    expect((await t.platform.jobs.runDue()).failed).toBe(0);
    expect(await t.platform.db.selectFrom('account').select('id').where('id', '=', account.id).execute()).toEqual([]);
    expect(
      await t.platform.db.selectFrom('privacy_request').select('id').where('requester_email', '=', email).execute(),
    ).toEqual([]);
  });

  it('run twice at once (two workers), erases once and completes the request once', async () => {
    const { account, staff, req } = await erasureRequest();
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/privacy/requests/${req.id}/approve`,
      headers: { cookie: staff.cookie },
    });
    const ctx = systemContext(t.clock.now());
    const input = { requestId: req.id as string, subjects: [{ kind: 'customer' as const, id: account.id }] };
    const [a, b] = await Promise.all([t.platform.erasure.erase(ctx, input), t.platform.erasure.erase(ctx, input)]);
    expect([a.journalIds.length, b.journalIds.length].sort()).toEqual([0, 1]);
    expect(await journalFor(account.id)).toHaveLength(1);
    const completions = await t.platform.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'privacy.request.complete')
      .where('target_id', '=', req.id)
      .execute();
    expect(completions).toHaveLength(1);
  });

  it('approved twice at once, queues the work once', async () => {
    const { staff, req } = await erasureRequest();
    const approve = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/staff/privacy/requests/${req.id}/approve`,
        headers: { cookie: staff.cookie },
      });
    const codes = (await Promise.all([approve(), approve()])).map((r) => r.statusCode).sort();
    expect(codes[0]).toBe(200);
    expect(codes[1]).toBeGreaterThanOrEqual(400);
    const jobs = await t.platform.db
      .selectFrom('job')
      .select('id')
      .where('kind', '=', 'privacy.erase')
      .where(sql<string>`payload->>'requestId'`, '=', req.id)
      .execute();
    expect(jobs).toHaveLength(1);
  });
});
