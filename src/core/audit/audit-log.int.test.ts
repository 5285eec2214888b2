import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

async function tamper(statement: string) {
  // What an intruder with database access would do: switch the guard off, edit, switch it on.
  await sql.raw('alter table audit_log disable trigger audit_log_append_only').execute(t.platform.db);
  try { await sql.raw(statement).execute(t.platform.db); } finally {
    await sql.raw('alter table audit_log enable trigger audit_log_append_only').execute(t.platform.db);
  }
}

describe('audit log (S6)', () => {
  it('records actor, action, target, IP and time, hash-chained', async () => {
    const { account } = await signUp(t.app, {}, '203.0.113.9');
    const [entry] = await t.platform.audit.listForTarget({ kind: 'account', id: account.id });
    expect(entry).toMatchObject({ actor_kind: 'customer', actor_id: account.id, action: 'account.signup', target_kind: 'account', target_id: account.id });
    const row = await t.platform.db.selectFrom('audit_log').selectAll().where('seq', '=', String(entry!.seq)).executeTakeFirstOrThrow();
    expect(row.ip).toBe('203.0.113.9');
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await t.platform.audit.verify()).toMatchObject({ ok: true });
  });

  it('refuses updates and deletes', async () => {
    await signUp(t.app);
    await expect(sql`update audit_log set action = 'x'`.execute(t.platform.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.platform.db)).rejects.toThrow(/append-only/);
  });

  it('still verifies after an IP is forgotten by retention, but not after it is changed', async () => {
    await signUp(t.app, {}, '203.0.113.33');
    const row = await t.platform.db.selectFrom('audit_log').select('seq').where('ip', '=', '203.0.113.33').executeTakeFirstOrThrow();
    await sql`update audit_log set ip = null where seq = ${row.seq}`.execute(t.platform.db);
    expect(await t.platform.audit.verify()).toMatchObject({ ok: true });
    await expect(sql`update audit_log set ip = '10.0.0.1' where seq = ${row.seq}`.execute(t.platform.db)).rejects.toThrow(/append-only/);
  });

  it('detects an edited row, naming it', async () => {
    await signUp(t.app);
    const before = await t.platform.audit.verify();
    expect(before.ok).toBe(true);
    const victim = await t.platform.db.selectFrom('audit_log').select('seq').orderBy('seq').limit(1).executeTakeFirstOrThrow();
    await tamper(`update audit_log set actor_id = 'acc_someoneelse' where seq = ${Number(victim.seq)}`);
    const after = await t.platform.audit.verify();
    expect(after).toMatchObject({ ok: false, firstBadSeq: Number(victim.seq) });
  });
});

describe('audit chain: other tampering', () => {
  let u: TestApp;
  beforeAll(async () => { u = await createTestApp(); });
  afterAll(async () => { await u?.close(); });

  it('detects a deleted row and a changed IP', async () => {
    for (let i = 0; i < 3; i++) await signUp(u.app, {}, `203.0.113.${60 + i}`);
    const rows = await u.platform.db.selectFrom('audit_log').select(['seq']).orderBy('seq').execute();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    await sql.raw('alter table audit_log disable trigger audit_log_append_only').execute(u.platform.db);
    await sql.raw(`update audit_log set ip = '198.51.100.1' where seq = ${Number(rows[2]!.seq)}`).execute(u.platform.db);
    await sql.raw('alter table audit_log enable trigger audit_log_append_only').execute(u.platform.db);
    expect(await u.platform.audit.verify()).toMatchObject({ ok: false, firstBadSeq: Number(rows[2]!.seq), reason: expect.stringMatching(/IP/) });
    await sql.raw('alter table audit_log disable trigger audit_log_append_only').execute(u.platform.db);
    await sql.raw(`update audit_log set ip = null where seq = ${Number(rows[2]!.seq)}`).execute(u.platform.db);
    await sql.raw(`delete from audit_log where seq = ${Number(rows[1]!.seq)}`).execute(u.platform.db);
    await sql.raw('alter table audit_log enable trigger audit_log_append_only').execute(u.platform.db);
    expect(await u.platform.audit.verify()).toMatchObject({ ok: false, firstBadSeq: Number(rows[2]!.seq), reason: expect.stringMatching(/link/) });
  });
});
