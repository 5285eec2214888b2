import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, staffSession, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('staff console: accounts', () => {
  it('finds an account by email, opens it, and every look is audited', async () => {
    const { account, body } = await signUp(t.app, { company: 'Findable Lda' });
    const staff = await staffSession(t, ['support']);
    const search = await t.app.inject({
      method: 'GET',
      url: `/api/v1/staff/accounts?q=${encodeURIComponent(body.email.toUpperCase())}`,
      headers: { cookie: staff.cookie },
    });
    expect(search.statusCode).toBe(200);
    expect(search.json().items.map((i: { id: string }) => i.id)).toEqual([account.id]);
    const view = await t.app.inject({
      method: 'GET',
      url: `/api/v1/staff/accounts/${account.id}`,
      headers: { cookie: staff.cookie },
    });
    expect(view.statusCode).toBe(200);
    expect(view.json().account.email).toBe(body.email);
    expect(view.json().accessHistory[0].kind).toBe('signup');
    const entries = await t.platform.audit.listForTarget({ kind: 'account', id: account.id });
    expect(entries.find((e) => e.action === 'staff.account.view')).toMatchObject({
      actor_kind: 'staff',
      actor_id: staff.staff.id,
    });
    const searches = await t.platform.db
      .selectFrom('audit_log')
      .select(['data'])
      .where('action', '=', 'staff.accounts.search')
      .where('actor_id', '=', staff.staff.id)
      .execute();
    expect(searches).toEqual([{ data: { results: 1, filtered: true } }]);
  });

  it('treats LIKE wildcards as plain text', async () => {
    await signUp(t.app);
    const staff = await staffSession(t, ['support']);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/staff/accounts?q=%25',
      headers: { cookie: staff.cookie },
    });
    expect(res.json().items).toEqual([]);
  });

  it('is closed to customers and answers 404 for an unknown account', async () => {
    const customer = await signUp(t.app);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/staff/accounts', headers: { cookie: customer.cookie } }))
        .statusCode,
    ).toBe(401);
    const staff = await staffSession(t, ['billing']);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/staff/accounts/acc_missing',
          headers: { cookie: staff.cookie },
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('staff console: audit log', () => {
  it('lists entries for privacy staff, reports the chain, and refuses support staff', async () => {
    const { account } = await signUp(t.app);
    const privacy = await staffSession(t, ['privacy']);
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/staff/audit?targetKind=account&targetId=${account.id}`,
      headers: { cookie: privacy.cookie },
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((e: { action: string }) => e.action)).toContain('account.signup');
    const verify = await t.app.inject({
      method: 'GET',
      url: '/api/v1/staff/audit/verify',
      headers: { cookie: privacy.cookie },
    });
    expect(verify.json()).toMatchObject({ ok: true });
    const support = await staffSession(t, ['support']);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/staff/audit', headers: { cookie: support.cookie } }))
        .statusCode,
    ).toBe(403);
  });
});
