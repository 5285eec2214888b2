import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_MAX_FAILURES: '3' } });
});
afterAll(async () => {
  await t?.close();
});

const signedIn = async (cookie: string) =>
  (await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: { cookie } })).statusCode === 200;
const changePassword = (cookie: string, currentPassword: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/account/password',
    headers: { cookie },
    payload: { currentPassword, newPassword: 'a brand new passphrase for this' },
  });

describe('re-confirming who you are from a signed-in session (#8 review)', () => {
  it('a few wrong current passwords in a row end every session of the account', async () => {
    const { cookie } = await signUp(t.app);
    for (let i = 0; i < 2; i++) {
      expect((await changePassword(cookie, `wrong guess ${i}`)).statusCode).toBe(422);
      expect(await signedIn(cookie)).toBe(true);
    }
    expect((await changePassword(cookie, 'third wrong guess')).statusCode).toBe(422);
    expect(await signedIn(cookie)).toBe(false);
  });

  it('a right answer starts the count again', async () => {
    const { body, cookie } = await signUp(t.app);
    const ask = (confirmPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/privacy/requests',
        headers: { cookie },
        payload: { type: 'access', confirmPassword },
      });
    expect((await ask('wrong one')).statusCode).toBe(422);
    expect((await ask('wrong two')).statusCode).toBe(422);
    expect((await ask(body.password)).statusCode).toBe(201);
    expect((await ask('wrong three')).statusCode).toBe(422);
    expect(await signedIn(cookie)).toBe(true);
  });

  it('guessing codes to turn two-factor off ends every session too', async () => {
    const { body, cookie } = await signUp(t.app);
    const start = (await t.app.inject({ method: 'POST', url: '/api/v1/account/mfa/totp', headers: { cookie } })).json();
    const code = await generate({ secret: start.secret, epoch: Math.floor(t.clock.now().getTime() / 1000) });
    const on = await t.app.inject({
      method: 'POST',
      url: '/api/v1/account/mfa/totp/confirm',
      headers: { cookie },
      payload: { code, currentPassword: body.password },
    });
    expect(on.statusCode).toBe(200);
    const disable = (c: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/account/mfa/totp/disable',
        headers: { cookie },
        payload: { code: c },
      });
    for (const guess of ['000000', '111111']) expect((await disable(guess)).statusCode).toBe(422);
    expect(await signedIn(cookie)).toBe(true);
    await disable('222222');
    expect(await signedIn(cookie)).toBe(false);
  });
});
