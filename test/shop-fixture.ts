import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { cookieFrom, signUp, type TestApp } from './harness.js';

let n = 0;

/** A merchant with a shop and one product per given stock, each with one variant (price 1230 c, VAT 23 %). */
export async function shopWithProducts(t: TestApp, stocks: number[], prices: number[] = []) {
  const merchant = await signUp(t.app);
  const slug = `ord-${process.pid}-${++n}`;
  const shop = await t.app.inject({
    method: 'POST',
    url: '/api/v1/shops',
    headers: { cookie: merchant.cookie },
    payload: { slug, name: `Loja ${n}` },
  });
  expect(shop.statusCode).toBe(201);
  const shopId = shop.json().id as string;
  const variants: string[] = [];
  for (const [i, stock] of stocks.entries()) {
    const p = await t.app.inject({
      method: 'POST',
      url: `/api/v1/shops/${shopId}/products`,
      headers: { cookie: merchant.cookie },
      payload: {
        title: `Produto ${i + 1}`,
        status: 'active',
        vatRate: 23,
        variants: [{ sku: `SKU-${i + 1}`, priceCents: prices[i] ?? 1230, stock }],
      },
    });
    expect(p.statusCode, p.body).toBe(201);
    variants.push(p.json().variants[0].id as string);
  }
  return { merchant, slug, shopId, host: `${slug}.localhost`, variants, email: merchant.body.email as string };
}

/** A shopper's browser on one shop's host: keeps the cookies it is given. */
export function shopper(t: TestApp, host: string) {
  let cookie = '';
  const send = async (method: 'GET' | 'POST', url: string, payload?: object, headers: Record<string, string> = {}) => {
    const res: LightMyRequestResponse = await t.app.inject({
      method,
      url,
      headers: { host, ...(cookie ? { cookie } : {}), ...headers },
      ...(payload ? { payload } : {}),
    });
    const given = cookieFrom(res);
    if (given) cookie = given;
    return res;
  };
  return {
    send,
    get cookie() {
      return cookie;
    },
    set cookie(value: string) {
      cookie = value;
    },
    add: (variantId: string, quantity = 1) => send('POST', '/cart/add.js', { id: variantId, quantity }),
    checkout: (body: object, idempotencyKey?: string) =>
      send('POST', '/checkout.js', body, idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
  };
}

export const address = {
  firstName: 'Ana',
  lastName: 'Quintanilha',
  line1: 'Rua Augusta 100',
  postalCode: '1100-048',
  city: 'Lisboa',
  country: 'PT',
};

export const approvedCard = { method: 'card', number: '4242 4242 4242 4242', expMonth: 12, expYear: 2034, cvc: '318' };
export const declinedCard = { method: 'card', number: '4000 0000 0000 0002', expMonth: 11, expYear: 2033, cvc: '847' };

export const checkoutBody = (payment: object = approvedCard, overrides: object = {}) => ({
  email: `ana.${Math.random().toString(36).slice(2)}@example.pt`,
  shippingAddress: address,
  payment,
  ...overrides,
});
