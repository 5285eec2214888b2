import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorContext } from '../../core/context.js';
import { cookieFrom, createTestApp, signUp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_MAX_FAILURES: '50' } });
});
afterAll(async () => {
  await t?.close();
});

const codeFor = (secret: string) => generate({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) });

async function enrol(cookie: string, currentPassword: string, base = '/api/v1/account/mfa') {
  const start = await t.app.inject({ method: 'POST', url: `${base}/totp`, headers: { cookie } });
  expect(start.statusCode).toBe(200);
  const { secret, otpauthUri, qrSvg } = start.json();
  expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/SellRocket:/);
  expect(qrSvg).toMatch(/^<svg/);
  const confirm = await t.app.inject({
    method: 'POST',
    url: `${base}/totp/confirm`,
    headers: { cookie },
    payload: { code: await codeFor(secret), currentPassword },
  });
  expect(confirm.statusCode).toBe(200);
  return { secret, recoveryCodes: confirm.json().recoveryCodes as string[] };
}

describe('turning two-factor sign-in on', () => {
  const confirm = async (cookie: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/account/mfa/totp/confirm', headers: { cookie }, payload });

  it('needs the current password: missing or wrong is a 422 naming currentPassword, and it stays off', async () => {
    const { cookie } = await signUp(t.app);
    const { secret } = (
      await t.app.inject({ method: 'POST', url: '/api/v1/account/mfa/totp', headers: { cookie } })
    ).json();
    const missing = await confirm(cookie, { code: await codeFor(secret) });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors).toEqual([{ field: 'currentPassword', message: 'Required' }]);
    const wrong = await confirm(cookie, { code: await codeFor(secret), currentPassword: 'not my password at all' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors).toEqual([{ field: 'currentPassword', message: expect.stringMatching(/not correct/) }]);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/account/mfa', headers: { cookie } })).json().totpEnabled,
    ).toBe(false);
  });

  it("signs out the person's other sessions, and keeps this one", async () => {
    const { body, cookie } = await signUp(t.app);
    const other = cookieFrom(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: body.email, password: body.password },
      }),
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: { cookie: other } })).statusCode).toBe(
      200,
    );
    await enrol(cookie, body.password);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: { cookie: other } })).statusCode).toBe(
      401,
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: { cookie } })).statusCode).toBe(200);
  });
});

describe('two-factor sign-in for merchants', () => {
  it('enrols with a QR code, then requires a code at sign-in', async () => {
    const { body, cookie, account } = await signUp(t.app);
    const { secret, recoveryCodes } = await enrol(cookie, body.password);
    expect(recoveryCodes).toHaveLength(10);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account/mfa', headers: { cookie } })).json()).toEqual({
      totpEnabled: true,
      recoveryCodesLeft: 10,
    });

    const stored = await t.platform.db
      .selectFrom('account_mfa')
      .select('totp_secret')
      .where('account_id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(stored.totp_secret).not.toContain(secret);
    const hashes = await t.platform.db
      .selectFrom('account_mfa_recovery')
      .select('code_hash')
      .where('account_id', '=', account.id)
      .execute();
    for (const h of hashes) for (const c of recoveryCodes) expect(h.code_hash).not.toContain(c.replace('-', ''));

    const noCode = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: body.email, password: body.password },
    });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json()).toMatchObject({ type: 'urn:sellrocket:problem:mfa_required', errors: [{ field: 'code' }] });
    expect(noCode.cookies).toHaveLength(0);

    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: body.email, password: body.password, code: '000000' },
    });
    expect(wrong.statusCode).toBe(401);

    t.clock.advance(30_000); // the next time step: the enrolment code is spent
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: body.email, password: body.password, code: await codeFor(secret) },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.cookies.map((c) => c.name)).toContain('sr_session');
  });

  it('never accepts the same code twice', async () => {
    const { body, cookie } = await signUp(t.app);
    const { secret } = await enrol(cookie, body.password);
    t.clock.advance(30_000);
    const code = await codeFor(secret);
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: body.email, password: body.password, code },
    });
    expect(first.statusCode).toBe(200);
    const replay = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: body.email, password: body.password, code },
    });
    expect(replay.statusCode).toBe(401);
  });

  it('takes each recovery code once, and turns off with a code', async () => {
    const { body, cookie } = await signUp(t.app);
    const { secret, recoveryCodes } = await enrol(cookie, body.password);
    const login = (code: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: body.email, password: body.password, code },
      });
    expect((await login(recoveryCodes[0]!.toUpperCase())).statusCode).toBe(200);
    expect((await login(recoveryCodes[0]!)).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/account/mfa', headers: { cookie } })).json().recoveryCodesLeft,
    ).toBe(9);
    t.clock.advance(30_000);
    const off = await t.app.inject({
      method: 'POST',
      url: '/api/v1/account/mfa/totp/disable',
      headers: { cookie },
      payload: { code: await codeFor(secret) },
    });
    expect(off.statusCode).toBe(204);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: body.email, password: body.password },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('refuses a wrong first code and keeps two-factor off', async () => {
    const { cookie, body } = await signUp(t.app);
    await t.app.inject({ method: 'POST', url: '/api/v1/account/mfa/totp', headers: { cookie } });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/account/mfa/totp/confirm',
      headers: { cookie },
      payload: { code: '123456', currentPassword: body.password },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'code' })]);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/account/mfa', headers: { cookie } })).json().totpEnabled,
    ).toBe(false);
  });
});

describe('two-factor sign-in for staff', () => {
  it('keeps the console closed to staff who must enrol, until they have', async () => {
    const email = 'mustenrol@sellrocket.test';
    const password = 'staff password for tests';
    await t.platform.staff.createStaff(operatorContext(t.clock.now()), {
      email,
      name: 'Must Enrol',
      roles: ['admin'],
      password,
      mfaRequired: true,
    });
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/staff/auth/login', payload: { email, password } });
    expect(login.statusCode).toBe(200);
    const cookie = cookieFrom(login);
    const closed = await t.app.inject({ method: 'GET', url: '/api/v1/staff/accounts', headers: { cookie } });
    expect(closed.statusCode).toBe(403);
    expect(closed.json().type).toBe('urn:sellrocket:problem:mfa_enrolment_required');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/staff/me', headers: { cookie } })).json()).toMatchObject({
      mfaRequired: true,
    });
    const { secret } = await enrol(cookie, password, '/api/v1/staff/mfa');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/staff/accounts', headers: { cookie } })).statusCode).toBe(
      200,
    );
    t.clock.advance(30_000);
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/staff/auth/login', payload: { email, password } });
    expect(again.statusCode).toBe(401);
    const withCode = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/auth/login',
      payload: { email, password, code: await codeFor(secret) },
    });
    expect(withCode.statusCode).toBe(200);
  });
});
