import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { cookieFrom, createTestApp, signUp, signupBody, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const signup = (payload: unknown, remoteAddress = '203.0.113.10') =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: payload as object, remoteAddress });

function without(body: Record<string, any>, path: string) {
  const copy = structuredClone(body);
  const parts = path.split('.');
  let node = copy;
  for (const p of parts.slice(0, -1)) node = node[p];
  delete node[parts.at(-1)!];
  return copy;
}

describe('signup (C1, C2, C4)', () => {
  it('opens an account and signs it in', async () => {
    const body = signupBody({ company: 'Flores, Lda.', nif: 'PT 501 964 843' });
    const res = await signup(body);
    expect(res.statusCode).toBe(201);
    const account = res.json();
    expect(account).toMatchObject({
      email: body.email,
      phone: '+351912345678',
      company: 'Flores, Lda.',
      nif: 'PT501964843',
      marketingConsent: false,
    });
    expect(account.id).toMatch(/^acc_/);
    expect(account).not.toHaveProperty('password');
    expect(account).not.toHaveProperty('passwordHash');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: { cookie: cookieFrom(res) } });
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(account.id);
  });

  it.each([
    'firstName',
    'lastName',
    'email',
    'password',
    'phone',
    'address',
    'address.line1',
    'address.postalCode',
    'address.city',
    'address.country',
  ])('without %s → 422 naming it', async (field) => {
    const res = await signup(without(signupBody(), field));
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('names every wrong field in one answer and writes nothing', async () => {
    const body = signupBody({ firstName: '', phone: '12', nif: '123456780', password: 'short' });
    const res = await signup(body);
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['firstName', 'nif', 'password', 'phone']);
    const rows = await t.platform.db.selectFrom('account').select('id').where('email', '=', body.email).execute();
    expect(rows).toHaveLength(0);
  });

  it('a failure midway leaves nothing half-written', async () => {
    // Make the last write of a signup (the consent record) fail, as a full disk or a bug would.
    await sql
      .raw(
        `create function fail_consent() returns trigger language plpgsql as $$ begin raise exception 'simulated failure'; end $$;
      create trigger fail_consent before insert on consent_record for each row execute function fail_consent();`,
      )
      .execute(t.platform.db);
    try {
      const body = signupBody({ marketingConsent: true });
      const res = await signup(body);
      expect(res.statusCode).toBe(500);
      expect(res.json().detail).not.toContain('simulated');
      const accounts = await t.platform.db.selectFrom('account').select('id').where('email', '=', body.email).execute();
      expect(accounts).toHaveLength(0);
      const audit = await sql<{
        n: number;
      }>`select count(*)::int as n from audit_log where action = 'account.signup' and at = ${t.clock.now()} and actor_id not in (select id from account)`.execute(
        t.platform.db,
      );
      expect(audit.rows[0]!.n).toBe(0);
    } finally {
      await sql
        .raw('drop trigger fail_consent on consent_record; drop function fail_consent();')
        .execute(t.platform.db);
    }
  });

  it('company is optional, and so is the NIF (C1, C2)', async () => {
    const res = await signup(signupBody());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ company: null, nif: null });
  });

  it.each([
    ['PT', '123456789', true],
    ['PT', 'PT 501.964.843', true],
    ['PT', '501964840', false],
    ['PT', '401964843', false],
    ['DE', 'DE111111125', true],
    ['DE', 'DE111111124', false],
    ['ES', 'A28015865', true],
    ['FR', 'DE111111125', false],
  ])('NIF for a %s account: %s → accepted %s', async (country, nif, ok) => {
    const phone = { PT: '+351912345678', DE: '+4915112345678', ES: '+34612345678', FR: '+33612345678' }[country];
    const res = await signup(
      signupBody({
        nif,
        phone,
        address: { line1: 'Street 1', postalCode: country === 'PT' ? '4050-262' : '10115', city: 'City', country },
      }),
    );
    expect(res.statusCode).toBe(ok ? 201 : 422);
    if (!ok) expect(res.json().errors).toEqual([expect.objectContaining({ field: 'nif' })]);
  });

  it('refuses an invalid phone and stores a valid one in E.164', async () => {
    const bad = await signup(signupBody({ phone: '+351 12' }));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'phone' })]);
    const good = await signup(
      signupBody({
        phone: '(030) 901820',
        address: { line1: 'Unter den Linden 1', postalCode: '10117', city: 'Berlin', country: 'DE' },
      }),
    );
    expect(good.statusCode).toBe(201);
    expect(good.json().phone).toBe('+4930901820');
  });

  it('refuses an unknown country code', async () => {
    const res = await signup(signupBody({ address: { line1: 'x', postalCode: '1', city: 'y', country: 'XX' } }));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('address.country');
  });

  it.each([
    ['short', 'elevenchars'],
    ['too long', 'x'.repeat(129)],
    ['common', 'qwerty123456'],
    ['breached', '1qaz2wsx3edc'],
  ])('refuses a %s password', async (_why, password) => {
    const res = await signup(signupBody({ password }));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'password' })]);
  });

  it('accepts a 12-character password without composition rules', async () => {
    expect((await signup(signupBody({ password: 'plain words x' }))).statusCode).toBe(201);
  });

  it('answers 409 to a taken email, whatever its case, without telling more', async () => {
    const first = signupBody();
    expect((await signup(first)).statusCode).toBe(201);
    const res = await signup(signupBody({ email: first.email.toUpperCase() }));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ status: 409, title: 'Conflict' });
    expect(res.body).not.toMatch(/acc_/);
    expect(res.body).not.toContain('Maria');
  });

  it('stores the password only as an argon2id hash (m=19456, t=2, p=1)', async () => {
    const { body, account } = await signUp(t.app);
    const row = await t.platform.db
      .selectFrom('account')
      .select('password_hash')
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.password_hash).not.toContain(body.password);
    const dump = await sql<{
      t: string;
    }>`select row_to_json(a)::text as t from account a where id = ${account.id}`.execute(t.platform.db);
    expect(dump.rows[0]!.t).not.toContain(body.password);
  });
});

describe('sign-in and sessions', () => {
  it('logs in with a session cookie that is HttpOnly and SameSite=Lax, and logs out', async () => {
    const { body } = await signUp(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: body.email.toUpperCase(), password: body.password },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'sr_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy(); // plain http, no trusted proxy
    const headers = { cookie: cookieFrom(res) };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers })).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers })).statusCode).toBe(401);
  });

  it('answers the same 401 for an unknown email and a wrong password', async () => {
    const { body } = await signUp(t.app);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: body.email, password: 'not the password' },
      remoteAddress: '203.0.113.50',
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: `nobody.${Date.now()}@example.pt`, password: 'not the password' },
      remoteAddress: '203.0.113.51',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (b: Record<string, unknown>) => ({ ...b, instance: undefined });
    expect(strip(wrong.json())).toEqual(strip(unknown.json()));
  });

  it('tells the web app who is signed in without a 401', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session' });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({ account: null });
    const { account, cookie } = await signUp(t.app);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } });
    expect(me.json().account.id).toBe(account.id);
  });

  it('stores only a hash of the session token', async () => {
    const { account, cookie } = await signUp(t.app);
    const token = cookie.split('=')[1]!;
    const rows = await t.platform.db
      .selectFrom('account_session')
      .select('token_hash')
      .where('account_id', '=', account.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).not.toBe(token);
    expect(rows[0]!.token_hash).not.toContain(token);
  });

  it('expires sessions', async () => {
    const { cookie } = await signUp(t.app);
    t.clock.advance(t.config.sessionTtlMs + 1000);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: { cookie } });
    t.clock.advance(-(t.config.sessionTtlMs + 1000));
    expect(res.statusCode).toBe(401);
  });

  it("lists the owner's sessions and revokes another one", async () => {
    const { body, cookie: first } = await signUp(t.app);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: body.email, password: body.password },
      headers: { 'user-agent': 'Second Browser' },
    });
    const second = cookieFrom(login);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/account/sessions', headers: { cookie: first } });
    const items = list.json().items as { id: string; current: boolean; userAgent: string | null }[];
    expect(items).toHaveLength(2);
    const other = items.find((s) => !s.current)!;
    expect(other.userAgent).toBe('Second Browser');
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/account/sessions/${other.id}`,
      headers: { cookie: first },
    });
    expect(del.statusCode).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: { cookie: second } })).statusCode,
    ).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: { cookie: first } })).statusCode).toBe(
      200,
    );
  });

  it('records the IP and time of every sign-in in the access history (T2)', async () => {
    const { body, cookie } = await signUp(t.app, {}, '203.0.113.77');
    t.clock.advance(1000);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: body.email, password: body.password },
      remoteAddress: '198.51.100.23',
    });
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/account/access-history', headers: { cookie } });
    const items = res.json().items as { kind: string; ip: string; at: string }[];
    expect(items.map((i) => [i.kind, i.ip])).toEqual([
      ['login', '198.51.100.23'],
      ['signup', '203.0.113.77'],
    ]);
    expect(new Date(items[0]!.at).getTime()).toBe(t.clock.now().getTime());
  });

  it('changing the password needs the current one and revokes the other sessions', async () => {
    const { body, cookie } = await signUp(t.app);
    const other = cookieFrom(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: body.email, password: body.password },
      }),
    );
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/account/password',
      headers: { cookie },
      payload: { currentPassword: 'wrong wrong wrong', newPassword: 'a brand new passphrase' },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/account/password',
      headers: { cookie },
      payload: { currentPassword: body.password, newPassword: 'a brand new passphrase' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ revokedSessions: 1 });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: { cookie: other } })).statusCode).toBe(
      401,
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: { cookie } })).statusCode).toBe(200);
    const relog = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: body.email, password: 'a brand new passphrase' },
    });
    expect(relog.statusCode).toBe(200);
  });
});

describe('rectification (D2)', () => {
  it('changes name, email, phone, company, NIF and address, audited by field name only', async () => {
    const { account, cookie } = await signUp(t.app);
    const newEmail = `renamed.${Date.now()}@example.pt`;
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/account',
      headers: { cookie },
      payload: {
        firstName: 'Mariana',
        email: newEmail,
        phone: '+351 934 567 890',
        company: 'Nova, S.A.',
        nif: '501964843',
        address: { line1: 'Avenida 5', postalCode: '1000-001', city: 'Lisboa', country: 'PT' },
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      firstName: 'Mariana',
      email: newEmail,
      phone: '+351934567890',
      company: 'Nova, S.A.',
      nif: 'PT501964843',
      address: { city: 'Lisboa' },
    });
    const again = await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: { cookie } });
    expect(again.json().email).toBe(newEmail);
    const audit = await t.platform.audit.listForTarget({ kind: 'account', id: account.id });
    const entry = audit.find((a) => a.action === 'account.rectify')!;
    expect(entry.data).toEqual({
      fields: ['address_line1', 'city', 'company', 'email', 'first_name', 'nif', 'phone', 'postal_code'],
    });
    const everything = await sql<{
      t: string;
    }>`select coalesce(string_agg(row_to_json(a)::text, ''), '') as t from audit_log a`.execute(t.platform.db);
    for (const value of [newEmail, 'Mariana', '+351934567890', 'Nova, S.A.', 'Avenida 5'])
      expect(everything.rows[0]!.t).not.toContain(value);
  });

  it('refuses invalid changes and keeps the record whole', async () => {
    const { body, cookie } = await signUp(t.app);
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/account',
      headers: { cookie },
      payload: { firstName: 'Changed', nif: '999999999' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'nif' })]);
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: { cookie } })).json();
    expect(me.firstName).toBe(body.firstName);
  });

  it('refuses an email that another account uses', async () => {
    const a = await signUp(t.app);
    const b = await signUp(t.app);
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/account',
      headers: { cookie: b.cookie },
      payload: { email: a.body.email },
    });
    expect(res.statusCode).toBe(409);
  });

  it('re-checks the NIF when the country changes', async () => {
    const { cookie } = await signUp(t.app, { nif: '501964843' });
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/account',
      headers: { cookie },
      payload: { address: { line1: 'Calle 1', postalCode: '28001', city: 'Madrid', country: 'ES' } },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'nif' })]);
  });
});

describe('marketing consent (M1, M2)', () => {
  it('is off unless the box was ticked, and then recorded with notice, method, IP and browser', async () => {
    const off = await signUp(t.app);
    expect(
      await t.platform.db.selectFrom('consent_record').select('id').where('account_id', '=', off.account.id).execute(),
    ).toHaveLength(0);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: signupBody({ marketingConsent: true }),
      remoteAddress: '192.0.2.44',
      headers: { 'user-agent': 'Mozilla/5.0 Test' },
    });
    const id = res.json().id as string;
    expect(res.json().marketingConsent).toBe(true);
    const records = await t.platform.db.selectFrom('consent_record').selectAll().where('account_id', '=', id).execute();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      purpose: 'marketing',
      granted: true,
      method: 'signup-form',
      ip: '192.0.2.44',
      user_agent: 'Mozilla/5.0 Test',
      notice_version: 'marketing-2026-11',
    });
    expect(records[0]!.notice_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(new Date(records[0]!.recorded_at).getTime()).toBe(t.clock.now().getTime());
  });

  it('is withdrawn in one call, and both decisions stay on record', async () => {
    const { account, cookie } = await signUp(t.app, { marketingConsent: true });
    t.clock.advance(60_000);
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/account/consents/marketing',
      headers: { cookie },
      payload: { granted: false },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ purpose: 'marketing', granted: false, method: 'account-settings' });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: { cookie } })).json().marketingConsent,
    ).toBe(false);
    const history = (await t.app.inject({ method: 'GET', url: '/api/v1/account/consents', headers: { cookie } })).json()
      .items;
    expect(history.map((h: { granted: boolean }) => h.granted)).toEqual([false, true]);
    const actions = (await t.platform.audit.listForTarget({ kind: 'account', id: account.id })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['consent.grant', 'consent.withdraw']));
  });
});

describe('tenant isolation', () => {
  it("one account can neither see nor revoke another account's sessions", async () => {
    const a = await signUp(t.app);
    const b = await signUp(t.app);
    const aSessions = (
      await t.app.inject({ method: 'GET', url: '/api/v1/account/sessions', headers: { cookie: a.cookie } })
    ).json().items as { id: string }[];
    const bSees = (
      await t.app.inject({ method: 'GET', url: '/api/v1/account/sessions', headers: { cookie: b.cookie } })
    ).json().items as { id: string }[];
    expect(bSees.map((s) => s.id)).not.toContain(aSessions[0]!.id);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/account/sessions/${aSessions[0]!.id}`,
      headers: { cookie: b.cookie },
    });
    expect(del.statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: { cookie: a.cookie } })).statusCode,
    ).toBe(200);
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: { cookie: b.cookie } })).json();
    expect(me.id).toBe(b.account.id);
  });

  it('a customer session is not a staff session', async () => {
    const a = await signUp(t.app);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/privacy/data-map', headers: { cookie: a.cookie } });
    expect(res.statusCode).toBe(401);
  });

  it('asks the tax authority about a Portuguese NIF (T4): one it never assigned is refused, its service down is no refusal', async () => {
    const unknown = await signup(signupBody({ nif: 'PT501968881' }), '203.0.113.61');
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors).toEqual([
      { field: 'nif', message: 'The tax authority (AT) has no taxpayer with this NIF.' },
    ]);
    // 999 before the check digit: the simulator's authority is down; the check digits suffice.
    const down = await signup(signupBody({ nif: 'PT123459990' }), '203.0.113.62');
    expect(down.statusCode, down.body).toBe(201);
    const cookie = cookieFrom(down);
    const change = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/account',
      headers: { cookie },
      payload: { nif: 'PT123458889' },
    });
    expect(change.statusCode).toBe(422);
  });
});
