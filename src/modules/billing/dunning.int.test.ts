import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../core/context.js';
import { cookieFrom, createTestApp, staffSession, type TestApp } from '../../../test/harness.js';
import { shopWithProducts } from '../../../test/shop-fixture.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const day = 86_400_000;

/** A merchant with a shop on the Business plan, and the helpers the time travel needs. */
async function subscribedShop(language?: 'pt-PT') {
  const { merchant, shopId, host } = await shopWithProducts(t, []);
  let cookie = merchant.cookie;
  const signIn = async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: merchant.body.email, password: merchant.body.password },
    });
    expect(res.statusCode, res.body).toBe(200);
    cookie = cookieFrom(res);
  };
  if (language) {
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/account',
      headers: { cookie },
      payload: { language },
    });
    expect(res.json().language).toBe(language);
  }
  const sub = await t.app.inject({
    method: 'POST',
    url: `/api/v1/shops/${shopId}/subscription`,
    headers: { cookie },
    payload: { planId: 'business' },
  });
  expect(sub.statusCode, sub.body).toBe(201);
  const [proforma] = (
    await t.app.inject({ method: 'GET', url: '/api/v1/account/invoices', headers: { cookie } })
  ).json().items;
  const staff = async () => (await staffSession(t, ['billing'])).cookie;
  const run = async () =>
    (
      await t.app.inject({ method: 'POST', url: '/api/v1/staff/billing/run', headers: { cookie: await staff() } })
    ).json();
  const storefront = async () => (await t.app.inject({ method: 'GET', url: '/', headers: { host } })).statusCode;
  const mails = async () =>
    (
      await sql<{ subject: string }>`select subject from mail_outbox where account_id = ${merchant.account.id}
        order by created_at, id`.execute(t.platform.db)
    ).rows.map((r) => r.subject);
  const events = async () =>
    (
      await sql<{
        kind: string;
      }>`select kind from shop_subscription_event where shop_id = ${shopId} order by seq`.execute(t.platform.db)
    ).rows.map((e) => e.kind);
  // The notices of this shop's first proforma: other tests' shops share the database and the clock.
  const notices = async () =>
    (
      await sql<{ stage: string }>`select stage from billing_dunning_notice where document_id = ${proforma.id}
        order by sent_at`.execute(t.platform.db)
    ).rows.map((r) => r.stage);
  return {
    shopId,
    notices,
    proforma: proforma as { id: string; name: string; dueAt: string },
    cookie: () => cookie,
    signIn,
    staff,
    run,
    storefront,
    mails,
    events,
  };
}

describe('dunning and the account lifecycle (#11 §5)', () => {
  it('reminds, sends three overdue notices, suspends the shop (503), and brings it back when paid', async () => {
    const s = await subscribedShop();
    const due = new Date(s.proforma.dueAt);
    const at = async (offsetDays: number) => {
      t.clock.set(new Date(due.getTime() + offsetDays * day));
      await s.run();
      return s.notices();
    };
    expect(await at(-4)).toEqual([]); // before the reminder
    expect(await at(-3)).toEqual(['reminder']);
    expect(await at(-2)).toEqual(['reminder']); // once only
    expect(await at(1)).toEqual(['reminder', 'overdue-1']);
    expect(await at(7)).toEqual(['reminder', 'overdue-1', 'overdue-2']);
    expect(await at(8)).toEqual(['reminder', 'overdue-1', 'overdue-2']);
    expect(await s.storefront()).toBe(200);
    expect(await at(14)).toEqual(['reminder', 'overdue-1', 'overdue-2', 'overdue-3']);
    expect(await s.storefront()).toBe(200);
    expect(await at(15)).toEqual(['reminder', 'overdue-1', 'overdue-2', 'overdue-3', 'suspension']);
    expect(await at(16)).toHaveLength(5);

    // Suspended: visitors see the unavailable page; the customer still signs in, sees why, and pays.
    expect(await s.storefront()).toBe(503);
    await s.signIn();
    const subscription = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/shops/${s.shopId}/subscription`,
        headers: { cookie: s.cookie() },
      })
    ).json().subscription;
    expect(subscription.suspendedAt).not.toBeNull();
    const pay = await t.app.inject({
      method: 'POST',
      url: `/api/v1/account/invoices/${s.proforma.id}/pay`,
      headers: { cookie: s.cookie(), 'idempotency-key': 'dunning-pay-1' },
      payload: { card: { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2034, cvc: '318' } },
    });
    expect(pay.statusCode, pay.body).toBe(200);
    expect(await s.storefront()).toBe(200);

    // The next period's proforma was issued meanwhile (14 days ahead) and reminded of; it is not
    // past the suspension point, so the payment of the first brings the shop back.
    expect((await s.events()).filter((e) => e !== 'proforma_issued' && e !== 'reminder_sent')).toEqual([
      'created',
      'overdue_notice_sent',
      'overdue_notice_sent',
      'overdue_notice_sent',
      'suspended',
      'reactivated',
    ]);
    const subjects = await s.mails();
    expect(subjects.filter((m) => m.startsWith(`Reminder: proforma invoice ${s.proforma.name}`))).toHaveLength(1);
    expect(subjects.filter((m) => m.startsWith('Overdue'))).toEqual([
      expect.stringContaining('notice 1 of 3'),
      expect.stringContaining('notice 2 of 3'),
      expect.stringContaining('notice 3 of 3'),
    ]);
    expect(subjects.some((m) => m.includes('is suspended'))).toBe(true);
    expect(subjects.filter((m) => m.includes('is back online'))).toHaveLength(1);
  });

  it('sends only the furthest notice when the schedule ran late, and writes in the customer’s language', async () => {
    const s = await subscribedShop('pt-PT');
    t.clock.set(new Date(new Date(s.proforma.dueAt).getTime() + 10 * day));
    await s.run();
    expect(await s.notices()).toEqual(['overdue-2']);
    const subjects = await s.mails();
    expect(subjects[0]).toMatch(/^Fatura pró-forma/);
    expect(subjects.filter((m) => m.startsWith('Pagamento em atraso'))).toEqual([
      `Pagamento em atraso (aviso 2 de 3): fatura pró-forma ${s.proforma.name}`,
    ]);
  });

  it('runs the schedule once across two servers: each notice is sent once', async () => {
    const s = await subscribedShop();
    t.clock.set(new Date(new Date(s.proforma.dueAt).getTime() + 15 * day));
    const ctx = systemContext(t.clock.now());
    await Promise.all([t.platform.dunning.run(ctx), t.platform.dunning.run(ctx)]);
    expect(await s.notices()).toEqual(['suspension']);
    expect((await s.events()).filter((e) => e === 'suspended')).toHaveLength(1);
    expect((await s.mails()).filter((m) => m.includes('is suspended'))).toHaveLength(1);
  });

  it('lets staff see the overview, suspend and reactivate, and cancel after notice (the shop goes off the web)', async () => {
    const s = await subscribedShop();
    const cookie = await s.staff();
    const overview = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/staff/billing/overview', headers: { cookie } })).json();
    expect((await overview()).due.map((d: { id: string }) => d.id)).toContain(s.proforma.id);

    const call = (method: 'POST' | 'DELETE', path: string, payload?: object) =>
      t.app.inject({
        method,
        url: `/api/v1/staff/billing/shops/${s.shopId}/${path}`,
        headers: { cookie },
        ...(payload ? { payload } : {}),
      });
    expect((await call('POST', 'suspend')).json().suspendedAt).not.toBeNull();
    expect((await call('POST', 'suspend')).statusCode).toBe(409);
    expect(await s.storefront()).toBe(503);
    expect((await overview()).suspended.map((x: { shopId: string }) => x.shopId)).toContain(s.shopId);
    expect((await call('POST', 'reactivate')).json().suspendedAt).toBeNull();
    expect(await s.storefront()).toBe(200);

    expect((await call('POST', 'cancel-notice', { days: 0 })).statusCode).toBe(422);
    const notice = (await call('POST', 'cancel-notice', { days: 10 })).json();
    expect(new Date(notice.cancelEffectiveAt).getTime() - new Date(notice.cancelNoticeAt).getTime()).toBe(10 * day);
    expect((await overview()).underNotice.map((x: { shopId: string }) => x.shopId)).toContain(s.shopId);
    const status = async () => (await t.platform.dunning.status(s.shopId)).status;
    t.clock.set(new Date(t.clock.now().getTime() + 9 * day));
    await s.run();
    expect(await status()).toBe('active');
    t.clock.set(new Date(t.clock.now().getTime() + 1 * day));
    expect((await s.run()).cancelled).toBeGreaterThanOrEqual(1);
    expect(await status()).toBe('cancelled');
    expect(await s.storefront()).toBe(503);

    const lifecycle = await t.platform.dunning.status(s.shopId);
    expect(lifecycle).toMatchObject({ status: 'cancelled', cancelledBy: 'operator' });
    // The unpaid proforma of a cancelled subscription is cancelled with it.
    const proforma = await sql<{
      status: string;
    }>`select status from billing_document where id = ${s.proforma.id}`.execute(t.platform.db);
    expect(proforma.rows[0]!.status).toBe('cancelled');
    expect((await s.events()).slice(-3)).toEqual(['reactivated', 'cancel_notice_given', 'cancelled']);
    expect((await s.mails()).some((m) => m.includes('Notice of cancellation'))).toBe(true);

    // The plan chosen again: the shop comes back with its first payment, not before.
    await s.signIn();
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/shops/${s.shopId}/subscription`,
      headers: { cookie: s.cookie() },
      payload: { planId: 'starter' },
    });
    expect(again.statusCode, again.body).toBe(201);
    expect(await s.storefront()).toBe(503);
    const open = (
      await t.app.inject({ method: 'GET', url: '/api/v1/account/invoices', headers: { cookie: s.cookie() } })
    )
      .json()
      .items.find((d: { kind: string; status: string }) => d.kind === 'proforma' && d.status === 'open');
    await t.platform.billing.payProforma(systemContext(t.clock.now()), open.id, {
      method: 'transfer',
      reference: 'BACK',
    });
    expect(await s.storefront()).toBe(200);
  });

  it('withdraws a notice when everything overdue is paid, and never lifts a suspension staff made for another reason', async () => {
    const s = await subscribedShop();
    const cookie = await s.staff();
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/billing/shops/${s.shopId}/cancel-notice`,
      headers: { cookie },
      payload: {},
    });
    t.clock.set(new Date(new Date(s.proforma.dueAt).getTime() + 2 * day));
    // Staff suspend the shop for abuse: billing's payment must not bring it back.
    await t.platform.shops.setSuspended(systemContext(t.clock.now()), s.shopId, true, 'abuse');
    await t.platform.billing.payProforma(systemContext(t.clock.now()), s.proforma.id, {
      method: 'transfer',
      reference: 'TR-1',
    });
    expect(await t.platform.dunning.status(s.shopId)).toMatchObject({ cancelNoticeAt: null, status: 'active' });
    expect(await s.storefront()).toBe(503);
    expect((await s.events()).at(-1)).toBe('cancel_notice_withdrawn');
  });

  it('refuses staff without the billing role', async () => {
    const s = await subscribedShop();
    const support = (await staffSession(t, ['support'])).cookie;
    for (const [method, url] of [
      ['GET', '/api/v1/staff/billing/overview'],
      ['POST', `/api/v1/staff/billing/shops/${s.shopId}/suspend`],
      ['POST', `/api/v1/staff/billing/shops/${s.shopId}/reactivate`],
      ['POST', `/api/v1/staff/billing/shops/${s.shopId}/cancel-notice`],
      ['DELETE', `/api/v1/staff/billing/shops/${s.shopId}/cancel-notice`],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: { cookie: support } });
      expect(res.statusCode, `${method} ${url} ${res.body}`).toBe(403);
    }
  });
});
