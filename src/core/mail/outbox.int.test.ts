import { sql } from 'kysely';
import { operatorContext } from '../context.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, staffSession, testDbKind, type TestApp } from '../../../test/harness.js';
import { startTestSmtp } from '../../../test/smtp.js';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({ env: { SMTP_URL: smtp.url } });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

let n = 0;
const unique = () => `${Date.now().toString(36)}-${++n}`;
const receivedBy = (to: string) => smtp.received.filter((m) => m.to.includes(to));
const rowsTo = async (to: string) =>
  (
    await sql<{
      status: string;
      attempts: number;
      last_error: string | null;
      to_address: string | null;
      text_body: string | null;
      account_id: string | null;
    }>`select status, attempts, last_error, to_address, text_body, account_id from mail_outbox where to_address = ${to} or last_error like ${`%${to}%`}`.execute(
      t.platform.db,
    )
  ).rows;

describe('the mail outbox (#11 §6, RT2)', () => {
  it('keeps a message only if the work that sent it commits, and delivers it once that commits', async () => {
    const kept = `kept-${unique()}@example.pt`;
    const dropped = `dropped-${unique()}@example.pt`;
    await t.platform.db.transaction().execute(async () => {
      await t.platform.mailer.send({ to: kept, subject: 'Kept', text: 'Committed with its work.' });
      // Not before the commit: the transaction could still roll back.
      expect(receivedBy(kept)).toHaveLength(0);
    });
    expect(receivedBy(kept)).toHaveLength(1);
    await expect(
      t.platform.db.transaction().execute(async () => {
        await t.platform.mailer.send({ to: dropped, subject: 'Dropped', text: 'Rolled back with its work.' });
        throw new Error('the work fails');
      }),
    ).rejects.toThrow('the work fails');
    expect(receivedBy(dropped)).toHaveLength(0);
    expect(await rowsTo(dropped)).toHaveLength(0);
    // A text and an HTML part, the web address a link in the HTML.
    await t.platform.mailer.send({ to: kept, subject: 'Link', text: 'Open https://example.pt/a?b=1&c=2 now.' });
    const raw = receivedBy(kept)
      .at(-1)!
      .raw.replace(/=\r?\n/g, '')
      .replace(/=3D/g, '=');
    expect(raw).toContain('text/plain');
    expect(raw).toContain('text/html');
    expect(raw).toContain('<a href="https://example.pt/a?b=1&amp;c=2">');
  });

  it('retries what the mail server refuses, later, with the address kept out of the error', async () => {
    const to = `busy-${unique()}@example.pt`;
    smtp.refuse(1);
    await t.platform.mailer.send({ to, subject: 'Retried', text: 'Delivered on the second try.' });
    expect(receivedBy(to)).toHaveLength(0);
    const [queued] = await rowsTo(to);
    expect(queued).toMatchObject({ status: 'queued', attempts: 1 });
    expect(queued!.last_error).toContain('[address]');
    expect(queued!.last_error).not.toContain(to);

    // Not due yet: nothing is tried.
    await t.platform.mailer.deliverDue();
    expect(receivedBy(to)).toHaveLength(0);
    t.clock.advance(2 * 60_000);
    await t.platform.mailer.deliverDue();
    expect(receivedBy(to)).toHaveLength(1);
    // Not a customer's: once delivered, its address and content are cleared.
    expect(await rowsTo(to)).toHaveLength(0);
    const cleared = await sql<{
      n: number;
    }>`select count(*)::int as n from mail_outbox where status = 'sent' and to_address is null and cleared_at is not null and attempts = 2`.execute(
      t.platform.db,
    );
    expect(cleared.rows[0]!.n).toBeGreaterThan(0);
  });

  it("keeps a customer's mail as their correspondence: in their Emails, in their access export, gone with their erasure", async () => {
    const { account, body, cookie } = await signUp(t.app);
    await t.platform.mailer.send({ to: body.email, subject: 'Your proforma', text: 'Proforma PF 2026/1 is due.' });
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/account/emails', headers: { cookie } })).json();
    const mail = list.items.find((m: { subject: string }) => m.subject === 'Your proforma');
    expect(mail).toMatchObject({ status: 'sent' });
    const one = (
      await t.app.inject({ method: 'GET', url: `/api/v1/account/emails/${mail.id}`, headers: { cookie } })
    ).json();
    expect(one.text).toBe('Proforma PF 2026/1 is due.');
    expect(one.html).toContain('<p>Proforma PF 2026/1 is due.</p>');

    // Another customer cannot read it.
    const other = await signUp(t.app);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/account/emails/${mail.id}`,
      headers: { cookie: other.cookie },
    });
    expect(res.statusCode).toBe(404);

    const exported: string[] = [];
    for await (const { table, pages } of t.platform.privacy.exportSubject({ kind: 'customer', id: account.id })) {
      if (table !== 'mail_outbox') continue;
      for await (const page of pages()) exported.push(...page.map((row) => row.json));
    }
    expect(exported.join('\n')).toContain('Proforma PF 2026/1 is due.');

    await t.platform.privacy.eraseSubject(operatorContext(t.clock.now()), { kind: 'customer', id: account.id });
    expect(await rowsTo(body.email)).toHaveLength(0);
  });

  it('holds every message without a mail server, for staff to read in the console (audited)', async () => {
    const held = await createTestApp();
    try {
      const to = `held-${unique()}@example.pt`;
      await held.platform.mailer.send({ to, subject: 'Held', text: 'Nobody delivers this.' });
      const staff = await staffSession(held, ['support']);
      const list = (
        await held.app.inject({
          method: 'GET',
          url: `/api/v1/staff/outbox?status=held&to=${encodeURIComponent(to)}`,
          headers: { cookie: staff.cookie },
        })
      ).json();
      expect(list.items).toHaveLength(1);
      expect(list.items[0]).toMatchObject({ to, subject: 'Held', status: 'held', attempts: 0 });
      const one = (
        await held.app.inject({
          method: 'GET',
          url: `/api/v1/staff/outbox/${list.items[0].id}`,
          headers: { cookie: staff.cookie },
        })
      ).json();
      expect(one.text).toBe('Nobody delivers this.');
      const audit = await sql<{
        action: string;
      }>`select action from audit_log where action in ('mail.list', 'mail.read') and target_id is not distinct from ${list.items[0].id} or action = 'mail.list'`.execute(
        held.platform.db,
      );
      expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['mail.list', 'mail.read']));
      // Customers and staff without the role do not reach it.
      const customer = await signUp(held.app);
      const byCustomer = await held.app.inject({
        method: 'GET',
        url: '/api/v1/staff/outbox',
        headers: { cookie: customer.cookie },
      });
      expect(byCustomer.statusCode).toBe(401);
      const billing = await staffSession(held, ['billing']);
      const byBilling = await held.app.inject({
        method: 'GET',
        url: '/api/v1/staff/outbox',
        headers: { cookie: billing.cookie },
      });
      expect(byBilling.statusCode).toBe(403);
      // After 7 days a held message that is no customer's is cleared.
      held.clock.advance(8 * 24 * 3600_000);
      expect((await held.platform.mailer.sweep()).cleared).toBeGreaterThan(0);
      const after = await sql<{
        n: number;
      }>`select count(*)::int as n from mail_outbox where to_address = ${to}`.execute(held.platform.db);
      expect(after.rows[0]!.n).toBe(0);
    } finally {
      await held.close();
    }
  });

  it.skipIf(testDbKind !== 'postgres')(
    'delivers each message once when two app servers deliver at the same time',
    async () => {
      const other = await t.anotherServer();
      try {
        const to = Array.from({ length: 20 }, () => `twice-${unique()}@example.pt`);
        smtp.refuse(20);
        for (const address of to) await t.platform.mailer.send({ to: address, subject: 'Once', text: 'Once only.' });
        expect(to.flatMap(receivedBy)).toHaveLength(0);
        t.clock.advance(2 * 60_000);
        await Promise.all([t.platform.mailer.deliverDue(), other.platform.mailer.deliverDue()]);
        expect(to.map((address) => receivedBy(address).length)).toEqual(to.map(() => 1));
      } finally {
        await other.close();
      }
    },
  );
});
