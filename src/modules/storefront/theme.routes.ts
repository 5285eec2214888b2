import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { problems, typed } from '../../core/http/types.js';
import { customerOf, type AuthGuards } from '../auth/index.js';
import type { ShopsService } from '../shops/index.js';
import type { ShopThemes } from './shop-themes.js';

const ShopParams = z.object({ shopId: z.string().max(64) });
const VersionParams = ShopParams.extend({ versionId: z.string().max(64) });
const ThemeResponse = z.object({
  active: z.number().int().nullable(),
  fallback: z.number().int().nullable(),
  lastError: z.object({ version: z.number().int(), message: z.string(), at: z.string() }).nullable(),
  versions: z.array(
    z.object({
      id: z.string(),
      number: z.number().int(),
      note: z.string(),
      createdAt: z.string(),
      files: z.array(z.string()),
    }),
  ),
});

/** The merchant's "edit code": the shop's theme versions, a new one checked before it is saved, rollback. */
export function registerThemeRoutes(
  app: FastifyInstance,
  deps: { themes: ShopThemes; shops: ShopsService; guards: AuthGuards },
) {
  const r = typed(app);
  const tags = ['theme'];
  const preHandler = deps.guards.customer('shops');
  const scopeOf = (request: Parameters<typeof customerOf>[0], shopId: string) =>
    deps.shops.shopScopeFor(customerOf(request).accountId, shopId);

  r.get(
    '/api/v1/shops/:shopId/theme',
    {
      preHandler,
      schema: {
        tags,
        summary: 'The shop’s theme: live version, versions, last render error',
        params: ShopParams,
        response: { 200: ThemeResponse, ...problems(401, 404) },
      },
    },
    async (request) => deps.themes.overview(await scopeOf(request, request.params.shopId)),
  );

  r.get(
    '/api/v1/shops/:shopId/theme/files',
    {
      preHandler,
      schema: {
        tags,
        summary: 'The live version’s own files (the others are the default theme’s)',
        params: ShopParams,
        response: { 200: z.object({ files: z.record(z.string(), z.string()) }), ...problems(401, 404) },
      },
    },
    async (request) => ({ files: await deps.themes.activeFiles(await scopeOf(request, request.params.shopId)) }),
  );

  r.post(
    '/api/v1/shops/:shopId/theme/versions',
    {
      preHandler,
      schema: {
        tags,
        summary:
          'Save theme files as a new version and make it live; refused, naming file and line, when Liquid does not parse',
        params: ShopParams,
        body: z.object({
          files: z.record(z.string().max(200), z.string().max(300_000).nullable()),
          note: z.string().trim().max(500).optional(),
        }),
        response: { 201: z.object({ id: z.string(), number: z.number().int() }), ...problems(401, 404, 422) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await deps.themes.saveVersion(request.ctx, await scopeOf(request, request.params.shopId), request.body)),
  );

  r.post(
    '/api/v1/shops/:shopId/theme/versions/:versionId/activate',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Make a saved version live again (rollback)',
        params: VersionParams,
        response: { 204: z.null(), ...problems(401, 404) },
      },
    },
    async (request, reply) => {
      await deps.themes.activate(request.ctx, await scopeOf(request, request.params.shopId), request.params.versionId);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/v1/shops/:shopId/theme/reset',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Show the default theme again (saved versions are kept)',
        params: ShopParams,
        response: { 204: z.null(), ...problems(401, 404) },
      },
    },
    async (request, reply) => {
      await deps.themes.activate(request.ctx, await scopeOf(request, request.params.shopId), null);
      return reply.code(204).send(null);
    },
  );
}
