import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { shopWithProducts } from '../../../test/shop-fixture.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** A browser without JavaScript: plain GETs and form posts, cookies kept by name. */
function browser(host: string) {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (res: Awaited<ReturnType<TestApp['app']['inject']>>) => {
    for (const c of res.cookies) {
      if (c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0)) jar.delete(c.name);
      else jar.set(c.name, c.value);
    }
    return res;
  };
  return {
    jar,
    get: async (url: string) => keep(await t.app.inject({ method: 'GET', url, headers: { host, cookie: cookie() } })),
    post: async (url: string, fields: Record<string, string>) =>
      keep(
        await t.app.inject({
          method: 'POST',
          url,
          headers: {
            host,
            cookie: cookie(),
            origin: `http://${host}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          payload: new URLSearchParams(fields).toString(),
        }),
      ),
  };
}

const information = {
  email: 'rui.pereira@example.pt',
  'shipping_address[first_name]': 'Rui',
  'shipping_address[last_name]': 'Pereira',
  'shipping_address[address1]': 'Avenida da Liberdade 200',
  'shipping_address[zip]': '1250-147',
  'shipping_address[city]': 'Lisboa',
  'shipping_address[country_code]': 'PT',
};
const card = (number: string, cvc: string) => ({
  payment_method: 'card',
  'card[name]': 'Rui Pereira',
  'card[number]': number,
  'card[expiry_month]': '09',
  'card[expiry_year]': '2033',
  'card[cvc]': cvc,
  billing_same_as_shipping: '1',
});

describe('the HTML checkout, without JavaScript (#9 §3–4)', () => {
  it('cart forms, three steps with errors beside their fields, a declined card, then the confirmation page', async () => {
    const s = await shopWithProducts(t, [5]);
    const b = browser(s.host);
    const added = await b.post('/cart/add', { id: s.variants[0]!, quantity: '2' });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe('/cart');
    const cart = await b.get('/cart');
    expect(cart.statusCode).toBe(200);
    expect(cart.headers['cache-control']).toBe('no-store');
    expect(cart.body).toContain('Produto 1');
    expect(cart.body).toContain(`name="updates[${s.variants[0]}]" value="2"`);
    const updated = await b.post('/cart/update', { [`updates[${s.variants[0]}]`]: '3', checkout: '1' });
    expect(updated.headers.location).toBe('/checkout');

    // Later steps are not reachable before the first is done.
    expect((await b.get('/checkout?step=payment')).headers.location).toBe('/checkout?step=information');
    const first = await b.get('/checkout');
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('name="shipping_address[zip]"');
    const wrong = await b.post('/checkout?step=information', { ...information, 'shipping_address[zip]': '12' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toMatch(/id="shipping_address-zip"[^>]*aria-invalid="true"/);
    expect(wrong.body).toContain('value="Avenida da Liberdade 200"');
    const informed = await b.post('/checkout?step=information', information);
    expect(informed.statusCode).toBe(303);
    expect(informed.headers.location).toBe('/checkout?step=shipping');
    // What was typed travels sealed in the shopper's browser, not readable there.
    expect(b.jar.get('sr_checkout')).toBeDefined();
    expect(decodeURIComponent(b.jar.get('sr_checkout')!)).not.toContain('Pereira');

    const shipping = await b.get('/checkout?step=shipping');
    expect(shipping.body).toContain('value="pt-mainland"');
    expect((await b.post('/checkout?step=shipping', { shipping_rate: 'world' })).statusCode).toBe(422);
    const shipped = await b.post('/checkout?step=shipping', { shipping_rate: 'pt-mainland' });
    expect(shipped.headers.location).toBe('/checkout?step=payment');

    const payment = await b.get('/checkout?step=payment');
    expect(payment.body).toContain('name="card[number]"');
    const declined = await b.post('/checkout?step=payment', card('4000 0000 0000 0002', '847'));
    expect(declined.statusCode).toBe(402);
    expect(declined.body).not.toContain('4000 0000 0000 0002');
    expect(declined.body).not.toContain('4000000000000002');
    expect(declined.body).not.toMatch(/value="847"/);
    expect(declined.body).toContain('value="Rui Pereira"');

    // A double click: two submissions at once place one order. The second finds the first's order (or,
    // when the first finished before it began, the emptied cart).
    const [paid, twice] = await Promise.all([
      b.post('/checkout?step=payment', card('4242 4242 4242 4242', '318')),
      b.post('/checkout?step=payment', card('4242 4242 4242 4242', '318')),
    ]);
    expect([paid.headers.location, '/cart'], `${twice.statusCode} ${twice.body.slice(0, 3000)}`).toContain(
      twice.headers.location,
    );
    const orders = await t.app.inject({
      method: 'GET',
      url: `/api/v1/shops/${s.shopId}/orders?status=paid`,
      headers: { cookie: s.merchant.cookie },
    });
    expect(orders.json().total).toBe(1);
    expect(paid.statusCode).toBe(303);
    expect(paid.headers.location).toMatch(/^\/orders\/[\w-]{40,}$/);
    expect(b.jar.has('sr_checkout')).toBe(false);
    const page = await b.get(paid.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('#1002');
    expect(page.body).toContain('Avenida da Liberdade 200');
    expect(page.body).toContain('4242');
    expect(page.body).not.toContain('4242 4242 4242 4242');
    expect((await b.get('/cart.js')).json().itemCount).toBe(0);

    // The same page is nowhere else: not on another shop's host, not with a token one character off.
    const other = await shopWithProducts(t, [1]);
    const elsewhere = await t.app.inject({
      method: 'GET',
      url: paid.headers.location as string,
      headers: { host: other.host },
    });
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.body).not.toContain('Pereira');
    const off = `${(paid.headers.location as string).slice(0, -1)}x`;
    expect((await b.get(off)).statusCode).toBe(404);
  });

  it('pays by Multibanco and shows the entity and reference on the confirmation page', async () => {
    const s = await shopWithProducts(t, [5]);
    const b = browser(s.host);
    await b.post('/cart/add', { id: s.variants[0]! });
    await b.post('/checkout?step=information', information);
    await b.post('/checkout?step=shipping', { shipping_rate: 'pt-mainland' });
    const placed = await b.post('/checkout?step=payment', {
      payment_method: 'multibanco',
      billing_same_as_shipping: '1',
    });
    expect(placed.statusCode).toBe(303);
    const page = await b.get(placed.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/\b\d{5}\b/);
    expect(page.body).toContain('#1001');
  });
});
