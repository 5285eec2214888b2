import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import { problems, typed } from '../../core/http/types.js';
import { customerOf, type AuthGuards } from '../auth/index.js';
import type { ShopsService } from '../shops/index.js';
import type { ImageSources, ProductImport } from './product-import.js';

const ShopParams = z.object({ shopId: z.string().max(64) });
const csvLimitBytes = 10 * 1024 * 1024;

/** CSV export and import of a shop's products (Shopify's product CSV columns where they fit). */
export function registerProductCsvRoutes(
  app: FastifyInstance,
  deps: { productImport: ProductImport; shops: ShopsService; guards: AuthGuards; media: ImageSources },
) {
  const tags = ['catalogue'];
  const preHandler = deps.guards.customer('shops');
  const scopeOf = (request: Parameters<typeof customerOf>[0], shopId: string) =>
    deps.shops.shopScopeFor(customerOf(request).accountId, shopId);

  typed(app).get(
    '/api/v1/shops/:shopId/products/export',
    {
      preHandler,
      schema: {
        tags,
        summary: 'The shop’s products as CSV (a row per variant)',
        params: ShopParams,
        produces: ['text/csv'],
        response: { 200: z.string(), ...problems(401, 404) },
      },
    },
    async (request, reply) => {
      const scope = await scopeOf(request, request.params.shopId);
      const shop = await deps.shops.getShop(scope);
      const csv = await deps.productImport.exportCsv(scope, deps.media, shop.url);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="products-${shop.slug}.csv"`)
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );

  // The import takes the file as the body (text/csv), in a plugin context of its own: no other route reads CSV.
  void app.register(async (scoped) => {
    scoped.addContentTypeParser(
      ['text/csv', 'application/csv'],
      { parseAs: 'string', bodyLimit: csvLimitBytes },
      (_r, body, done) => done(null, body),
    );
    typed(scoped).post(
      '/api/v1/shops/:shopId/products/import',
      {
        preHandler,
        bodyLimit: csvLimitBytes,
        schema: {
          tags,
          summary: 'Import products from CSV: all rows or none; the report names each wrong row and column',
          consumes: ['text/csv'],
          params: ShopParams,
          response: {
            200: z.object({ products: z.number().int(), created: z.number().int(), updated: z.number().int() }),
            ...problems(401, 404, 413, 415, 422),
          },
        },
      },
      async (request) => {
        const scope = await scopeOf(request, request.params.shopId);
        if (typeof request.body !== 'string')
          throw new AppError('unsupported_media_type', 'Send the file as text/csv.');
        return deps.productImport.importCsv(request.ctx, scope, request.body);
      },
    );
  });
}
