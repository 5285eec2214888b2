import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorContext } from '../../core/context.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { checkoutBody, shopper, shopWithProducts } from '../../../test/shop-fixture.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const phoneTyped = '912 000 777';

describe('a shopper’s data, as the data map declares it (#9 §7)', () => {
  it('is exported from the shopper, and erased: contact and delivery details go, the invoice’s fields stay held', async () => {
    const s = await shopWithProducts(t, [5]);
    const b = shopper(t, s.host);
    await b.add(s.variants[0]!);
    const body = checkoutBody(undefined, {
      shippingAddress: {
        firstName: 'Zacarias',
        lastName: 'Vilarinho',
        line1: 'Travessa do Sossego 7',
        line2: '3.º esq.',
        postalCode: '4000-123',
        city: 'Porto',
        country: 'PT',
        phone: phoneTyped,
      },
    });
    const { order } = (await b.checkout(body)).json();
    const { id: shopperId } = await t.platform.db
      .selectFrom('shopper')
      .select('id')
      .where('email', '=', body.email)
      .executeTakeFirstOrThrow();

    const exported: Record<string, unknown[]> = {};
    for await (const { table, pages } of t.platform.privacy.exportSubject({ kind: 'shopper', id: shopperId }, 100)) {
      exported[table] = [];
      for await (const page of pages()) exported[table].push(...page);
    }
    expect(JSON.stringify(exported.shopper)).toContain(body.email);
    expect(JSON.stringify(exported.shop_order)).toContain('Travessa do Sossego 7');

    const result = await t.platform.privacy.eraseSubject(operatorContext(t.clock.now()), {
      kind: 'shopper',
      id: shopperId,
    });
    expect(result.journalId).toBeTruthy();
    const row = await t.platform.db
      .selectFrom('shop_order')
      .selectAll()
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    // The sale stays the merchant's record, detached from the shopper.
    expect(row).toMatchObject({ status: 'paid', total_cents: order.totalCents, shopper_id: null });
    expect(row).toMatchObject({
      ship_line1: '[erased]',
      ship_line2: null,
      ship_phone: null,
      ship_first_name: '[erased]',
    });
    // Billed to the same address: the invoice's fields are under legal hold.
    expect(row).toMatchObject({ bill_first_name: 'Zacarias', bill_line1: 'Travessa do Sossego 7', bill_phone: null });
    const dump = await sql<{ t: string }>`select string_agg(s::text, ' ') as t from shopper s`.execute(t.platform.db);
    expect(dump.rows[0]?.t ?? '').not.toContain(body.email);
    // The merchant's API still shows the order, without an email to write to.
    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/v1/shops/${s.shopId}/orders/${order.id}`,
      headers: { cookie: s.merchant.cookie },
    });
    expect(detail.json()).toMatchObject({ email: null, status: 'paid' });
  });
});
