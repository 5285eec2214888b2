import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { problems, typed } from '../../core/http/types.js';
import type { AuthGuards } from '../auth/index.js';
import type { Dunning } from './dunning.js';

const Lifecycle = z.object({
  shopId: z.string(),
  subscriptionId: z.string(),
  accountId: z.string(),
  status: z.enum(['active', 'cancel_requested', 'cancelled']),
  suspendedAt: z.iso.datetime().nullable(),
  cancelNoticeAt: z.iso.datetime().nullable(),
  cancelEffectiveAt: z.iso.datetime().nullable(),
  cancelledAt: z.iso.datetime().nullable(),
  cancelledBy: z.enum(['customer', 'operator']).nullable(),
});
const Stage = z.enum(['reminder', 'overdue-1', 'overdue-2', 'overdue-3', 'suspension']);
const OpenProforma = z.object({
  id: z.string(),
  name: z.string(),
  accountId: z.string().nullable(),
  customerName: z.string().nullable(),
  shopId: z.string().nullable(),
  shopName: z.string().nullable(),
  totalCents: z.number().int(),
  dueAt: z.iso.datetime(),
  daysOverdue: z.number().int(),
  lastNotice: Stage.nullable(),
});
const WithShop = Lifecycle.extend({ shopName: z.string().nullable() });
const ShopParams = z.object({ shopId: z.string().max(64) });

/** The staff console's side of the account lifecycle: the overview, suspension, reactivation and notice of cancellation. */
export function registerDunningRoutes(app: FastifyInstance, deps: { dunning: Dunning; guards: AuthGuards }) {
  const r = typed(app);
  const staff = deps.guards.requireStaff('billing', 'admin');

  r.get(
    '/api/v1/staff/billing/overview',
    {
      preHandler: staff,
      schema: {
        tags: ['staff console'],
        summary: 'Open proformas (due and overdue), shops suspended for non-payment, and cancellations under notice',
        response: {
          200: z.object({
            due: z.array(OpenProforma),
            overdue: z.array(OpenProforma),
            suspended: z.array(WithShop),
            underNotice: z.array(WithShop),
          }),
          ...problems(401, 403),
        },
      },
    },
    async (request) => deps.dunning.overview(request.ctx),
  );

  r.post(
    '/api/v1/staff/billing/shops/:shopId/suspend',
    {
      preHandler: staff,
      schema: {
        tags: ['staff console'],
        summary: 'Take the shop off the web for non-payment now; its payment (or reactivation) brings it back',
        params: ShopParams,
        response: { 200: Lifecycle, ...problems(401, 403, 404, 409) },
      },
    },
    async (request) => deps.dunning.suspendNow(request.ctx, request.params.shopId),
  );

  r.post(
    '/api/v1/staff/billing/shops/:shopId/reactivate',
    {
      preHandler: staff,
      schema: {
        tags: ['staff console'],
        summary: 'Bring a shop suspended for non-payment back, paid or not',
        params: ShopParams,
        response: { 200: Lifecycle, ...problems(401, 403, 404, 409) },
      },
    },
    async (request) => deps.dunning.reactivateNow(request.ctx, request.params.shopId),
  );

  r.post(
    '/api/v1/staff/billing/shops/:shopId/cancel-notice',
    {
      preHandler: staff,
      schema: {
        tags: ['staff console'],
        summary: 'Give notice of cancellation: the subscription ends after the notice period, and the customer is told',
        params: ShopParams,
        body: z.object({ days: z.number().int().min(1).max(365).optional() }).nullish(),
        response: { 200: Lifecycle, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request) => deps.dunning.giveCancelNotice(request.ctx, request.params.shopId, request.body?.days),
  );

  r.delete(
    '/api/v1/staff/billing/shops/:shopId/cancel-notice',
    {
      preHandler: staff,
      schema: {
        tags: ['staff console'],
        summary: 'Withdraw a notice of cancellation',
        params: ShopParams,
        response: { 200: Lifecycle, ...problems(401, 403, 404, 409) },
      },
    },
    async (request) => deps.dunning.withdrawCancelNotice(request.ctx, request.params.shopId),
  );
}
