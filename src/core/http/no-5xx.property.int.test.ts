import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, signUp, staffSession, type TestApp } from '../../../test/harness.js';
import { nearValid, oneFieldWrong } from '../../../test/json-schema-arbitrary.js';

// Modest on purpose: two cores shared by the whole suite. Raise locally with FC_RUNS to dig deeper.
const runsPerRoute = Number(process.env.FC_RUNS ?? 30);

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

interface Operation {
  method: 'POST' | 'PUT' | 'PATCH';
  path: string;
  bodySchema: object | undefined;
}

async function stateChangingOperations(): Promise<Operation[]> {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  const ops: Operation[] = [];
  for (const [path, byMethod] of Object.entries<
    Record<string, { requestBody?: { content?: Record<string, { schema?: object }> } }>
  >(doc.paths)) {
    for (const [method, op] of Object.entries(byMethod)) {
      if (!['post', 'put', 'patch'].includes(method)) continue;
      ops.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        bodySchema: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return ops;
}

const pathParam = fc.oneof(fc.constantFrom('acc_x', 'prq_0000000000', 'x'), fc.string({ minLength: 1, maxLength: 12 }));

let cookie = '';
/** A customer and a staff session, renewed only when a body signed out or closed the ones in use (each costs an argon2 hash). */
async function sessions() {
  const stillIn = async (url: string) =>
    (await t.app.inject({ method: 'GET', url, headers: { cookie } })).statusCode === 200;
  if (!cookie || !(await stillIn('/api/v1/account')) || !(await stillIn('/api/v1/staff/me'))) {
    cookie = `${(await signUp(t.app)).cookie}; ${(await staffSession(t)).cookie}`;
  }
  return cookie;
}

async function send(op: Operation, url: string, payload: unknown, cookie: string) {
  const res = await t.app.inject({
    method: op.method,
    url,
    headers: { cookie, 'content-type': 'application/json' },
    payload: JSON.stringify(payload),
  });
  if (res.statusCode >= 500)
    throw new Error(
      `${op.method} ${url} answered ${res.statusCode} to ${JSON.stringify(payload).slice(0, 300)}: ${res.body}`,
    );
}

it('no state-changing route answers 5xx when any one field has the wrong type', { timeout: 60_000 }, async () => {
  const ops = await stateChangingOperations();
  for (const op of ops) {
    if (!op.bodySchema) continue;
    const url = op.path.replace(/\{[^}]+\}/g, 'x');
    for (const body of oneFieldWrong(op.bodySchema)) await send(op, url, body, await sessions());
  }
});

it('no state-changing route answers 5xx to random or near-valid JSON', { timeout: 60_000 }, async () => {
  const ops = await stateChangingOperations();
  expect(ops.length).toBeGreaterThan(10);
  for (const op of ops) {
    const cookie = await sessions();
    const body = fc.oneof(fc.jsonValue({ maxDepth: 3 }), op.bodySchema ? nearValid(op.bodySchema) : fc.constant({}));
    await fc.assert(
      fc.asyncProperty(body, pathParam, async (payload, param) => {
        const url = op.path.replace(/\{[^}]+\}/g, encodeURIComponent(param));
        await send(op, url, payload, cookie);
      }),
      { numRuns: runsPerRoute },
    );
  }
});
