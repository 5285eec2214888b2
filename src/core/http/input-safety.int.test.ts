import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, signupBody, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

function post(url: string, payload: unknown, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify(payload),
  });
}

describe('text that no field may hold', () => {
  it('refuses a NUL character with 422 naming the field, nested too', async () => {
    const res = await post('/api/v1/auth/signup', signupBody({ firstName: 'Ma\u0000ria' }));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ field: 'firstName', message: expect.stringMatching(/NUL/) }]);
    const nested = await post(
      '/api/v1/auth/signup',
      signupBody({ address: { line1: 'Rua\u0000', postalCode: '4050-262', city: 'Porto', country: 'PT' } }),
    );
    expect(nested.statusCode).toBe(422);
    expect(nested.json().errors).toEqual([{ field: 'address.line1', message: expect.any(String) }]);
  });

  it('refuses an unpaired surrogate (sent as a JSON escape) with 422 naming the field', async () => {
    const body = JSON.stringify(signupBody()).replace('"Silva"', '"Sil\\ud800va"');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      headers: { 'content-type': 'application/json' },
      payload: body,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ field: 'lastName', message: expect.stringMatching(/surrogate/i) }]);
    const low = JSON.stringify({ email: 'a@example.pt', password: 'x\\udc00' }).replace('\\\\udc00', '\\udc00');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: low,
    });
    expect(login.statusCode).toBe(422);
    expect(login.json().errors[0].field).toBe('password');
  });

  it('accepts paired surrogates (emoji) and ordinary accents', async () => {
    const { account } = await signUp(t.app, { firstName: 'Zé 😀' });
    expect(account.id).toMatch(/^acc_/);
  });

  it('refuses NUL in a query string parameter', async () => {
    const { cookie } = await signUp(t.app);
    const res = await t.app.inject({ method: 'DELETE', url: '/api/v1/account/sessions/ses%00x', headers: { cookie } });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('id');
  });
});

describe('a field of the wrong type', () => {
  it('is a 422 naming the field, never a 500', async () => {
    const res = await post('/api/v1/auth/signup', signupBody({ nif: 123 }));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual(expect.arrayContaining([{ field: 'nif', message: expect.any(String) }]));
    for (const [field, value] of [
      ['phone', 912345678],
      ['address', { country: 7 }],
      ['nif', ['PT']],
      ['nif', { a: 1 }],
    ] as const) {
      const r = await post('/api/v1/auth/signup', signupBody({ [field]: value }));
      expect(r.statusCode, `${field}=${JSON.stringify(value)}`).toBe(422);
      expect(
        r.json().errors.map((e: { field: string }) => e.field.split('.')[0]),
        field,
      ).toContain(field);
    }
  });
});
