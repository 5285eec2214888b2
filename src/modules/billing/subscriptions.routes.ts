import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { problems, typed } from '../../core/http/types.js';
import { customerOf, type AuthGuards } from '../auth/index.js';
import type { ShopsService } from '../shops/index.js';
import type { Subscriptions } from './subscriptions.service.js';

const Plan = z.object({
  id: z.string(),
  name: z.string(),
  monthlyCents: z.number().int(),
  yearlyCents: z.number().int(),
  limits: z.object({
    products: z.number().int().nullable(),
    staffUsers: z.number().int().nullable(),
    storageMb: z.number().int(),
  }),
});
const Subscription = z.object({
  id: z.string(),
  shopId: z.string(),
  planId: z.string(),
  period: z.enum(['monthly', 'yearly']),
  status: z.enum(['active', 'cancel_requested', 'cancelled']),
  currentPeriodStart: z.iso.datetime(),
  currentPeriodEnd: z.iso.datetime(),
  cancelRequestedAt: z.iso.datetime().nullable(),
  /** Set while the shop is off the web for non-payment. */
  suspendedAt: z.iso.datetime().nullable(),
  /** The operator's notice of cancellation, and when it takes effect. */
  cancelNoticeAt: z.iso.datetime().nullable(),
  cancelEffectiveAt: z.iso.datetime().nullable(),
  /** A cheaper plan asked for, taking effect with the next period. */
  pendingPlanId: z.string().nullable(),
});
const ShopParams = z.object({ shopId: z.string().max(64) });

/** The plans, a shop's subscription to one, and the operator's billing run. */
export function registerSubscriptionRoutes(
  app: FastifyInstance,
  deps: { subscriptions: Subscriptions; shops: ShopsService; guards: AuthGuards },
) {
  const r = typed(app);
  const scopeOf = (request: Parameters<typeof customerOf>[0], shopId: string) =>
    deps.shops.shopScopeFor(customerOf(request).accountId, shopId);

  r.get(
    '/api/v1/plans',
    {
      schema: {
        tags: ['billing'],
        summary: 'The plans a shop may run under, prices excluding VAT',
        response: { 200: z.object({ items: z.array(Plan) }) },
      },
    },
    async () => ({
      items: (await deps.subscriptions.plans()).map((p) => ({
        id: p.id,
        name: p.name,
        monthlyCents: p.monthly_cents,
        yearlyCents: p.yearly_cents,
        limits: { products: p.max_products, staffUsers: p.max_staff_users, storageMb: p.storage_mb },
      })),
    }),
  );

  r.get(
    '/api/v1/shops/:shopId/subscription',
    {
      preHandler: deps.guards.customer('shops'),
      schema: {
        tags: ['billing'],
        summary: 'The plan the shop runs under (null when none)',
        params: ShopParams,
        response: { 200: z.object({ subscription: Subscription.nullable() }), ...problems(401, 404) },
      },
    },
    async (request) => ({
      subscription: await deps.subscriptions.current(await scopeOf(request, request.params.shopId)),
    }),
  );

  r.post(
    '/api/v1/shops/:shopId/subscription',
    {
      preHandler: deps.guards.customer('orders-upgrades'),
      schema: {
        tags: ['billing'],
        summary: "Put the shop on a plan: the first period's proforma invoice is issued and mailed",
        params: ShopParams,
        body: z.object({ planId: z.string().max(40), period: z.enum(['monthly', 'yearly']).default('monthly') }),
        response: { 201: Subscription, ...problems(401, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const scope = await scopeOf(request, request.params.shopId);
      return reply.code(201).send(await deps.subscriptions.subscribe(request.ctx, scope, request.body));
    },
  );

  r.post(
    '/api/v1/shops/:shopId/subscription/change',
    {
      preHandler: deps.guards.customer('orders-upgrades'),
      schema: {
        tags: ['billing'],
        summary:
          'Change plan: a dearer one applies at once and the rest of the period is billed at the prorated difference; a cheaper one starts with the next period',
        params: ShopParams,
        body: z.object({ planId: z.string().max(40) }),
        response: { 200: Subscription, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      deps.subscriptions.changePlan(request.ctx, await scopeOf(request, request.params.shopId), request.body),
  );

  r.post(
    '/api/v1/shops/:shopId/subscription/cancel',
    {
      preHandler: deps.guards.customer('orders-upgrades'),
      schema: {
        tags: ['billing'],
        summary: 'Ask to cancel the plan: it ends with the period already billed, and nothing more is billed',
        params: ShopParams,
        response: { 200: Subscription, ...problems(401, 404, 409) },
      },
    },
    async (request) =>
      deps.subscriptions.requestCancellation(request.ctx, await scopeOf(request, request.params.shopId)),
  );

  r.post(
    '/api/v1/staff/billing/run',
    {
      preHandler: deps.guards.requireStaff('billing', 'admin'),
      schema: {
        tags: ['staff console'],
        summary:
          "Run billing now: each next period's proforma once, the dunning schedule's notices and suspensions, and cancellations that are due",
        response: {
          200: z.object({
            proformasIssued: z.number().int(),
            reminders: z.number().int(),
            overdueNotices: z.number().int(),
            suspended: z.number().int(),
            cancelled: z.number().int(),
            cardExpiryNotices: z.number().int(),
          }),
          ...problems(401, 403),
        },
      },
    },
    async (request) => deps.subscriptions.runBilling(request.ctx),
  );
}
