import type { FastifyInstance } from 'fastify';
import type { AuditLog } from '../../core/audit/audit-log.js';
import { AppError } from '../../core/errors.js';
import { problems, typed } from '../../core/http/types.js';
import { customerOf, type AuthGuards } from '../auth/index.js';
import type { ShopsService } from '../shops/index.js';
import type { OrderActions } from './order-actions.js';
import type { OrderReads } from './orders.reads.js';
import {
  FulfilBody,
  OrderListQuery,
  OrderListResponse,
  OrderParams,
  OrderResponse,
  RefundBody,
  ShopParams,
} from './orders.schemas.js';

/**
 * The merchant's API for a shop's orders. The shopper's details are the merchant's own data (the
 * merchant is their controller), but every read of one order and every change is in the audit log.
 */
export function registerOrderRoutes(
  app: FastifyInstance,
  deps: {
    orderReads: OrderReads;
    orderActions: OrderActions;
    shops: ShopsService;
    guards: AuthGuards;
    audit: AuditLog;
  },
) {
  const r = typed(app);
  const tags = ['orders'];
  const preHandler = deps.guards.customer('orders');
  const scopeOf = (request: Parameters<typeof customerOf>[0], shopId: string) =>
    deps.shops.shopScopeFor(customerOf(request).accountId, shopId);

  const detail = async (scope: Awaited<ReturnType<typeof scopeOf>>, orderId: string) => {
    const found = await deps.orderReads.detail(scope, orderId);
    if (!found) throw new AppError('not_found', 'No such order.');
    return found;
  };

  r.get(
    '/api/v1/shops/:shopId/orders',
    {
      preHandler,
      schema: {
        tags,
        summary: 'The shop’s orders, newest first: filter by status; paginated',
        params: ShopParams,
        querystring: OrderListQuery,
        response: { 200: OrderListResponse, ...problems(401, 404, 422) },
      },
    },
    async (request) => {
      const page = await deps.orderReads.list(await scopeOf(request, request.params.shopId), request.query);
      return { ...page, page: request.query.page, perPage: request.query.perPage };
    },
  );

  r.get(
    '/api/v1/shops/:shopId/orders/:orderId',
    {
      preHandler,
      schema: {
        tags,
        summary: 'One order: lines, totals, addresses, payment (brand and last four digits only) and timeline',
        params: OrderParams,
        response: { 200: OrderResponse, ...problems(401, 404) },
      },
    },
    async (request) => {
      const scope = await scopeOf(request, request.params.shopId);
      const order = await detail(scope, request.params.orderId);
      await deps.audit.record(request.ctx, {
        action: 'order.read',
        target: { kind: 'order', id: order.id },
        chain: `account:${scope.accountId}`,
      });
      return order;
    },
  );

  r.post(
    '/api/v1/shops/:shopId/orders/:orderId/fulfil',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Mark a paid order as shipped, with its tracking number; the shopper is emailed',
        params: OrderParams,
        body: FulfilBody,
        response: { 200: OrderResponse, ...problems(401, 404, 409, 422) },
      },
    },
    async (request) => {
      const scope = await scopeOf(request, request.params.shopId);
      await deps.orderActions.fulfil(request.ctx, scope, request.params.orderId, request.body.trackingNumber ?? null);
      return detail(scope, request.params.orderId);
    },
  );

  r.post(
    '/api/v1/shops/:shopId/orders/:orderId/cancel',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Cancel an unshipped order: its stock goes back on sale; a paid one is refunded in full',
        params: OrderParams,
        response: { 200: OrderResponse, ...problems(401, 404, 409) },
      },
    },
    async (request) => {
      const scope = await scopeOf(request, request.params.shopId);
      await deps.orderActions.cancel(request.ctx, scope, request.params.orderId);
      return detail(scope, request.params.orderId);
    },
  );

  r.post(
    '/api/v1/shops/:shopId/orders/:orderId/refund',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Refund all that is left of a paid order, or `amountCents` of it (a partial refund keeps its status)',
        params: OrderParams,
        body: RefundBody,
        response: { 200: OrderResponse, ...problems(401, 404, 409, 422) },
      },
    },
    async (request) => {
      const scope = await scopeOf(request, request.params.shopId);
      await deps.orderActions.refund(request.ctx, scope, request.params.orderId, request.body.amountCents);
      return detail(scope, request.params.orderId);
    },
  );
}
