import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { validationError } from '../../core/errors.js';
import { problems, typed } from '../../core/http/types.js';
import { newId } from '../../core/ids.js';
import { CardInput } from '../../core/payments/card-input.js';
import { customerOf, type AuthGuards } from '../auth/index.js';
import type { PaymentMethods } from './payment-methods.js';

const Method = z.object({
  id: z.string(),
  kind: z.enum(['card', 'sepa']),
  brand: z.string().nullable(),
  last4: z.string(),
  expMonth: z.number().int().nullable(),
  expYear: z.number().int().nullable(),
  holderName: z.string().nullable(),
  mandateReference: z.string().nullable(),
  mandateSignedAt: z.iso.datetime().nullable(),
  isDefault: z.boolean(),
});
const Id = z.object({ id: z.string().max(64) });

/** The customer's saved payment methods (C5): cards kept by the gateway, SEPA mandates. */
export function registerPaymentMethodRoutes(
  app: FastifyInstance,
  deps: { paymentMethods: PaymentMethods; guards: AuthGuards },
) {
  const r = typed(app);
  const preHandler = deps.guards.customer('invoices');
  const tags = ['billing'];

  r.get(
    '/api/v1/account/payment-methods',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Your saved cards (brand, last four, expiry) and direct debit mandates (IBAN by its last four)',
        response: { 200: z.object({ items: z.array(Method) }), ...problems(401, 403) },
      },
    },
    async (request) => ({ items: await deps.paymentMethods.list(customerOf(request).accountId) }),
  );

  r.post(
    '/api/v1/account/payment-methods/cards',
    {
      preHandler,
      schema: {
        tags,
        summary:
          'Save a card for paying your invoices: the gateway keeps it; we keep its token, brand, last four and expiry, never the number or the security code',
        headers: z.object({ 'idempotency-key': z.string().optional() }),
        body: z.object({ card: CardInput }),
        response: { 201: Method, ...problems(401, 402, 403, 422) },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      if (key !== undefined && !/^[!-~]{1,255}$/.test(key))
        throw validationError([
          { field: 'Idempotency-Key', message: 'Up to 255 visible ASCII characters, no spaces.' },
        ]);
      const saved = await deps.paymentMethods.addCard(
        request.ctx,
        customerOf(request).accountId,
        request.body.card,
        key ?? newId('att'),
      );
      return reply.code(201).send(saved);
    },
  );

  r.post(
    '/api/v1/account/payment-methods/sepa',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Sign a SEPA direct debit mandate: the IBAN is checked and kept encrypted',
        body: z.object({
          iban: z.string().trim().min(1, 'Required').max(42),
          holderName: z.string().trim().min(1, 'Required').max(140),
        }),
        response: { 201: Method, ...problems(401, 403, 422) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await deps.paymentMethods.addSepaMandate(request.ctx, customerOf(request).accountId, request.body)),
  );

  r.put(
    '/api/v1/account/payment-methods/:id/default',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Make this the payment method your invoices are charged to',
        params: Id,
        response: { 200: Method, ...problems(401, 403, 404) },
      },
    },
    async (request) => deps.paymentMethods.setDefault(request.ctx, customerOf(request).accountId, request.params.id),
  );

  r.delete(
    '/api/v1/account/payment-methods/:id',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Remove a saved payment method',
        params: Id,
        response: { 204: z.null(), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deps.paymentMethods.remove(request.ctx, customerOf(request).accountId, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
