import { createReadStream, existsSync } from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuditLog } from '../../core/audit/audit-log.js';
import { problems, typed } from '../../core/http/types.js';
import { onShopHosts } from '../../core/http/tenant-host.js';
import { email as emailSchema } from '../accounts/index.js';
import { customerOf, type AuthGuards } from '../auth/index.js';
import type { ShopScope, ShopsService } from '../shops/index.js';
import { shopOf, type PrivacyNoticeObject, type StorefrontPages } from '../storefront/index.js';
import type { ShopRequests } from './shop-requests.service.js';

const Params = z.object({ shopId: z.string().max(64) });
const RequestParams = Params.extend({ requestId: z.string().max(64) });
const RequestView = z.object({
  id: z.string(),
  kind: z.enum(['access', 'erasure']),
  via: z.enum(['account', 'form', 'platform']),
  status: z.enum(['open', 'extended', 'answered', 'refused']),
  email: z.string(),
  shopperId: z.string().nullable(),
  createdAt: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  extendedAt: z.string().nullable(),
  extensionReason: z.string().nullable(),
  answeredAt: z.string().nullable(),
  refusalReason: z.string().nullable(),
});
const reason = z.string().trim().min(1, 'Required').max(2000);
/** What the public form says after its emailed link was followed (the theme's account.notices). */
const verifiedNotices: Record<string, string> = {
  opened: 'request_sent',
  already: 'request_already',
  invalid: 'link_invalid',
};

/**
 * The merchant's privacy queue in the API (the back office uses it), the staff's count of overdue
 * requests per shop, and on each shop's host the public request form and the answer's download.
 * Every merchant read of the queue is audited: it names shoppers.
 */
export function registerShopRequestRoutes(
  app: FastifyInstance,
  deps: {
    shopRequests: ShopRequests;
    shops: ShopsService;
    guards: AuthGuards;
    audit: AuditLog;
    pages: StorefrontPages;
    shopNotice: (scope: ShopScope, language: 'en' | 'pt-PT') => Promise<PrivacyNoticeObject>;
  },
) {
  const r = typed(app);
  const preHandler = deps.guards.customer('shopper-privacy');
  const tags = ['privacy-requests'];
  const scopeOf = (request: FastifyRequest, shopId: string) =>
    deps.shops.shopScopeFor(customerOf(request).accountId, shopId);
  const originOf = (request: FastifyRequest, shopUrl: string) =>
    shopUrl.replace(/\/$/, '') || `${request.protocol}://${request.host}`;

  r.get(
    '/api/v1/shops/:shopId/privacy-requests',
    {
      preHandler,
      schema: {
        tags,
        summary: "The shop's privacy queue: its shoppers' access and erasure requests, by due date (audited)",
        params: Params,
        querystring: z.object({ status: z.enum(['open', 'closed']).optional() }),
        response: { 200: z.object({ items: z.array(RequestView) }), ...problems(401, 404) },
      },
    },
    async (request) => {
      const scope = await scopeOf(request, request.params.shopId);
      const items = await deps.shopRequests.list(scope, { status: request.query.status }, request.ctx.now);
      await deps.audit.record(request.ctx, {
        action: 'shop.privacy-request.list',
        target: { kind: 'shop', id: scope.shopId },
        chain: `account:${scope.accountId}`,
      });
      return { items };
    },
  );

  r.post(
    '/api/v1/shops/:shopId/privacy-requests/:requestId/extend',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Extend a request once, by one or two months, with the reason the shopper is told',
        params: RequestParams,
        body: z.object({ months: z.union([z.literal(1), z.literal(2)]), reason }),
        response: { 200: RequestView, ...problems(401, 404, 409, 422) },
      },
    },
    async (request) => {
      const scope = await scopeOf(request, request.params.shopId);
      return deps.shopRequests.extend(
        request.ctx,
        scope,
        request.params.requestId,
        request.body.months,
        request.body.reason,
      );
    },
  );

  r.post(
    '/api/v1/shops/:shopId/privacy-requests/:requestId/answer',
    {
      preHandler,
      schema: {
        tags,
        summary:
          'Answer a request: access mails the shopper a download of their data; erasure erases them within this shop',
        params: RequestParams,
        response: { 200: RequestView, ...problems(401, 404, 409) },
      },
    },
    async (request) => {
      const scope = await scopeOf(request, request.params.shopId);
      const shop = await deps.shops.getShop(scope);
      return deps.shopRequests.answer(request.ctx, scope, request.params.requestId, originOf(request, shop.url));
    },
  );

  r.post(
    '/api/v1/shops/:shopId/privacy-requests/:requestId/refuse',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Refuse a request, with the reason the shopper is told',
        params: RequestParams,
        body: z.object({ reason }),
        response: { 200: RequestView, ...problems(401, 404, 409, 422) },
      },
    },
    async (request) => {
      const scope = await scopeOf(request, request.params.shopId);
      return deps.shopRequests.refuse(request.ctx, scope, request.params.requestId, request.body.reason);
    },
  );

  r.get(
    '/api/v1/staff/shop-privacy-overdue',
    {
      preHandler: deps.guards.requireStaff('privacy'),
      schema: {
        tags: ['staff'],
        summary: "Shops whose privacy queue has overdue requests: counts only, never the requests' content",
        response: {
          200: z.object({
            items: z.array(
              z.object({ shopId: z.string(), shopName: z.string(), overdue: z.number(), oldestDueAt: z.string() }),
            ),
          }),
          ...problems(401, 403),
        },
      },
    },
    async (request) => {
      const rows = await deps.shopRequests.overdueByShop(request.ctx.now);
      const names = await deps.shops.namesOf(rows.map((x) => x.shopId));
      return { items: rows.map((x) => ({ ...x, shopName: names.get(x.shopId) ?? x.shopId })) };
    },
  );

  // ── On the shop's own host ────────────────────────────────────────────────────────────────────

  const shopOptions = { ...onShopHosts, schema: { hide: true } } as const;

  // The shop's privacy notice: the shop as controller, SellRocket as processor, the shopper part of
  // the data map in plain words, and where to ask about one's data.
  app.get('/privacy', shopOptions, async (request, reply) => {
    const language = deps.pages.languageOf(request) === 'pt-PT' ? 'pt-PT' : 'en';
    const notice = await deps.shopNotice(shopOf(request).scope, language);
    return deps.pages.render(request, reply, {
      template: 'privacy_notice',
      title: language === 'pt-PT' ? 'Política de privacidade' : 'Privacy notice',
      objects: { notice },
    });
  });

  app.get('/privacy/download', shopOptions, async (request, reply) => {
    const token = (request.query as Record<string, unknown>).token;
    const found =
      typeof token === 'string' && token.length < 2000
        ? await deps.shopRequests.download(shopOf(request).scope, token, request.ctx.now)
        : null;
    if (!found || !existsSync(found.file))
      return reply.code(410).type('text/plain; charset=utf-8').send('This link has expired.');
    return reply
      .type('application/zip')
      .header('content-disposition', `attachment; filename="${found.name}"`)
      .header('cache-control', 'no-store')
      .send(createReadStream(found.file));
  });

  app.get('/privacy/request', shopOptions, async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    const notice = q.sent === '1' ? 'request_link_sent' : (verifiedNotices[String(q.verified)] ?? null);
    const language = deps.pages.languageOf(request);
    const controller = await deps.shopRequests.controllerOf(shopOf(request).scope);
    return deps.pages.render(request, reply, {
      template: 'privacy_request',
      title: language === 'pt-PT' ? 'Pedido de privacidade' : 'Privacy request',
      status: q.error === '1' ? 422 : 200,
      objects: {
        controller,
        form: {
          action: '/privacy/request',
          email: '',
          errors: q.error === '1' ? [{ field: 'email', code: 'email_invalid' }] : [],
          notice,
        },
      },
    });
  });

  app.post('/privacy/request', shopOptions, async (request, reply) => {
    const f = (request.body ?? {}) as Record<string, unknown>;
    const email = emailSchema.safeParse(typeof f.email === 'string' ? f.email : '');
    const kind = f.kind === 'access' || f.kind === 'erasure' ? f.kind : null;
    if (!email.success || !kind) return reply.code(303).header('location', '/privacy/request?error=1').send();
    const shop = shopOf(request);
    await deps.shopRequests.startPublic(
      shop.scope,
      { email: email.data, kind },
      `${request.protocol}://${request.host}`,
      request.ctx.now,
    );
    return reply.code(303).header('location', '/privacy/request?sent=1').send();
  });

  app.get('/privacy/request/verify', shopOptions, async (request, reply) => {
    const token = (request.query as Record<string, unknown>).token;
    const outcome =
      typeof token === 'string' && token.length < 2000
        ? await deps.shopRequests.verifyPublic(request.ctx, shopOf(request).scope, token)
        : 'invalid';
    return reply.code(303).header('location', `/privacy/request?verified=${outcome}`).send();
  });
}
