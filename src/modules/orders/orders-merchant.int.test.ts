import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { startTestSmtp } from '../../../test/smtp.js';
import { checkoutBody, shopper, shopWithProducts } from '../../../test/shop-fixture.js';

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

type Shop = Awaited<ReturnType<typeof shopWithProducts>>;
const api = (s: Shop, method: 'GET' | 'POST', path: string, payload?: object) =>
  t.app.inject({
    method,
    url: `/api/v1/shops/${s.shopId}${path}`,
    headers: { cookie: s.merchant.cookie },
    ...(payload ? { payload } : {}),
  });
const stockOf = async (s: Shop) => (await api(s, 'GET', '/products')).json().items[0].variants[0].stock as number;

async function paidOrder(s: Shop, quantity = 1, payment?: object) {
  const b = shopper(t, s.host);
  await b.add(s.variants[0]!, quantity);
  const body = checkoutBody(payment);
  const res = await b.checkout(body);
  expect(res.statusCode, res.body).toBe(201);
  return {
    ...(res.json().order as { id: string; number: number; token: string; totalCents: number }),
    email: body.email,
  };
}

const auditActions = async (accountId: string) =>
  (
    await t.platform.db
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('chain', '=', `account:${accountId}`)
      .execute()
  ).map((r) => `${r.action} ${r.target_id}`);

describe('the merchant’s order API (#9 §5)', () => {
  it('lists orders newest first, filters by status and pages; reads one, audited', async () => {
    const s = await shopWithProducts(t, [20]);
    const a = await paidOrder(s);
    const b = await paidOrder(s);
    const mb = await paidOrder(s, 1, { method: 'multibanco' });
    const all = (await api(s, 'GET', '/orders')).json();
    expect(all).toMatchObject({ total: 3, page: 1, perPage: 20 });
    expect(all.items.map((o: { id: string }) => o.id)).toEqual([mb.id, b.id, a.id]);
    const paid = (await api(s, 'GET', '/orders?status=paid&perPage=1&page=2')).json();
    expect(paid).toMatchObject({ total: 2, page: 2, perPage: 1 });
    expect(paid.items.map((o: { id: string }) => o.id)).toEqual([a.id]);
    expect((await api(s, 'GET', '/orders?status=shipped')).statusCode).toBe(422);

    const detail = await api(s, 'GET', `/orders/${a.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ id: a.id, email: a.email, status: 'paid' });
    expect(await auditActions(s.merchant.account.id)).toContain(`order.read ${a.id}`);
  });

  it('fulfils with a tracking number, and the shopper is emailed it', async () => {
    const s = await shopWithProducts(t, [5]);
    const o = await paidOrder(s);
    const res = await api(s, 'POST', `/orders/${o.id}/fulfil`, { trackingNumber: 'RR123456789PT' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'fulfilled', trackingNumber: 'RR123456789PT' });
    expect(res.json().timeline.at(-1)).toMatchObject({ kind: 'fulfilled', actor: `customer:${s.merchant.account.id}` });
    await t.platform.jobs.runDue();
    // Billed in Lisbon: written in Portuguese (order-mail.int.test.ts reads the words themselves).
    const mail = smtp.lastTo(o.email)!;
    expect(mail).toContain(`A sua encomenda #${o.number} de `);
    expect(mail).toContain('RR123456789PT');
    expect((await api(s, 'POST', `/orders/${o.id}/fulfil`, {})).statusCode).toBe(409);
    expect(await auditActions(s.merchant.account.id)).toContain(`order.fulfil ${o.id}`);
  });

  it('cancels: an unpaid order gives its stock back; a paid one is refunded in full too; a shipped one refuses', async () => {
    const s = await shopWithProducts(t, [10]);
    const pending = await paidOrder(s, 2, { method: 'multibanco' });
    expect(await stockOf(s)).toBe(8);
    const c1 = await api(s, 'POST', `/orders/${pending.id}/cancel`);
    expect(c1.statusCode).toBe(200);
    expect(c1.json()).toMatchObject({ status: 'cancelled', refundedCents: 0 });
    expect(await stockOf(s)).toBe(10);
    // The shopper pays the reference anyway: the order stays cancelled, and the timeline says so for a refund.
    await t.platform.payments.simulator!.markMultibancoPaid(c1.json().payment.gatewayRef);
    const late = (await api(s, 'GET', `/orders/${pending.id}`)).json();
    expect(late.status).toBe('cancelled');
    expect(late.timeline.at(-1)).toMatchObject({ kind: 'paid_after_cancellation', actor: 'system' });

    const paid = await paidOrder(s, 3);
    expect(await stockOf(s)).toBe(7);
    const c2 = (await api(s, 'POST', `/orders/${paid.id}/cancel`)).json();
    expect(c2).toMatchObject({ status: 'cancelled', refundedCents: paid.totalCents });
    expect(await stockOf(s)).toBe(10);
    const charge = await t.platform.db
      .selectFrom('payment_simulator_charge')
      .select('refunded_cents')
      .where('order_reference', '=', paid.id)
      .executeTakeFirstOrThrow();
    expect(charge.refunded_cents).toBe(paid.totalCents);
    expect((await api(s, 'POST', `/orders/${paid.id}/cancel`)).statusCode).toBe(409);

    const shipped = await paidOrder(s);
    await api(s, 'POST', `/orders/${shipped.id}/fulfil`, {});
    expect((await api(s, 'POST', `/orders/${shipped.id}/cancel`)).statusCode).toBe(409);
  });

  it('refunds part, then the rest, through the gateway; never more than was paid', async () => {
    const s = await shopWithProducts(t, [5]);
    const o = await paidOrder(s);
    const part = await api(s, 'POST', `/orders/${o.id}/refund`, { amountCents: 500 });
    expect(part.statusCode).toBe(200);
    expect(part.json()).toMatchObject({ status: 'paid', refundedCents: 500 });
    const tooMuch = await api(s, 'POST', `/orders/${o.id}/refund`, { amountCents: o.totalCents });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().errors[0].field).toBe('amountCents');
    const rest = await api(s, 'POST', `/orders/${o.id}/refund`, {});
    expect(rest.json()).toMatchObject({ status: 'refunded', refundedCents: o.totalCents });
    const refunds = await t.platform.db
      .selectFrom('payment_simulator_refund as r')
      .innerJoin('payment_simulator_charge as c', 'c.id', 'r.charge_id')
      .select('r.amount_cents')
      .where('c.order_reference', '=', o.id)
      .orderBy('r.created_at')
      .execute();
    expect(refunds.map((r) => r.amount_cents).sort((x, y) => x - y)).toEqual(
      [500, o.totalCents - 500].sort((x, y) => x - y),
    );
    expect((await api(s, 'POST', `/orders/${o.id}/refund`, {})).statusCode).toBe(409);
    expect(await auditActions(s.merchant.account.id)).toContain(`order.refund ${o.id}`);
  });

  it('answers 404 for another merchant’s orders and shops, and changes nothing of theirs', async () => {
    const mine = await shopWithProducts(t, [5]);
    const theirs = await shopWithProducts(t, [5]);
    const o = await paidOrder(theirs);
    for (const [method, path, body] of [
      ['GET', `/orders/${o.id}`, undefined],
      ['POST', `/orders/${o.id}/fulfil`, {}],
      ['POST', `/orders/${o.id}/cancel`, undefined],
      ['POST', `/orders/${o.id}/refund`, {}],
    ] as const) {
      expect((await api(mine, method, path, body)).statusCode, `${method} ${path}`).toBe(404);
      // Their shop id with my session: the membership guard says it does not exist.
      const res = await t.app.inject({
        method,
        url: `/api/v1/shops/${theirs.shopId}${path}`,
        headers: { cookie: mine.merchant.cookie },
        ...(body ? { payload: body } : {}),
      });
      expect(res.statusCode, `${method} ${path} in their shop`).toBe(404);
    }
    expect((await api(mine, 'GET', '/orders')).json().total).toBe(0);
    expect((await api(theirs, 'GET', `/orders/${o.id}`)).json()).toMatchObject({ status: 'paid', refundedCents: 0 });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/shops/${mine.shopId}/orders` })).statusCode).toBe(401);
  });
});

describe('the shopper’s order page and checkout stay in their shop', () => {
  it('an order token opens nothing on another shop’s host, and another shop’s cart cannot be checked out', async () => {
    const a = await shopWithProducts(t, [5]);
    const b = await shopWithProducts(t, [5]);
    const o = await paidOrder(a);
    const row = await t.platform.db
      .selectFrom('shop_order')
      .select('token_hash')
      .where('id', '=', o.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).not.toBe(o.token);
    const onB = await t.app.inject({ method: 'GET', url: `/orders/${o.token}`, headers: { host: b.host } });
    expect(onB.statusCode).toBe(404);
    expect(onB.body).not.toContain(o.email);

    const onA = shopper(t, a.host);
    await onA.add(a.variants[0]!, 1);
    const onBWithA = shopper(t, b.host);
    onBWithA.cookie = onA.cookie;
    const res = await onBWithA.checkout(checkoutBody());
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('cart');
    expect(await stockOf(a)).toBe(4);
  });
});
