import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AuditLog } from '../../core/audit/audit-log.js';
import { AppError } from '../../core/errors.js';
import { problems, typed } from '../../core/http/types.js';
import { customerOf, type AuthGuards } from '../auth/index.js';
import type { CatalogueReads } from '../catalogue/index.js';
import type { ShopsService } from '../shops/index.js';
import { AddressResponse, OrderSummaryResponse, ShopParams } from './orders.schemas.js';
import type { createShopSummary } from './shop-summary.js';
import type { ShopperReads } from './shoppers.reads.js';

const ShopperParams = ShopParams.extend({ shopperId: z.string().max(64) });
const ShopperListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  perPage: z.coerce.number().int().min(1).max(100).default(20),
});
const ShopperSummary = z.object({
  id: z.string(),
  email: z.string(),
  ordersCount: z.number().int(),
  totalSpentCents: z.number().int(),
  lastOrderAt: z.string().nullable(),
  createdAt: z.string(),
});

/**
 * The back office's shoppers and home. A shopper's details are the merchant's data, but every view
 * of them by a merchant user — a list showing emails, or one shopper — is written to the audit log
 * with the shoppers it showed.
 */
export function registerShopperRoutes(
  app: FastifyInstance,
  deps: {
    shopperReads: ShopperReads;
    shopSummary: ReturnType<typeof createShopSummary>;
    catalogueReads: CatalogueReads;
    shops: ShopsService;
    guards: AuthGuards;
    audit: AuditLog;
  },
) {
  const r = typed(app);
  const preHandler = deps.guards.customer('orders');
  const scopeOf = (request: Parameters<typeof customerOf>[0], shopId: string) =>
    deps.shops.shopScopeFor(customerOf(request).accountId, shopId);

  r.get(
    '/api/v1/shops/:shopId/shoppers',
    {
      preHandler,
      schema: {
        tags: ['shoppers'],
        summary: 'The shop’s shoppers, latest buyers first: search by email; paginated (audited)',
        params: ShopParams,
        querystring: ShopperListQuery,
        response: {
          200: z.object({
            items: z.array(ShopperSummary),
            total: z.number().int(),
            page: z.number().int(),
            perPage: z.number().int(),
          }),
          ...problems(401, 404, 422),
        },
      },
    },
    async (request) => {
      const scope = await scopeOf(request, request.params.shopId);
      const found = await deps.shopperReads.list(scope, request.query);
      if (found.items.length > 0)
        await deps.audit.record(request.ctx, {
          action: 'shopper.list',
          target: { kind: 'shop', id: scope.shopId },
          chain: `account:${scope.accountId}`,
          data: { shoppers: found.items.map((s) => s.id) },
        });
      return { ...found, page: request.query.page, perPage: request.query.perPage };
    },
  );

  r.get(
    '/api/v1/shops/:shopId/shoppers/:shopperId',
    {
      preHandler,
      schema: {
        tags: ['shoppers'],
        summary: 'One shopper: their orders and the addresses they gave (audited)',
        params: ShopperParams,
        response: {
          200: z.object({
            id: z.string(),
            email: z.string(),
            createdAt: z.string(),
            orders: z.array(OrderSummaryResponse),
            addresses: z.array(AddressResponse),
          }),
          ...problems(401, 404),
        },
      },
    },
    async (request) => {
      const scope = await scopeOf(request, request.params.shopId);
      const shopper = await deps.shopperReads.detail(scope, request.params.shopperId);
      if (!shopper) throw new AppError('not_found', 'No such shopper in this shop.');
      await deps.audit.record(request.ctx, {
        action: 'shopper.read',
        target: { kind: 'shopper', id: shopper.id },
        chain: `account:${scope.accountId}`,
      });
      return shopper;
    },
  );

  r.get(
    '/api/v1/shops/:shopId/summary',
    {
      preHandler,
      schema: {
        tags: ['orders'],
        summary: 'The back office’s home: today’s and this month’s orders and takings, orders to send, low stock',
        params: ShopParams,
        response: {
          200: z.object({
            today: z.object({ orders: z.number().int(), revenueCents: z.number().int() }),
            month: z.object({ orders: z.number().int(), revenueCents: z.number().int() }),
            ordersToFulfil: z.number().int(),
            ordersAwaitingPayment: z.number().int(),
            lowStock: z.array(
              z.object({
                productId: z.string(),
                title: z.string(),
                variantId: z.string(),
                sku: z.string(),
                stock: z.number().int(),
              }),
            ),
          }),
          ...problems(401, 404),
        },
      },
    },
    async (request) => {
      const scope = await scopeOf(request, request.params.shopId);
      const summary = await deps.shopSummary(scope, request.ctx.now);
      return { ...summary, lowStock: await deps.catalogueReads.lowStock(scope, { threshold: 3, limit: 20 }) };
    },
  );
}
