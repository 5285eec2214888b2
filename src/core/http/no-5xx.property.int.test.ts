import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, signUp, staffSession, type TestApp } from '../../../test/harness.js';
import { nearValid } from '../../../test/json-schema-arbitrary.js';

// Modest on purpose: two cores shared by the whole suite. Raise locally with FC_RUNS to dig deeper.
const runsPerRoute = Number(process.env.FC_RUNS ?? 30);

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

interface Operation { method: 'POST' | 'PUT' | 'PATCH'; path: string; bodySchema: object | undefined }

async function stateChangingOperations(): Promise<Operation[]> {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  const ops: Operation[] = [];
  for (const [path, byMethod] of Object.entries<Record<string, { requestBody?: { content?: Record<string, { schema?: object }> } }>>(doc.paths)) {
    for (const [method, op] of Object.entries(byMethod)) {
      if (!['post', 'put', 'patch'].includes(method)) continue;
      ops.push({ method: method.toUpperCase() as Operation['method'], path, bodySchema: op.requestBody?.content?.['application/json']?.schema });
    }
  }
  return ops;
}

const pathParam = fc.oneof(fc.constantFrom('acc_x', 'prq_0000000000', 'x'), fc.string({ minLength: 1, maxLength: 12 }));

it('no state-changing route answers 5xx to random or near-valid JSON', { timeout: 60_000 }, async () => {
  const ops = await stateChangingOperations();
  expect(ops.length).toBeGreaterThan(10);
  for (const op of ops) {
    // Fresh sessions per route: a random body may sign out or close the account it runs as.
    const customer = await signUp(t.app);
    const staff = await staffSession(t);
    const cookie = `${customer.cookie}; ${staff.cookie}`;
    const body = fc.oneof(fc.jsonValue({ maxDepth: 3 }), op.bodySchema ? nearValid(op.bodySchema) : fc.constant({}));
    await fc.assert(fc.asyncProperty(body, pathParam, async (payload, param) => {
      const url = op.path.replace(/\{[^}]+\}/g, encodeURIComponent(param));
      const res = await t.app.inject({ method: op.method, url, headers: { cookie, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
      if (res.statusCode >= 500) throw new Error(`${op.method} ${url} answered ${res.statusCode}: ${res.body}`);
    }), { numRuns: runsPerRoute });
  }
});
