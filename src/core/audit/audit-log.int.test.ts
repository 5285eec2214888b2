import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { operatorContext } from '../context.js';
import { createTestApp, signUp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function tamper(statement: string) {
  // What an intruder with database access would do: switch the guard off, edit, switch it on.
  await sql.raw('alter table audit_log disable trigger audit_log_append_only').execute(t.platform.db);
  try {
    await sql.raw(statement).execute(t.platform.db);
  } finally {
    await sql.raw('alter table audit_log enable trigger audit_log_append_only').execute(t.platform.db);
  }
}

describe('audit log (S6)', () => {
  it('records actor, action, target, IP and time, hash-chained', async () => {
    const { account } = await signUp(t.app, {}, '203.0.113.9');
    const [entry] = await t.platform.audit.listForTarget({ kind: 'account', id: account.id });
    expect(entry).toMatchObject({
      actor_kind: 'customer',
      actor_id: account.id,
      action: 'account.signup',
      target_kind: 'account',
      target_id: account.id,
    });
    const row = await t.platform.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '=', String(entry!.seq))
      .executeTakeFirstOrThrow();
    expect(row.ip).toBe('203.0.113.9');
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await t.platform.audit.verify()).toMatchObject({ ok: true });
  });

  it('refuses to be emptied, and a chain head only moves forward', async () => {
    await signUp(t.app);
    await expect(sql`truncate audit_log`.execute(t.platform.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_chain_head`.execute(t.platform.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_chain_head`.execute(t.platform.db)).rejects.toThrow(/only moves forward/);
    await expect(sql`update audit_chain_head set entries = entries - 1`.execute(t.platform.db)).rejects.toThrow(
      /only moves forward/,
    );
    await expect(sql`update audit_chain_head set chain = chain || 'x'`.execute(t.platform.db)).rejects.toThrow(
      /only moves forward/,
    );
    expect(await t.platform.audit.verify()).toMatchObject({ ok: true });
  });

  it('refuses updates and deletes', async () => {
    await signUp(t.app);
    await expect(sql`update audit_log set action = 'x'`.execute(t.platform.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.platform.db)).rejects.toThrow(/append-only/);
  });

  it('still verifies after an IP is forgotten by retention, but not after it is changed', async () => {
    await signUp(t.app, {}, '203.0.113.33');
    const row = await t.platform.db
      .selectFrom('audit_log')
      .select('seq')
      .where('ip', '=', '203.0.113.33')
      .executeTakeFirstOrThrow();
    await sql`update audit_log set ip = null where seq = ${row.seq}`.execute(t.platform.db);
    expect(await t.platform.audit.verify()).toMatchObject({ ok: true });
    await expect(
      sql`update audit_log set ip = '10.0.0.1' where seq = ${row.seq}`.execute(t.platform.db),
    ).rejects.toThrow(/append-only/);
  });

  it('detects an edited row, naming it', async () => {
    await signUp(t.app);
    const before = await t.platform.audit.verify();
    expect(before.ok).toBe(true);
    const victim = await t.platform.db
      .selectFrom('audit_log')
      .select('seq')
      .orderBy('seq')
      .limit(1)
      .executeTakeFirstOrThrow();
    await tamper(`update audit_log set actor_id = 'acc_someoneelse' where seq = ${Number(victim.seq)}`);
    const after = await t.platform.audit.verify();
    expect(after).toMatchObject({ ok: false, firstBadSeq: Number(victim.seq) });
  });
});

describe('audit chain: other tampering', () => {
  let u: TestApp;
  beforeAll(async () => {
    u = await createTestApp();
  });
  afterAll(async () => {
    await u?.close();
  });
  const raw = async (statement: string) => {
    await sql.raw('alter table audit_log disable trigger audit_log_append_only').execute(u.platform.db);
    try {
      await sql.raw(statement).execute(u.platform.db);
    } finally {
      await sql.raw('alter table audit_log enable trigger audit_log_append_only').execute(u.platform.db);
    }
  };
  /** An account with sign-up plus `logins` sign-ins: one chain of 1 + logins entries. */
  async function accountChain(logins: number) {
    const { body, account } = await signUp(u.app, {}, '203.0.113.60');
    for (let i = 0; i < logins; i++) {
      const res = await u.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: body.email, password: body.password },
        remoteAddress: `203.0.113.${61 + i}`,
      });
      expect(res.statusCode).toBe(200);
    }
    const rows = await u.platform.db
      .selectFrom('audit_log')
      .select(['seq', 'chain'])
      .where('chain', '=', `account:${account.id}`)
      .orderBy('seq')
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(1 + logins);
    return rows.map((r) => Number(r.seq));
  }
  const verifyIs = async (expected: Record<string, unknown>) =>
    expect(await u.platform.audit.verify()).toMatchObject(expected);

  it('detects a changed IP and a deleted entry inside a chain', async () => {
    const seqs = await accountChain(2);
    await raw(`update audit_log set ip = '198.51.100.1' where seq = ${seqs[2]}`);
    await verifyIs({ ok: false, firstBadSeq: seqs[2], reason: expect.stringMatching(/IP/) });
    await raw(`update audit_log set ip = null where seq = ${seqs[2]}`);
    await verifyIs({ ok: true });
    await raw(`delete from audit_log where seq = ${seqs[1]}`);
    await verifyIs({ ok: false, firstBadSeq: seqs[2], reason: expect.stringMatching(/link/) });
  });
});

describe('audit chains, one per account and one for the platform', () => {
  let u: TestApp;
  beforeEach(async () => {
    u = await createTestApp();
  });
  afterEach(async () => {
    await u?.close();
  });
  const raw = async (statement: string) => {
    await sql.raw('alter table audit_log disable trigger audit_log_append_only').execute(u.platform.db);
    try {
      await sql.raw(statement).execute(u.platform.db);
    } finally {
      await sql.raw('alter table audit_log enable trigger audit_log_append_only').execute(u.platform.db);
    }
  };
  const entriesOf = async (accountId: string) =>
    (
      await u.platform.db
        .selectFrom('audit_log')
        .select('seq')
        .where('chain', '=', `account:${accountId}`)
        .orderBy('seq')
        .execute()
    ).map((r) => Number(r.seq));
  async function twoAccounts() {
    const a = await signUp(u.app);
    const b = await signUp(u.app);
    for (const who of [a, b, a]) {
      await u.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: who.body.email, password: who.body.password },
      });
    }
    return { a: a.account.id, b: b.account.id };
  }

  it('keeps each account in its own chain, each verified from its own start', async () => {
    const { a, b } = await twoAccounts();
    expect((await entriesOf(a)).length).toBe(3);
    expect((await entriesOf(b)).length).toBe(2);
    const first = await u.platform.db
      .selectFrom('audit_log')
      .select('prev_hash')
      .where('chain', '=', `account:${b}`)
      .orderBy('seq')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(first.prev_hash).toBe(`genesis:account:${b}`);
    expect(await u.platform.audit.verify()).toMatchObject({ ok: true, checked: 5, chains: 2 });
  });

  it('detects the newest entry of a chain cut off', async () => {
    const { a } = await twoAccounts();
    const seqs = await entriesOf(a);
    await raw(`delete from audit_log where seq = ${seqs.at(-1)}`);
    expect(await u.platform.audit.verify()).toMatchObject({
      ok: false,
      chain: `account:${a}`,
      reason: expect.stringMatching(/missing from the end/),
    });
  });

  it('detects a whole chain deleted', async () => {
    const { b } = await twoAccounts();
    await raw(`delete from audit_log where chain = 'account:${b}'`);
    expect(await u.platform.audit.verify()).toMatchObject({
      ok: false,
      chain: `account:${b}`,
      reason: expect.stringMatching(/every entry/),
    });
  });

  it('detects two entries of a chain swapped', async () => {
    const { a } = await twoAccounts();
    const [s1, s2] = await entriesOf(a);
    // seq is an identity column: the rows' contents trade places instead.
    const cols =
      'at, actor_kind, actor_id, action, target_kind, target_id, ip, ip_digest, request_id, data, prev_hash, hash';
    await raw(
      `update audit_log a set (${cols}) = (select ${cols} from audit_log b where b.seq = case when a.seq = ${s1} then ${s2} else ${s1} end) where a.seq in (${s1}, ${s2})`,
    );
    expect(await u.platform.audit.verify()).toMatchObject({
      ok: false,
      firstBadSeq: s1,
      reason: expect.stringMatching(/link/),
    });
  });

  it('detects an entry moved from one chain to another', async () => {
    const { a, b } = await twoAccounts();
    const [first] = await entriesOf(a);
    await raw(`update audit_log set chain = 'account:${b}' where seq = ${first}`);
    expect((await u.platform.audit.verify()).ok).toBe(false);
  });

  it('a check while others write sees one moment: no false alarm for a chain that begins or grows meanwhile', async () => {
    const ctx = operatorContext(u.clock.now());
    for (let k = 0; k < 300; k++) await u.platform.audit.record(ctx, { action: 'test.bulk', chain: 'aaa-bulk' });
    const verdicts = [];
    for (let n = 0; n < 20; n++) {
      const check = u.platform.audit.verify();
      const writes = Promise.all([
        u.platform.audit.record(ctx, { action: 'test.new-chain', chain: `zzz-late-${n}` }),
        u.platform.audit.record(ctx, { action: 'test.grow', chain: 'aaa-bulk' }),
      ]);
      verdicts.push(await check);
      await writes;
    }
    expect(verdicts.filter((v) => !v.ok)).toEqual([]);
    expect(await u.platform.audit.verify()).toMatchObject({ ok: true });
  });

  it('an entry that rolls back with its change leaves its chain intact', async () => {
    const { a } = await twoAccounts();
    const ctx = operatorContext(u.clock.now());
    await expect(
      u.platform.db.transaction().execute(async () => {
        await u.platform.audit.record(ctx, { action: 'test.rolled-back', target: { kind: 'account', id: a } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await u.platform.audit.record(ctx, { action: 'test.kept', target: { kind: 'account', id: a } });
    expect((await entriesOf(a)).length).toBe(4);
    expect(await u.platform.audit.verify()).toMatchObject({ ok: true });
  });
});
