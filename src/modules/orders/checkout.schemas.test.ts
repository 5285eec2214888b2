import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installProblemHandler } from '../../core/http/problem.js';
import { validatorCompiler } from '../../core/http/validator.js';
import { configureZodMessages } from '../../core/http/zod-messages.js';
import { isCardDetails } from '../../core/payments/cards.js';
import { CheckoutBody, type CheckoutInput } from './checkout.schemas.js';

// The route's edge as the app builds it: the same validator and the same problem+json answers.
let app: FastifyInstance;
let parsed: CheckoutInput | undefined;
beforeAll(async () => {
  configureZodMessages();
  app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  installProblemHandler(app);
  app.post('/checkout.js', { schema: { body: CheckoutBody } }, async (request) => {
    parsed = request.body as CheckoutInput;
    return { ok: true };
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
});

const address = {
  firstName: 'Ana',
  lastName: 'Sousa',
  line1: 'Rua de Santa Catarina 100',
  postalCode: '4000-447',
  city: 'Porto',
  country: 'PT',
};
const cardPayment = { method: 'card', number: '4242 4242 4242 4242', expMonth: 9, expYear: 2031, cvc: '123' };
const valid = { email: 'ana.sousa@example.pt', shippingAddress: address, payment: cardPayment };

type Body = Record<string, unknown>;
const withField = (path: string, value: unknown): Body => {
  const body = structuredClone(valid) as Body;
  const [group, field] = path.split('.') as [string, string | undefined];
  if (field === undefined) body[group] = value;
  else body[group] = { ...(body[group] as Body), [field]: value };
  return body;
};

async function post(payload: unknown) {
  parsed = undefined;
  const res = await app.inject({ method: 'POST', url: '/checkout.js', payload: payload as Body });
  return {
    status: res.statusCode,
    body: res.body,
    errors: (res.json() as { errors?: { field: string; message: string }[] }).errors,
  };
}

describe('POST /checkout.js body', () => {
  it('takes a guest checkout with a card, and hands the card on as CardDetails no log can read', async () => {
    const res = await post({
      ...valid,
      email: ' Ana.Sousa@Example.PT ',
      shippingAddress: { ...address, phone: '912 345 678' },
    });
    expect(res.status).toBe(200);
    expect(parsed).toMatchObject({
      email: 'ana.sousa@example.pt',
      shippingAddress: { ...address, line2: null, phone: '+351912345678' },
      payment: { method: 'card', card: { brand: 'visa', last4: '4242', expMonth: 9, expYear: 2031 } },
    });
    const payment = parsed!.payment;
    if (payment.method !== 'card') throw new Error('expected a card');
    expect(isCardDetails(payment.card)).toBe(true);
    expect(payment.card.number).toBe('4242424242424242');
    expect(JSON.stringify(parsed)).not.toContain('4242424242424242');
    expect(parsed!.billingAddress).toBeUndefined();
  });

  it('takes Multibanco, a separate billing address and a chosen shipping rate', async () => {
    const billing = {
      ...address,
      firstName: 'Rui',
      line2: '3.º esq.',
      country: 'es',
      postalCode: '28013',
      city: 'Madrid',
    };
    const res = await post({
      ...valid,
      billingAddress: billing,
      shippingRateId: 'pt-mainland',
      payment: { method: 'multibanco' },
    });
    expect(res.status).toBe(200);
    expect(parsed).toMatchObject({
      billingAddress: { firstName: 'Rui', line2: '3.º esq.', country: 'ES', phone: null },
      shippingRateId: 'pt-mainland',
      payment: { method: 'multibanco' },
    });
  });

  it.each([
    ['email', 'maria@', /Not a valid email/],
    ['email', undefined, /Required/],
    ['shippingAddress', undefined, /Required/],
    ['shippingAddress', 'Rua de Santa Catarina 100, Porto', /Expected object/],
    ['billingAddress', 'same', /Expected object/],
    ['shippingAddress.firstName', '  ', /Required/],
    ['shippingAddress.lastName', undefined, /Required/],
    ['shippingAddress.line1', '', /Required/],
    ['shippingAddress.line2', 'x'.repeat(201), /200/],
    ['shippingAddress.city', '', /Required/],
    ['shippingAddress.postalCode', 'ABC-123', /not a postal code of PT \(e\.g\. 4050-262\)/],
    ['shippingAddress.postalCode', '', /Required/],
    ['shippingAddress.country', 'Portugal', /ISO 3166-1 alpha-2/],
    ['shippingAddress.country', 'XX', /ISO 3166-1 alpha-2/],
    ['shippingAddress.phone', '123', /not a valid phone number/],
    ['shippingRateId', '', /Required/],
    ['payment', undefined, /Required/],
    ['payment', 'card', /Expected object/],
    ['payment.method', 'cash', /Choose a payment method: card or multibanco/],
    ['payment.number', 4242424242424242, /Expected string/],
    ['payment.number', '4242 4242 4242 4241', /not valid: check the digits/],
    ['payment.number', '4242 4242', /12 to 19 digits/],
    ['payment.number', '4242 4242 4242 424O', /digits only/],
    ['payment.expMonth', 13, /1 to 12/],
    ['payment.expMonth', 0, /1 to 12/],
    ['payment.expMonth', 1.5, /1 to 12/],
    ['payment.expMonth', '09', /Expected number/],
    ['payment.expYear', 31, /four digits/],
    ['payment.expYear', 20310, /four digits/],
    ['payment.cvc', '12', /3 digits on the back/],
    ['payment.cvc', 'abc', /3 digits on the back/],
    ['payment.cvc', '1234', /this card has 3 digits/],
  ])('names %s when it is wrong (%j)', async (field, value, message) => {
    const res = await post(withField(field, value));
    expect(res.status).toBe(422);
    expect(res.errors).toEqual([{ field, message: expect.stringMatching(message) }]);
  });

  it('asks an American Express card for its four-digit code', async () => {
    const amex = { ...cardPayment, number: '3782 822463 10005' };
    expect((await post({ ...valid, payment: { ...amex, cvc: '123' } })).errors).toEqual([
      { field: 'payment.cvc', message: 'The security code of this card has 4 digits.' },
    ]);
    expect((await post({ ...valid, payment: { ...amex, cvc: '1234' } })).status).toBe(200);
  });

  it('checks the postal code in the country of its own address', async () => {
    const res = await post({
      ...valid,
      shippingAddress: { ...address, country: 'GB', postalCode: '4000-447' },
      billingAddress: { ...address, country: 'GB', postalCode: 'SW1A 1AA' },
    });
    expect(res.errors).toEqual([{ field: 'shippingAddress.postalCode', message: expect.stringMatching(/of GB/) }]);
  });

  it('names every wrong field in one answer, and never repeats the card number it refused', async () => {
    const res = await post({
      email: 'nope',
      shippingAddress: { ...address, firstName: '', postalCode: 'ABC', phone: '1' },
      billingAddress: { ...address, city: '' },
      payment: { method: 'card', number: '4242 4242 4242 4241', expMonth: 13, expYear: 2031, cvc: '9' },
    });
    expect(res.status).toBe(422);
    expect(res.errors!.map((e) => e.field).sort()).toEqual(
      [
        'email',
        'shippingAddress.firstName',
        'shippingAddress.postalCode',
        'shippingAddress.phone',
        'billingAddress.city',
        'payment.number',
        'payment.expMonth',
        'payment.cvc',
      ].sort(),
    );
    expect(res.body.replace(/\s/g, '')).not.toContain('4242424242424241');
  });
});
