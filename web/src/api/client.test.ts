import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const sent: Request[] = [];
let answer: () => Response = () => new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
let api: typeof import('./client');

beforeAll(async () => {
  // openapi-fetch takes the global fetch when the client is made: stub it first.
  vi.stubGlobal('location', { origin: 'http://shop.test' });
  vi.stubGlobal('fetch', async (request: Request) => {
    sent.push(request);
    return answer();
  });
  api = await import('./client');
});
afterAll(() => {
  vi.unstubAllGlobals();
});

describe('the API client', () => {
  it('names the language on screen in every request, unless the call names one itself', async () => {
    api.setRequestLanguage('pt-PT');
    await api.call(api.client.GET('/api/v1/terms'));
    await api.call(api.client.GET('/api/v1/terms', { headers: { 'accept-language': 'en' } }));
    expect(sent.map((r) => r.headers.get('accept-language'))).toEqual(['pt-PT', 'en']);
    expect(sent[0]!.url).toBe('http://shop.test/api/v1/terms');
    expect(sent[0]!.credentials).toBe('same-origin');
  });

  it('turns problem+json into an ApiError that names the fields', async () => {
    answer = () =>
      new Response(
        JSON.stringify({
          type: 'urn:sellrocket:problem:validation',
          title: 'Invalid',
          status: 422,
          detail: 'Invalid body: email.',
          errors: [{ field: 'email', message: 'Invalid email' }],
        }),
        { status: 422, headers: { 'content-type': 'application/problem+json' } },
      );
    const error = await api
      .call(api.client.POST('/api/v1/auth/login', { body: { email: 'x', password: 'y' } }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(api.ApiError);
    expect(error).toMatchObject({
      status: 422,
      type: 'urn:sellrocket:problem:validation',
      message: 'Invalid body: email.',
    });
    expect((error as InstanceType<typeof api.ApiError>).fieldErrors()).toEqual({ email: 'Invalid email' });
  });

  it('reports an unreachable server as status 0', async () => {
    answer = () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(api.call(api.client.GET('/api/v1/terms'))).rejects.toMatchObject({ status: 0 });
  });
});
