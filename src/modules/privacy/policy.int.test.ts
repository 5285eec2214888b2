import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, staffSession, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

const personalColumns = () => Object.entries(t.platform.dataMap.tables).flatMap(([table, d]) =>
  Object.entries(d.columns).filter(([, c]) => c.personal).map(([column]) => ({ table, column, subject: d.subject })));

describe('the generated privacy policy', () => {
  it('mentions every personal column of the data map (staff data goes to the internal notice)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/privacy/policy' });
    expect(res.statusCode).toBe(200);
    const policy = res.json();
    const mentioned = new Set(policy.collected.flatMap((s: any) => s.categories.flatMap((c: any) => c.items.map((i: any) => `${i.table}.${i.column}`))));
    const expected = personalColumns().filter((c) => c.subject !== 'staff').map((c) => `${c.table}.${c.column}`);
    expect(expected.length).toBeGreaterThan(20);
    expect(expected.filter((c) => !mentioned.has(c))).toEqual([]);
    expect(policy.complaint.odr).toBe('https://ec.europa.eu/consumers/odr');
    expect(policy.cookies.map((c: any) => c.name)).toEqual(['sr_session', 'sr_staff_session', 'sr_device', 'sr_staff_device', 'sr_consent']);
  });

  it('names every recipient the data map uses, with storage countries and a safeguard for each outside the EEA', async () => {
    const policy = (await t.app.inject({ method: 'GET', url: '/api/v1/privacy/policy' })).json();
    const registered = new Set(policy.recipients.map((r: any) => r.id));
    const used = new Set(Object.values(t.platform.dataMap.tables).flatMap((d) => Object.values(d.columns).flatMap((c) => (c.personal ? [...c.recipients] : []))));
    expect([...used].filter((r) => !registered.has(r))).toEqual([]);
    for (const r of policy.recipients) if (r.outsideEea) expect(r.transferSafeguard, r.id).toBeTruthy();
  });

  it('changes when the register changes: privacy staff edit it, audited, and a transfer needs a safeguard', async () => {
    const staff = await staffSession(t, ['privacy']);
    const before = (await t.app.inject({ method: 'GET', url: '/api/v1/privacy/policy' })).json();
    const missing = await t.app.inject({ method: 'PUT', url: '/api/v1/staff/processors/email-distribution', headers: { cookie: staff.cookie },
      payload: { name: 'Mailer Inc', service: 'Delivers email', dataShared: 'Email address', countries: ['US'], transferSafeguard: null } });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors).toEqual([expect.objectContaining({ field: 'transferSafeguard' })]);
    const ok = await t.app.inject({ method: 'PUT', url: '/api/v1/staff/processors/email-distribution', headers: { cookie: staff.cookie },
      payload: { name: 'Mailer Inc', service: 'Delivers email', dataShared: 'Email address', countries: ['us', 'IE'], transferSafeguard: 'Standard contractual clauses' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().countries).toEqual(['US', 'IE']);
    const after = (await t.app.inject({ method: 'GET', url: '/api/v1/privacy/policy' })).json();
    expect(after.version).not.toBe(before.version);
    expect(after.recipients.find((r: any) => r.id === 'email-distribution')).toMatchObject({ name: 'Mailer Inc', outsideEea: true });
    const audit = await t.platform.audit.listForTarget({ kind: 'processor', id: 'email-distribution' });
    expect(audit.map((a) => a.action)).toEqual(['privacy.processor.update']);
    const support = await staffSession(t, ['support']);
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/staff/processors/hosting', headers: { cookie: support.cookie }, payload: { name: 'x', service: 'x', dataShared: 'x', countries: ['PT'], transferSafeguard: null } })).statusCode).toBe(403);
  });
});

describe('records of processing activities (Art. 30)', () => {
  it('lists every personal column in the controller or processor record, as JSON and CSV', async () => {
    const staff = await staffSession(t, ['privacy']);
    const json = (await t.app.inject({ method: 'GET', url: '/api/v1/staff/privacy/records', headers: { cookie: staff.cookie } })).json();
    const rows = [...json.controller, ...json.processor];
    expect(rows.map((r: any) => `${r.table}.${r.column}`).sort()).toEqual(personalColumns().map((c) => `${c.table}.${c.column}`).sort());
    expect(json.controller.find((r: any) => r.table === 'account' && r.column === 'email')).toMatchObject({ category: 'tracking', basis: 'contract' });
    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/staff/privacy/records.csv', headers: { cookie: staff.cookie } });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('record,subject,table,column,key,category,purposes,basis,retention,recipients,countries,safeguards');
    expect(lines).toHaveLength(rows.length + 1);
  });
});
