import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { startTestSmtp } from '../../../test/smtp.js';
import {
  address,
  approvedCard,
  checkoutBody,
  declinedCard,
  shopper,
  shopWithProducts,
} from '../../../test/shop-fixture.js';

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

const merchantApi = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const stockOf = async (s: { merchant: { cookie: string }; shopId: string }, i = 0) => {
  const list = await merchantApi(s.merchant.cookie, 'GET', `/api/v1/shops/${s.shopId}/products?perPage=100`);
  const sorted = list.json().items.sort((a: { title: string }, b: { title: string }) => a.title.localeCompare(b.title));
  return sorted[i].variants[0].stock as number;
};
const chargesFor = (orderId: string) =>
  t.platform.db
    .selectFrom('payment_simulator_charge')
    .select(['id', 'state', 'amount_cents'])
    .where('order_reference', '=', orderId)
    .execute();

describe('checkout as JSON (#9 §4)', () => {
  it('sells by card: paid order with numbers from #1001, VAT and shipping, stock taken, cart emptied, mails sent', async () => {
    const s = await shopWithProducts(t, [5, 2], [1230, 600]);
    const b = shopper(t, s.host);
    await b.add(s.variants[0]!, 2);
    t.clock.advance(1000);
    await b.add(s.variants[1]!, 1);
    const body = checkoutBody();
    const res = await b.checkout(body);
    expect(res.statusCode, res.body).toBe(201);
    const { order } = res.json();
    // 2 × 12,30 + 6,00 + 3,95 mainland shipping.
    expect(order).toMatchObject({ number: 1001, status: 'paid', totalCents: 3455, currency: 'EUR' });
    expect(order.token).toMatch(/^[\w-]{40,}$/);
    expect(await stockOf(s, 0)).toBe(3);
    expect(await stockOf(s, 1)).toBe(1);
    expect((await b.send('GET', '/cart.js')).json().itemCount).toBe(0);
    expect(await chargesFor(order.id)).toEqual([expect.objectContaining({ state: 'paid', amount_cents: 3455 })]);

    const detail = (await merchantApi(s.merchant.cookie, 'GET', `/api/v1/shops/${s.shopId}/orders/${order.id}`)).json();
    expect(detail).toMatchObject({
      name: '#1001',
      email: body.email,
      payment: { method: 'card', brand: 'visa', last4: '4242' },
      shippingAddress: { ...address, line2: null, phone: null },
      billingAddress: { firstName: 'Ana', city: 'Lisboa' },
      totals: { subtotalCents: 3060, shippingCents: 395, totalCents: 3455, vat: [{ rate: 23, grossCents: 3455 }] },
    });
    expect(detail.lines).toEqual([
      expect.objectContaining({
        sku: 'SKU-1',
        productTitle: 'Produto 1',
        quantity: 2,
        unitPriceCents: 1230,
        lineTotalCents: 2460,
      }),
      expect.objectContaining({ sku: 'SKU-2', quantity: 1, lineTotalCents: 600 }),
    ]);
    expect(detail.timeline.map((e: { kind: string }) => e.kind)).toEqual(['placed', 'paid']);

    // The next order of the shop is #1002.
    await b.add(s.variants[0]!, 1);
    expect((await b.checkout(checkoutBody())).json().order.number).toBe(1002);

    await t.platform.jobs.runDue();
    const toShopper = smtp.lastTo(body.email)!;
    expect(toShopper).toMatch(new RegExp(`From: "?Loja \\d+"? <`));
    // Billed in Lisbon: the shop writes to this shopper in Portuguese.
    expect(toShopper).toContain('Encomenda #1001 confirmada');
    expect(toShopper).toContain('Produto 1');
    expect(toShopper).toContain(`/orders/${order.token}`);
    expect(toShopper).not.toMatch(/4242|318/);
    const toMerchant = smtp.lastTo(s.email)!;
    expect(toMerchant).toContain('new order #100');
  });

  it('ships to the islands and the EU at their rates, and refuses a rate for another zone', async () => {
    const s = await shopWithProducts(t, [10]);
    const b = shopper(t, s.host);
    await b.add(s.variants[0]!);
    const madeira = { ...address, postalCode: '9000-018', city: 'Funchal' };
    const islands = await b.checkout(checkoutBody(approvedCard, { shippingAddress: madeira }));
    expect(islands.json().order.totalCents).toBe(1230 + 795);
    await b.add(s.variants[0]!);
    const spain = { ...address, postalCode: '28013', city: 'Madrid', country: 'ES' };
    const wrongRate = await b.checkout(
      checkoutBody(approvedCard, { shippingAddress: spain, shippingRateId: 'pt-mainland' }),
    );
    expect(wrongRate.statusCode).toBe(422);
    expect(wrongRate.json().errors[0].field).toBe('shippingRateId');
    const eu = await b.checkout(checkoutBody(approvedCard, { shippingAddress: spain, shippingRateId: 'eu' }));
    expect(eu.json().order.totalCents).toBe(1230 + 1250);
  });

  it('names each wrong field (422), and refuses an empty cart', async () => {
    const s = await shopWithProducts(t, [5]);
    const b = shopper(t, s.host);
    const empty = await b.checkout(checkoutBody());
    expect(empty.statusCode).toBe(422);
    expect(empty.json().errors).toEqual([{ field: 'cart', message: expect.any(String) }]);
    await b.add(s.variants[0]!);
    const bad = await b.checkout({
      email: 'not an email',
      shippingAddress: { ...address, postalCode: '12345', firstName: '' },
      payment: { method: 'card', number: '4242 4242 4242 4241', expMonth: 13, expYear: 2030, cvc: '12' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const fields = bad.json().errors.map((e: { field: string }) => e.field);
    for (const f of [
      'email',
      'shippingAddress.firstName',
      'shippingAddress.postalCode',
      'payment.number',
      'payment.expMonth',
    ])
      expect(fields).toContain(f);
    expect(bad.body).not.toContain('4242 4242 4242 4241');
    expect(await stockOf(s)).toBe(5);
  });

  it('answers 409 naming the variant when stock is short, and takes nothing', async () => {
    const s = await shopWithProducts(t, [2, 5]);
    const first = shopper(t, s.host);
    const second = shopper(t, s.host);
    await first.add(s.variants[0]!, 2);
    await second.add(s.variants[0]!, 2);
    await second.add(s.variants[1]!, 1);
    expect((await first.checkout(checkoutBody())).statusCode).toBe(201);
    const short = await second.checkout(checkoutBody());
    expect(short.statusCode).toBe(409);
    expect(short.json().errors).toEqual([{ field: s.variants[0], message: 'Sold out' }]);
    expect(await stockOf(s, 1)).toBe(5);
    const orders = await merchantApi(s.merchant.cookie, 'GET', `/api/v1/shops/${s.shopId}/orders`);
    expect(orders.json().total).toBe(1);
  });

  it('answers 402 when the card is declined, cancels the order and gives the stock back', async () => {
    const s = await shopWithProducts(t, [3]);
    const b = shopper(t, s.host);
    await b.add(s.variants[0]!, 2);
    const res = await b.checkout(checkoutBody(declinedCard));
    expect(res.statusCode).toBe(402);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors[0].field).toBe('payment');
    expect(await stockOf(s)).toBe(3);
    // The cart is still there to pay with another card.
    expect((await b.send('GET', '/cart.js')).json().itemCount).toBe(2);
    const list = (await merchantApi(s.merchant.cookie, 'GET', `/api/v1/shops/${s.shopId}/orders`)).json();
    expect(list.items).toEqual([expect.objectContaining({ status: 'cancelled' })]);
    const again = await b.checkout(checkoutBody());
    expect(again.statusCode).toBe(201);
    expect(again.json().order.number).toBe(1002);
  });

  it('with an Idempotency-Key, a retry gets the same order and no second charge; another body with it is refused', async () => {
    const s = await shopWithProducts(t, [5]);
    const b = shopper(t, s.host);
    await b.add(s.variants[0]!, 1);
    const body = checkoutBody();
    const first = await b.checkout(body, 'retry-key-1');
    const second = await b.checkout(body, 'retry-key-1');
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(await chargesFor(first.json().order.id)).toHaveLength(1);
    expect(await stockOf(s)).toBe(4);
    // The same key twice at the same moment: one order, one charge.
    await b.add(s.variants[0]!, 1);
    const sameTime = checkoutBody();
    const [x, y] = await Promise.all([b.checkout(sameTime, 'at-once'), b.checkout(sameTime, 'at-once')]);
    expect([x.statusCode, y.statusCode]).toEqual([201, 201]);
    expect(y.json().order.id).toBe(x.json().order.id);
    expect(await chargesFor(x.json().order.id)).toHaveLength(1);
    expect(await stockOf(s)).toBe(3);
    const other = await b.checkout({ ...body, email: 'someone.else@example.pt' }, 'retry-key-1');
    expect(other.statusCode).toBe(422);
    expect(other.json().errors[0].field).toBe('Idempotency-Key');
    // A retry of a declined checkout is declined again, and charges nothing more.
    await b.add(s.variants[0]!, 1);
    const declinedBody = checkoutBody(declinedCard);
    expect((await b.checkout(declinedBody, 'retry-key-2')).statusCode).toBe(402);
    expect((await b.checkout(declinedBody, 'retry-key-2')).statusCode).toBe(402);
    expect(await stockOf(s)).toBe(3);
  });

  it('finishes an order a crash left unpaid when the same request is retried', async () => {
    const s = await shopWithProducts(t, [5]);
    const b = shopper(t, s.host);
    await b.add(s.variants[0]!, 1);
    const body = checkoutBody();
    const gateway = t.platform.payments;
    const charge = gateway.authorizeCard;
    gateway.authorizeCard = () => Promise.reject(new Error('connection reset'));
    try {
      const crashed = await b.checkout(body, 'crash-key');
      expect(crashed.statusCode).toBe(503);
    } finally {
      gateway.authorizeCard = charge;
    }
    const list = (await merchantApi(s.merchant.cookie, 'GET', `/api/v1/shops/${s.shopId}/orders`)).json();
    expect(list.items).toEqual([expect.objectContaining({ status: 'pending_payment' })]);
    expect(await stockOf(s)).toBe(4);
    const retried = await b.checkout(body, 'crash-key');
    expect(retried.statusCode).toBe(201);
    expect(retried.json().order).toMatchObject({ id: list.items[0].id, status: 'paid' });
    expect(await chargesFor(list.items[0].id)).toHaveLength(1);
    expect(await stockOf(s)).toBe(4);
    // The release of unconfirmed card orders leaves a paid one alone.
    t.clock.advance(61 * 60_000);
    await t.platform.jobs.runDue();
    expect(await stockOf(s)).toBe(4);
  });

  it('releases the stock of a card order the gateway never answered for, if no retry comes', async () => {
    const s = await shopWithProducts(t, [5]);
    const b = shopper(t, s.host);
    await b.add(s.variants[0]!, 2);
    const body = checkoutBody();
    const gateway = t.platform.payments;
    const charge = gateway.authorizeCard;
    gateway.authorizeCard = () => Promise.reject(new Error('connection reset'));
    try {
      expect((await b.checkout(body, 'never-retried')).statusCode).toBe(503);
    } finally {
      gateway.authorizeCard = charge;
    }
    expect(await stockOf(s)).toBe(3);
    t.clock.advance(59 * 60_000);
    await t.platform.jobs.runDue();
    expect(await stockOf(s)).toBe(3);
    t.clock.advance(2 * 60_000);
    await t.platform.jobs.runDue();
    expect(await stockOf(s)).toBe(5);
    const list = (await merchantApi(s.merchant.cookie, 'GET', `/api/v1/shops/${s.shopId}/orders`)).json();
    expect(list.items).toEqual([expect.objectContaining({ status: 'cancelled' })]);
    // A late retry is told, rather than charged for an order that no longer holds anything.
    const late = await b.checkout(body, 'never-retried');
    expect(late.statusCode).toBe(409);
    expect(await chargesFor(list.items[0].id)).toHaveLength(0);
  });
});

describe('Multibanco (#9 §4)', () => {
  it('stays pending with entity, reference and deadline, holding its stock, until the reference is paid', async () => {
    const s = await shopWithProducts(t, [3]);
    const b = shopper(t, s.host);
    await b.add(s.variants[0]!, 2);
    const body = checkoutBody({ method: 'multibanco' });
    const res = await b.checkout(body);
    expect(res.statusCode).toBe(201);
    const { order } = res.json();
    expect(order.status).toBe('pending_payment');
    expect(await stockOf(s)).toBe(1);
    const url = `/api/v1/shops/${s.shopId}/orders/${order.id}`;
    const pending = (await merchantApi(s.merchant.cookie, 'GET', url)).json();
    expect(pending.payment.multibanco).toMatchObject({
      entity: expect.stringMatching(/^\d{5}$/),
      reference: expect.stringMatching(/^\d{9}$/),
    });
    expect(new Date(pending.payment.multibanco.expiresAt).getTime() - t.clock.now().getTime()).toBe(3 * 86_400_000);
    await t.platform.jobs.runDue();
    expect(smtp.lastTo(body.email)).toContain(pending.payment.multibanco.entity);

    await t.platform.payments.simulator!.markMultibancoPaid(pending.payment.gatewayRef);
    const paid = (await merchantApi(s.merchant.cookie, 'GET', url)).json();
    expect(paid.status).toBe('paid');
    expect(paid.timeline.map((e: { kind: string }) => e.kind)).toEqual(['placed', 'awaiting_payment', 'paid']);
    expect(await stockOf(s)).toBe(1);
    // Its deadline passing now changes nothing.
    t.clock.advance(3 * 86_400_000 + 60_000);
    await t.platform.jobs.runDue();
    expect((await merchantApi(s.merchant.cookie, 'GET', url)).json().status).toBe('paid');
    expect(smtp.lastTo(s.email)).toContain(`new order ${paid.name}`);
  });

  it('is cancelled and its stock released when the deadline passes unpaid', async () => {
    const s = await shopWithProducts(t, [3]);
    const b = shopper(t, s.host);
    await b.add(s.variants[0]!, 3);
    const { order } = (await b.checkout(checkoutBody({ method: 'multibanco' }))).json();
    expect(await stockOf(s)).toBe(0);
    t.clock.advance(3 * 86_400_000 - 60_000);
    await t.platform.jobs.runDue();
    expect(await stockOf(s)).toBe(0);
    t.clock.advance(2 * 60_000);
    await t.platform.jobs.runDue();
    expect(await stockOf(s)).toBe(3);
    const detail = (await merchantApi(s.merchant.cookie, 'GET', `/api/v1/shops/${s.shopId}/orders/${order.id}`)).json();
    expect(detail.status).toBe('cancelled');
    expect(detail.timeline.at(-1).kind).toBe('expired');
    await expect(t.platform.payments.simulator!.markMultibancoPaid(detail.payment.gatewayRef)).rejects.toThrow();
  });
});
