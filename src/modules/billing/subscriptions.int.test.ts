import { sql } from 'kysely';
import { systemContext } from '../../core/context.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieFrom, createTestApp, staffSession, type TestApp } from '../../../test/harness.js';
import { shopWithProducts } from '../../../test/shop-fixture.js';
import { periodEnd } from './subscriptions.service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const day = 86_400_000;

describe('plans and subscriptions, and the billing run (#11 §2, §4)', () => {
  it('ends a period one calendar month or year later, on the last day of a shorter month', () => {
    expect(periodEnd(new Date('2026-01-31T10:00:00Z'), 'monthly').toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(periodEnd(new Date('2028-01-31T10:00:00Z'), 'monthly').toISOString()).toBe('2028-02-29T10:00:00.000Z');
    expect(periodEnd(new Date('2026-12-08T10:00:00Z'), 'monthly').toISOString()).toBe('2027-01-08T10:00:00.000Z');
    expect(periodEnd(new Date('2028-02-29T10:00:00Z'), 'yearly').toISOString()).toBe('2029-02-28T10:00:00.000Z');
  });

  it('bills a shop per period: the first on choosing a plan, each next one 14 days ahead and once, renewed when paid; a cancellation ends it with its period', async () => {
    const plans = (await t.app.inject({ method: 'GET', url: '/api/v1/plans' })).json();
    expect(plans.items.map((p: { id: string; monthlyCents: number }) => [p.id, p.monthlyCents])).toEqual([
      ['starter', 900],
      ['business', 2900],
      ['scale', 7900],
    ]);
    const { merchant, shopId } = await shopWithProducts(t, []);
    let cookie = merchant.cookie;
    // After the clock travels, the merchant signs in again (their session would have ended).
    const signIn = async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: merchant.body.email, password: merchant.body.password },
      });
      cookie = cookieFrom(res);
    };
    const url = `/api/v1/shops/${shopId}/subscription`;
    const bad = await t.app.inject({ method: 'POST', url, headers: { cookie }, payload: { planId: 'platinum' } });
    expect(bad.statusCode).toBe(422);
    const sub = await t.app.inject({ method: 'POST', url, headers: { cookie }, payload: { planId: 'business' } });
    expect(sub.statusCode, sub.body).toBe(201);
    expect(sub.json()).toMatchObject({ planId: 'business', period: 'monthly', status: 'active' });
    expect(
      (await t.app.inject({ method: 'POST', url, headers: { cookie }, payload: { planId: 'scale' } })).statusCode,
    ).toBe(409);

    const documents = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/account/invoices', headers: { cookie } })).json().items as {
        id: string;
        kind: string;
        status: string;
        totalCents: number;
        dueAt: string | null;
      }[];
    const [first] = await documents();
    expect(first).toMatchObject({ kind: 'proforma', status: 'open', totalCents: 3567 }); // 29.00 + 23 %
    await t.platform.billing.payProforma(systemContext(t.clock.now()), first!.id, {
      method: 'transfer',
      reference: 'T1',
    });

    // Signed in afresh each time: the clock travels further than a staff session lasts.
    const run = async () => {
      const staff = await staffSession(t, ['billing']);
      return (
        await t.app.inject({ method: 'POST', url: '/api/v1/staff/billing/run', headers: { cookie: staff.cookie } })
      ).json();
    };
    // Too early: the next period starts in a month.
    expect(await run()).toMatchObject({ proformasIssued: 0, cancelled: 0 });
    const end = new Date(sub.json().currentPeriodEnd);
    t.clock.set(new Date(end.getTime() - 13 * day));
    expect(await run()).toMatchObject({ proformasIssued: 1, cancelled: 0 });
    // A second run (or another server's) issues nothing more.
    expect(await run()).toMatchObject({ proformasIssued: 0, cancelled: 0 });
    await signIn();
    const second = (await documents()).find((d) => d.kind === 'proforma' && d.status === 'open')!;
    expect(new Date(second.dueAt!).getTime()).toBe(end.getTime());
    await t.platform.billing.payProforma(systemContext(t.clock.now()), second.id, {
      method: 'transfer',
      reference: 'T2',
    });
    const renewed = (await t.app.inject({ method: 'GET', url, headers: { cookie } })).json().subscription;
    expect(renewed.currentPeriodStart).toBe(end.toISOString());
    expect(renewed.currentPeriodEnd).toBe(periodEnd(end, 'monthly').toISOString());

    // The customer cancels: nothing more is billed, and it ends with the period paid.
    await signIn();
    const cancel = await t.app.inject({ method: 'POST', url: `${url}/cancel`, headers: { cookie } });
    expect(cancel.json()).toMatchObject({ status: 'cancel_requested' });
    t.clock.set(new Date(new Date(renewed.currentPeriodEnd).getTime() - 5 * day));
    expect(await run()).toMatchObject({ proformasIssued: 0, cancelled: 0 });
    t.clock.set(new Date(new Date(renewed.currentPeriodEnd).getTime() + 1000));
    expect(await run()).toMatchObject({ proformasIssued: 0, cancelled: 1 });
    await signIn();
    expect((await t.app.inject({ method: 'GET', url, headers: { cookie } })).json().subscription).toBeNull();

    // Every change is an event with its time: the retention rules' and the dunning's anchors.
    const events = await sql<{
      kind: string;
    }>`select kind from shop_subscription_event where shop_id = ${shopId} order by seq`.execute(t.platform.db);
    expect(events.rows.map((e) => e.kind)).toEqual([
      'created',
      'proforma_issued',
      'proforma_issued',
      'renewed',
      'cancel_requested',
      'cancelled',
    ]);
  });

  it("answers 404 for another merchant's shop", async () => {
    const a = await shopWithProducts(t, []);
    const b = await shopWithProducts(t, []);
    for (const [method, path] of [
      ['GET', ''],
      ['POST', ''],
      ['POST', '/cancel'],
    ] as const) {
      const res = await t.app.inject({
        method,
        url: `/api/v1/shops/${b.shopId}/subscription${path}`,
        headers: { cookie: a.merchant.cookie },
        ...(method === 'POST' && path === '' ? { payload: { planId: 'starter' } } : {}),
      });
      expect(res.statusCode).toBe(404);
    }
  });

  it('upgrades at once with the rest of the period billed prorated, downgrades from the next period, and holds to the plan’s product limit', async () => {
    await sql`update plan set max_products = 2 where id = 'starter'`.execute(t.platform.db);
    const { merchant, shopId } = await shopWithProducts(t, []);
    const cookie = merchant.cookie;
    const url = `/api/v1/shops/${shopId}/subscription`;
    const sub = (
      await t.app.inject({ method: 'POST', url, headers: { cookie }, payload: { planId: 'starter' } })
    ).json();
    const addProduct = (i: number) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/shops/${shopId}/products`,
        headers: { cookie },
        payload: {
          title: `Limite ${i}`,
          status: 'active',
          vatRate: 23,
          variants: [{ sku: `LIM-${i}`, priceCents: 500, stock: 1 }],
        },
      });
    expect((await addProduct(1)).statusCode).toBe(201);
    expect((await addProduct(2)).statusCode).toBe(201);
    const over = await addProduct(3);
    expect(over.statusCode).toBe(409);
    expect(over.json().detail).toMatch(/allows 2 products/);

    // Ten days into the period, up to Business: the rest is billed at the difference.
    const start = new Date(sub.currentPeriodStart).getTime();
    const end = new Date(sub.currentPeriodEnd).getTime();
    t.clock.set(new Date(start + 10 * day));
    const up = await t.app.inject({
      method: 'POST',
      url: `${url}/change`,
      headers: { cookie },
      payload: { planId: 'business' },
    });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ planId: 'business', pendingPlanId: null });
    expect((await addProduct(3)).statusCode).toBe(201); // Business has no product limit
    const signedIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: merchant.body.email, password: merchant.body.password },
    });
    const fresh = cookieFrom(signedIn);
    const docs = (
      await t.app.inject({ method: 'GET', url: '/api/v1/account/invoices', headers: { cookie: fresh } })
    ).json().items as { netCents: number; kind: string }[];
    const expected = Math.round(((2900 - 900) * (end - start - 10 * day)) / (end - start));
    expect(docs.map((d) => d.netCents)).toContain(expected);

    // Back down to Starter: it takes effect with the next period, billed at Starter.
    const down = await t.app.inject({
      method: 'POST',
      url: `${url}/change`,
      headers: { cookie: fresh },
      payload: { planId: 'starter' },
    });
    expect(down.json()).toMatchObject({ planId: 'business', pendingPlanId: 'starter' });
    t.clock.set(new Date(end - 13 * day));
    await t.platform.subscriptions.runBilling(systemContext(t.clock.now()));
    const next = await sql<{ id: string; net_cents: number }>`select d.id, d.net_cents from shop_subscription_proforma p
      join billing_document d on d.id = p.document_id where p.shop_id = ${shopId} and p.period_start = ${new Date(end)}`.execute(
      t.platform.db,
    );
    expect(next.rows[0]!.net_cents).toBe(900);
    await t.platform.billing.payProforma(systemContext(t.clock.now()), next.rows[0]!.id, {
      method: 'transfer',
      reference: 'T-DOWN',
    });
    const after = await sql<{ plan_id: string; pending_plan_id: string | null }>`select plan_id, pending_plan_id
      from shop_subscription where shop_id = ${shopId}`.execute(t.platform.db);
    expect(after.rows[0]).toEqual({ plan_id: 'starter', pending_plan_id: null });
    const kinds = await sql<{
      kind: string;
    }>`select kind from shop_subscription_event where shop_id = ${shopId} order by seq`.execute(t.platform.db);
    expect(kinds.rows.map((k) => k.kind)).toEqual(
      expect.arrayContaining(['plan_changed', 'plan_change_scheduled', 'renewed']),
    );
    await sql`update plan set max_products = 100 where id = 'starter'`.execute(t.platform.db);
  });

  it("holds the account to its plans' user allowance: Starter allows one user besides the owner", async () => {
    const { merchant, shopId } = await shopWithProducts(t, []);
    const cookie = merchant.cookie;
    const invite = (email: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/account/users/invitations',
        headers: { cookie },
        payload: { email, permissions: ['orders'] },
      });
    // No plan yet: nothing limits it.
    expect((await invite(`seat-a-${process.pid}@example.test`)).statusCode).toBe(201);
    expect((await invite(`seat-b-${process.pid}@example.test`)).statusCode).toBe(201);
    const withdrawn = (await t.app.inject({ method: 'GET', url: '/api/v1/account/users', headers: { cookie } }))
      .json()
      .invitations.find((i: { email: string }) => i.email.startsWith('seat-b-')).id;
    await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/account/users/invitations/${withdrawn}`,
      headers: { cookie },
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/shops/${shopId}/subscription`,
      headers: { cookie },
      payload: { planId: 'starter' },
    });
    const over = await invite(`seat-c-${process.pid}@example.test`);
    expect(over.statusCode).toBe(409);
    expect(over.json().detail).toMatch(/allows 1 user besides you/);
    // Sending the open invitation again replaces it, and is not a second user.
    expect((await invite(`seat-a-${process.pid}@example.test`)).statusCode).toBe(201);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/shops/${shopId}/subscription/change`,
      headers: { cookie },
      payload: { planId: 'business' },
    });
    expect((await invite(`seat-c-${process.pid}@example.test`)).statusCode).toBe(201);
  });
});
