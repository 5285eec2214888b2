import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, signupBody, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const address = (postalCode: string, country: string) => ({
  line1: 'Rua das Flores 10',
  postalCode,
  city: 'Porto',
  country,
});
const signupWith = (overrides: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: signupBody(overrides) });

describe('address country and postal code', () => {
  it.each(['Po', 'XX', 'PRT', 'P'])('refuses country %s with 422 naming address.country', async (country) => {
    const res = await signupWith({ address: address('4050-262', country), phone: '+351 912 345 678' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual(
      expect.arrayContaining([{ field: 'address.country', message: expect.any(String) }]),
    );
  });

  it('refuses a postal code that is not of the country (PT 99999999), naming address.postalCode', async () => {
    const res = await signupWith({ address: address('99999999', 'PT') });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { field: 'address.postalCode', message: expect.stringMatching(/postal code/i) },
    ]);
  });

  it('accepts 4050-262 in PT, and checks rectification the same way', async () => {
    const { cookie } = await signUp(t.app, { address: address('4050-262', 'PT') });
    const bad = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/account',
      headers: { cookie },
      payload: { address: address('4050 262 X', 'PT') },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('address.postalCode');
    const good = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/account',
      headers: { cookie },
      payload: { address: { ...address('10115', 'DE'), city: 'Berlin' }, phone: '+351 912 345 678' },
    });
    expect(good.statusCode).toBe(200);
  });
});

describe('GET /api/v1/countries', () => {
  it('lists every country with its name in the asked language, sorted by that name', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/countries?lang=pt-PT' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { code: string; name: string }[];
    expect(items.length).toBeGreaterThan(240);
    expect(items.find((c) => c.code === 'DE')?.name).toBe('Alemanha');
    const names = items.map((c) => c.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('pt-PT').compare));
    expect(res.json().lang).toBe('pt');
  });

  it('speaks English by default and for a language it does not have', async () => {
    for (const url of ['/api/v1/countries', '/api/v1/countries?lang=xx']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.json().items.find((c: { code: string }) => c.code === 'DE').name).toBe('Germany');
    }
  });

  it('is declared in the OpenAPI document with its response schema', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/v1/countries'].get.responses['200']).toBeDefined();
  });
});
