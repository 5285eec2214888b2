/**
 * A merchant signed up through the API, with one shop opened through the API, for a bench server
 * process: the cookie it signs in with, its account and the shop. Stops the bench (throws) when the
 * set-up fails, since measuring error answers would be meaningless.
 */
import type { FastifyInstance } from 'fastify';

export async function benchMerchant(app: FastifyInstance, slug: string) {
  const signup = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/signup',
    payload: {
      firstName: 'Bench',
      lastName: 'Merchant',
      email: `bench.${slug}@merchant.example`,
      password: 'correct horse battery staple 42',
      phone: '+351912345678',
      company: 'Bench, Lda.',
      nif: 'PT501964843',
      marketingConsent: false,
      acceptTerms: true,
      address: { line1: 'Rua 1', postalCode: '1100-048', city: 'Lisboa', country: 'PT' },
    },
  });
  if (signup.statusCode !== 201) throw new Error(`bench signup failed: ${signup.statusCode} ${signup.body}`);
  const cookie = signup.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const shop = await app.inject({
    method: 'POST',
    url: '/api/v1/shops',
    headers: { cookie },
    payload: { slug, name: `Bench ${slug}` },
  });
  if (shop.statusCode !== 201) throw new Error(`bench shop failed: ${shop.statusCode} ${shop.body}`);
  return {
    cookie,
    accountId: (signup.json() as { id: string }).id,
    shopId: (shop.json() as { id: string }).id,
  };
}
