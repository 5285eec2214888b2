import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { validationError } from '../../core/errors.js';
import { onShopHosts } from '../../core/http/tenant-host.js';
import { problems, typed } from '../../core/http/types.js';
import { CART_COOKIE, CART_IDLE_DAYS, type CartsService, type CartSummary } from './carts.service.js';
import type { Checkout } from './checkout.js';
import { CheckoutBody } from './checkout.schemas.js';
import { shopOf } from '../storefront/index.js';
import { CartAddBody, CartChangeBody } from './orders.schemas.js';

const emptyCart: CartSummary = { itemCount: 0, totalCents: 0, lines: [] };
const idempotencyKey = /^[\x21-\x7e]{1,255}$/;

export function setCartCookie(request: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(CART_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge: CART_IDLE_DAYS * 86_400,
  });
}

export const cartCookieOf = (request: FastifyRequest) => request.cookies[CART_COOKIE];

/**
 * The cart and checkout as JSON, Shopify's way (`/cart.js`, `/cart/add.js`, …), for themes and
 * headless clients. Storefront routes: they answer on a shop's host only, for that shop only.
 */
export function registerStorefrontJsonRoutes(app: FastifyInstance, deps: { carts: CartsService; checkout: Checkout }) {
  const r = typed(app);
  const options = { ...onShopHosts, schema: { hide: true } } as const;
  const withCurrency = (request: FastifyRequest, cart: CartSummary | null) => ({
    ...(cart ?? emptyCart),
    currency: shopOf(request).currency,
  });
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

  r.get('/cart.js', options, async (request, reply) => {
    noStore(reply);
    return withCurrency(request, await deps.carts.summary(shopOf(request).scope, cartCookieOf(request)));
  });

  r.post('/cart/add.js', { ...options, schema: { ...options.schema, body: CartAddBody } }, async (request, reply) => {
    const { summary, newCookie } = await deps.carts.add(request.ctx, shopOf(request).scope, cartCookieOf(request), {
      variantId: request.body.id,
      quantity: request.body.quantity,
    });
    if (newCookie) setCartCookie(request, reply, newCookie);
    noStore(reply);
    return withCurrency(request, summary);
  });

  r.post(
    '/cart/change.js',
    { ...options, schema: { ...options.schema, body: CartChangeBody } },
    async (request, reply) => {
      const summary = await deps.carts.change(request.ctx, shopOf(request).scope, cartCookieOf(request), {
        variantId: request.body.id,
        quantity: request.body.quantity,
      });
      noStore(reply);
      return withCurrency(request, summary);
    },
  );

  r.post('/cart/clear.js', options, async (request, reply) => {
    await deps.carts.clear(request.ctx, shopOf(request).scope, cartCookieOf(request));
    noStore(reply);
    return withCurrency(request, null);
  });

  r.post(
    '/checkout.js',
    {
      ...options,
      schema: {
        ...options.schema,
        body: CheckoutBody,
        headers: z.object({ 'idempotency-key': z.string().optional() }),
        response: {
          201: z.object({
            order: z.object({
              id: z.string(),
              number: z.number().int(),
              status: z.string(),
              totalCents: z.number().int(),
              currency: z.string(),
              token: z.string(),
            }),
          }),
          ...problems(402, 404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      if (key !== undefined && !idempotencyKey.test(key))
        throw validationError([
          { field: 'Idempotency-Key', message: 'Up to 255 visible ASCII characters, no spaces.' },
        ]);
      const placed = await deps.checkout.checkout(
        request.ctx,
        shopOf(request).scope,
        cartCookieOf(request),
        request.body,
        key,
      );
      noStore(reply);
      return reply.code(201).send(placed);
    },
  );
}
