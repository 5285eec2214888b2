import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cookieFrom, createTestApp, type TestApp } from './harness.js';

const readme = readFileSync('README.md', 'utf8');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

it("the README's sign-up curl opens an account as printed, and the account curl then reads it", async () => {
  const curl = /curl -i -X POST localhost:3000\/api\/v1\/auth\/signup [^\n]*-d '([^']+)'/.exec(readme);
  expect(curl, 'the sign-up example').not.toBeNull();
  const body = JSON.parse(curl![1]!);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/signup',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
  expect(res.statusCode, res.body).toBe(201);
  expect(readme).toContain('curl -b jar localhost:3000/api/v1/account');
  const account = await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: { cookie: cookieFrom(res) } });
  expect(account.statusCode).toBe(200);
  expect(account.json()).toMatchObject({ email: body.email, nif: 'PT501964843' });

  const shopCurl = /curl -b jar -X POST localhost:3000\/api\/v1\/shops [^\n]*-d '([^']+)'/.exec(readme);
  expect(shopCurl, 'the shop example').not.toBeNull();
  const shop = await t.app.inject({
    method: 'POST',
    url: '/api/v1/shops',
    headers: { 'content-type': 'application/json', cookie: cookieFrom(res) },
    payload: shopCurl![1]!,
  });
  expect(shop.statusCode, shop.body).toBe(201);
  const productCurl = /curl -b jar -X POST localhost:3000\/api\/v1\/shops\/\$SHOP\/products [^\n]*-d '([^']+)'/.exec(
    readme,
  );
  expect(productCurl, 'the product example').not.toBeNull();
  const product = await t.app.inject({
    method: 'POST',
    url: `/api/v1/shops/${shop.json().id}/products`,
    headers: { 'content-type': 'application/json', cookie: cookieFrom(res) },
    payload: productCurl![1]!,
  });
  expect(product.statusCode, product.body).toBe(201);
  const hostCurl = /curl -H 'Host: ([^']+)' localhost:3000\//.exec(readme);
  expect(hostCurl, 'the storefront example').not.toBeNull();
  const home = await t.app.inject({ method: 'GET', url: '/', headers: { host: hostCurl![1]! } });
  expect(home.statusCode).toBe(200);
  expect(home.body).toContain('Loja da Maria');
  expect(home.body).toContain('Caneca de Barcelos');
  const jsCurl = /curl -H 'Host: ([^']+)' localhost:3000(\/products\/[a-z-]+\.js)/.exec(readme);
  expect(jsCurl, 'the product JSON example').not.toBeNull();
  const json = await t.app.inject({ method: 'GET', url: jsCurl![2]!, headers: { host: jsCurl![1]! } });
  expect(json.json()).toMatchObject({ title: 'Caneca de Barcelos', price: 1250, available: true });
});
