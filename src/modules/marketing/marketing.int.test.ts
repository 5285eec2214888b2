import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, staffSession, type TestApp } from '../../../test/harness.js';
import { startTestSmtp } from '../../../test/smtp.js';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({ env: { SMTP_URL: smtp.url } });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const sent = (email: string) =>
  smtp.received.filter((m) => m.to.includes(email) && m.raw.includes('Spring offers')).length;
const offer = { subject: 'Spring offers', text: 'Spring offers for your shop.' };

describe('marketing sends check, at send time, for every message (M1, D3, Art. 21)', () => {
  it('goes out only with consent', async () => {
    const yes = await signUp(t.app, { marketingConsent: true });
    const no = await signUp(t.app);
    expect(await t.platform.marketing.sendMarketing(yes.account.id, offer)).toEqual({ sent: true });
    expect(await t.platform.marketing.sendMarketing(no.account.id, offer)).toEqual({
      sent: false,
      reason: 'no-consent',
    });
    expect(sent(yes.body.email)).toBe(1);
    expect(sent(no.body.email)).toBe(0);
  });

  it('a restriction blocks a marketing send, even with consent', async () => {
    const { account, body, cookie } = await signUp(t.app, { marketingConsent: true });
    const req = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/privacy/requests',
        headers: { cookie },
        payload: { type: 'restriction', details: 'Do not use my data for marketing for now' },
      })
    ).json();
    const staff = await staffSession(t, ['privacy']);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/privacy/requests/${req.id}/approve`,
      headers: { cookie: staff.cookie },
    });
    expect(await t.platform.marketing.sendMarketing(account.id, offer)).toEqual({ sent: false, reason: 'restricted' });
    expect(sent(body.email)).toBe(0);

    // Staff who open the account see that the purpose is restricted.
    const view = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/staff/accounts/${account.id}`,
        headers: { cookie: staff.cookie },
      })
    ).json();
    expect(view.restrictions).toEqual([
      { id: expect.stringMatching(/^rst_/), purpose: 'marketing', since: expect.any(String) },
    ]);

    // Lifting: the person is told first; the restriction holds until the notice period ends.
    const [restriction] = await t.platform.marketing.listRestrictions(account.id);
    const lift = await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/privacy/restrictions/${restriction!.id}/lift`,
      headers: { cookie: staff.cookie },
    });
    expect(lift.statusCode).toBe(202);
    expect(smtp.lastTo(body.email)).toContain('restriction on using your data for marketing will end on');
    await t.platform.jobs.runDue();
    expect(await t.platform.marketing.isRestricted(account.id, 'marketing')).toBe(true);
    t.clock.advance(7 * 86_400_000 + 1000);
    await t.platform.jobs.runDue();
    expect(await t.platform.marketing.isRestricted(account.id, 'marketing')).toBe(false);
    expect(await t.platform.marketing.sendMarketing(account.id, offer)).toEqual({ sent: true });
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/staff/accounts/${account.id}`,
          headers: { cookie: staff.cookie },
        })
      ).json().restrictions,
    ).toEqual([]);
  });

  it('suppression wins over a stale consent', async () => {
    const { account, body } = await signUp(t.app, { marketingConsent: true });
    // An objection made through the public form: the account's consent flag was never touched.
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/privacy/public-requests',
      payload: { email: body.email, type: 'objection' },
    });
    const token = /verify\?token=([A-Za-z0-9_-]+)/.exec(
      smtp
        .lastTo(body.email)!
        .replace(/=\r?\n/g, '')
        .replace(/=3D/g, '='),
    )![1]!;
    const verified = (
      await t.app.inject({ method: 'POST', url: '/api/v1/privacy/public-requests/verify', payload: { token } })
    ).json();
    await t.platform.db
      .updateTable('privacy_request')
      .set({ account_id: null, requester_email: body.email })
      .where('id', '=', verified.id)
      .execute();
    const staff = await staffSession(t, ['privacy']);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/privacy/requests/${verified.id}/approve`,
      headers: { cookie: staff.cookie },
    });
    const flag = await t.platform.db
      .selectFrom('account')
      .select('marketing_consent')
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(flag.marketing_consent).toBe(true); // stale: still says yes
    expect(await t.platform.marketing.sendMarketing(account.id, offer)).toEqual({ sent: false, reason: 'suppressed' });
    expect(sent(body.email)).toBe(0);
    const rows = await t.platform.db.selectFrom('marketing_suppression').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(body.email);
  });

  it('checks again when the outbox delivers: consent withdrawn after the message was queued stops it', async () => {
    const { body, account, cookie } = await signUp(t.app, { marketingConsent: true });
    // The mail server is busy: the message waits in the outbox for its next attempt.
    smtp.refuse(1);
    expect(await t.platform.marketing.sendMarketing(account.id, offer)).toEqual({ sent: true });
    expect(sent(body.email)).toBe(0);
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/account/consents/marketing',
      headers: { cookie },
      payload: { granted: false },
    });
    expect(res.statusCode).toBe(200);
    t.clock.advance(2 * 60_000);
    await t.platform.mailer.deliverDue();
    expect(sent(body.email)).toBe(0);
    const row = await t.platform.db
      .selectFrom('mail_outbox')
      .select(['status', 'last_error'])
      .where('account_id', '=', account.id)
      .where('purpose', '=', 'marketing')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'suppressed', last_error: 'no-consent' });
  });
});
