import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, signupBody, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const passwordError = (res: { json(): { errors?: { field: string; message: string }[] } }) =>
  res.json().errors?.find((e) => e.field === 'password');

describe('passwords easy to guess are refused', () => {
  it.each(['aaaaaaaaaaaa', 'qwertyuiopas'])('at sign-up: %s is a 422 naming password, saying why', async (password) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: signupBody({ password }) });
    expect(res.statusCode).toBe(422);
    expect(passwordError(res)?.message).toMatch(/too easy to guess/);
  });

  it("at sign-up: one made of the person's own name", async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: signupBody({ firstName: 'Wilhelmina', lastName: 'Zyxwvut', password: 'wilhelminazyxwvut' }),
    });
    expect(res.statusCode).toBe(422);
    expect(passwordError(res)?.message).toMatch(/your name or email/);
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: signupBody({ password: 'wilhelminazyxwvut' }),
    });
    expect(other.statusCode).toBe(201);
  });

  it("when changing it, against the account's own name", async () => {
    const { cookie, body } = await signUp(t.app, { firstName: 'Wilhelmina', lastName: 'Zyxwvut' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/account/password',
      headers: { cookie },
      payload: { currentPassword: body.password, newPassword: 'zyxwvutwilhelmina' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ field: 'newPassword', message: expect.stringMatching(/your name or email/) }]);
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/v1/account/password',
      headers: { cookie },
      payload: { currentPassword: body.password, newPassword: 'aaaaaaaaaaaa' },
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().errors[0]).toMatchObject({ field: 'newPassword' });
  });
});
