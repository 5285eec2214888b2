import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareWithSchema } from '../../core/privacy/data-map.js';
import { retentionRules } from '../../core/privacy/retention-rules.js';
import { createTestApp, signUp, staffSession, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function liveColumns() {
  const res = await sql<{ table: string; column: string }>`
    select table_name as "table", column_name as "column" from information_schema.columns
    where table_schema = current_schema() order by 1, 2`.execute(t.platform.db);
  return res.rows;
}

describe('the data map covers the live schema', () => {
  it('declares every column of every table, and nothing that no longer exists', async () => {
    const live = await liveColumns();
    expect(live.length).toBeGreaterThan(50);
    const { undeclared, stale } = compareWithSchema(t.platform.dataMap, live);
    expect(undeclared, 'columns in the database with no data-map declaration').toEqual([]);
    expect(stale, 'declarations for columns the database does not have').toEqual([]);
  });

  it('catches a column added without a declaration', async () => {
    await sql`alter table account add column favourite_colour text`.execute(t.platform.db);
    try {
      const { undeclared } = compareWithSchema(t.platform.dataMap, await liveColumns());
      expect(undeclared).toEqual(['account.favourite_colour']);
    } finally {
      await sql`alter table account drop column favourite_colour`.execute(t.platform.db);
    }
  });

  it('names a subject, a reachable owner and a known retention rule for every personal table', () => {
    expect(t.platform.dataMap.problems).toEqual([]);
    for (const [table, decl] of Object.entries(t.platform.dataMap.tables)) {
      for (const [column, c] of Object.entries(decl.columns)) {
        if (!c.personal) continue;
        expect(decl.subject, `${table}.${column}`).toBeDefined();
        expect(Object.keys(retentionRules), `${table}.${column}`).toContain(c.retention);
        expect(c.purposes.length, `${table}.${column}`).toBeGreaterThan(0);
      }
    }
  });

  it("classifies the policy's own examples in its categories (C3)", () => {
    const account = t.platform.dataMap.tables.account!.columns;
    const category = (c: string) => {
      const d = account[c]!;
      return d.personal ? d.category : 'not personal';
    };
    expect([
      category('first_name'),
      category('nif'),
      category('email'),
      category('phone'),
      category('password_hash'),
      category('address_line1'),
    ]).toEqual(['identification', 'identification', 'tracking', 'tracking', 'authentication', 'localisation']);
  });
});

describe('GET /api/v1/privacy/data-map', () => {
  it('serves the map to staff', async () => {
    const staff = await staffSession(t, ['privacy']);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/privacy/data-map',
      headers: { cookie: staff.cookie },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.tables.account.columns.email).toMatchObject({
      personal: true,
      category: 'tracking',
      key: 'contact.email',
      identifier: true,
    });
    expect(body.tables.account.columns.password_hash).toMatchObject({ export: 'omit' });
    expect(body.retentionRules['ip-history']).toBeTruthy();
  });

  it('refuses anyone else', async () => {
    const customer = await signUp(t.app);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/privacy/data-map' })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/privacy/data-map', headers: { cookie: customer.cookie } }))
        .statusCode,
    ).toBe(401);
  });
});
