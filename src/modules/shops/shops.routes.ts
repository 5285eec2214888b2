import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { problems, typed } from '../../core/http/types.js';
import { customerOf, type AuthGuards } from '../auth/index.js';
import { ShopBody, ShopPatchBody, ShopResponse } from './shops.schemas.js';
import type { ShopsService } from './shops.service.js';

const ShopParams = z.object({ shopId: z.string().max(64) });

/** The merchant's API for their shops (the back office builds on it), and staff suspension. */
export function registerShopRoutes(app: FastifyInstance, deps: { shops: ShopsService; guards: AuthGuards }) {
  const r = typed(app);
  const tags = ['shops'];
  const scopeOf = (
    request: { ctx: Parameters<typeof customerOf>[0]['ctx'] } & Parameters<typeof customerOf>[0],
    shopId: string,
  ) => deps.shops.shopScopeFor(customerOf(request).accountId, shopId);

  r.post(
    '/api/v1/shops',
    {
      preHandler: deps.guards.customer('shops'),
      schema: { tags, summary: 'Open a shop', body: ShopBody, response: { 201: ShopResponse, ...problems(401, 422) } },
    },
    async (request, reply) =>
      reply.code(201).send(await deps.shops.createShop(request.ctx, customerOf(request).accountId, request.body)),
  );

  r.get(
    '/api/v1/shops',
    {
      preHandler: deps.guards.customer('member'),
      schema: {
        tags,
        summary: "The account's shops",
        response: { 200: z.object({ items: z.array(ShopResponse) }), ...problems(401) },
      },
    },
    async (request) => ({ items: await deps.shops.listShops(customerOf(request).accountId) }),
  );

  r.get(
    '/api/v1/shops/:shopId',
    {
      preHandler: deps.guards.customer('member'),
      schema: {
        tags,
        summary: 'One of the account’s shops',
        params: ShopParams,
        response: { 200: ShopResponse, ...problems(401, 404) },
      },
    },
    async (request) => deps.shops.getShop(await scopeOf(request, request.params.shopId)),
  );

  r.patch(
    '/api/v1/shops/:shopId',
    {
      preHandler: deps.guards.customer('shops'),
      schema: {
        tags,
        summary: 'Change a shop’s name, VAT default, branding or shipping rates',
        params: ShopParams,
        body: ShopPatchBody,
        response: { 200: ShopResponse, ...problems(401, 404, 409, 422) },
      },
    },
    async (request) => deps.shops.updateShop(request.ctx, await scopeOf(request, request.params.shopId), request.body),
  );

  r.delete(
    '/api/v1/shops/:shopId',
    {
      preHandler: deps.guards.customer('shops'),
      schema: {
        tags,
        summary: 'Close a shop (its address stays reserved to it)',
        params: ShopParams,
        response: { 204: z.null(), ...problems(401, 404) },
      },
    },
    async (request, reply) => {
      await deps.shops.closeShop(request.ctx, await scopeOf(request, request.params.shopId));
      return reply.code(204).send(null);
    },
  );

  for (const [action, suspended] of [
    ['suspend', true],
    ['reinstate', false],
  ] as const) {
    r.post(
      `/api/v1/staff/shops/:shopId/${action}`,
      {
        preHandler: deps.guards.requireStaff('support', 'billing'),
        schema: {
          tags: ['staff console'],
          summary: suspended
            ? 'Suspend a shop (audited): its storefront answers 503'
            : 'Put a suspended shop back online (audited)',
          params: ShopParams,
          body: suspended
            ? z.object({ reason: z.string().trim().min(1, 'Required').max(500) })
            : z.object({}).optional(),
          response: {
            200: z.object({ id: z.string(), status: z.enum(['active', 'suspended']) }),
            ...problems(401, 403, 404, 409, 422),
          },
        },
      },
      async (request) => {
        const body = request.body as { reason?: string } | undefined;
        return deps.shops.setSuspended(request.ctx, request.params.shopId, suspended, body?.reason ?? null);
      },
    );
  }
}
