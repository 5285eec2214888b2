import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import { problems, typed } from '../../core/http/types.js';
import { customerOf, type AuthGuards } from '../auth/index.js';
import type { ShopsService } from '../shops/index.js';
import type { CatalogueReads } from './catalogue.reads.js';
import {
  CollectionBody,
  CollectionResponse,
  ProductBody,
  ProductListQuery,
  ProductPatchBody,
  ProductResponse,
  StockEditBody,
} from './catalogue.schemas.js';
import type { CatalogueService } from './catalogue.service.js';

const ShopParams = z.object({ shopId: z.string().max(64) });
const ProductParams = ShopParams.extend({ productId: z.string().max(64) });

const collectionView = (c: {
  id: string;
  handle: string;
  title: string;
  description: string;
  products_count: number | null;
  created_at: Date;
}) => ({
  id: c.id,
  handle: c.handle,
  title: c.title,
  description: c.description,
  productsCount: Number(c.products_count ?? 0),
  createdAt: new Date(c.created_at).toISOString(),
});

/** The merchant's API for a shop's catalogue; every route resolves the shop scope first. */
export function registerCatalogueRoutes(
  app: FastifyInstance,
  deps: { catalogue: CatalogueService; catalogueReads: CatalogueReads; shops: ShopsService; guards: AuthGuards },
) {
  const r = typed(app);
  const tags = ['catalogue'];
  const preHandler = deps.guards.customer('shops');
  const scopeOf = (request: Parameters<typeof customerOf>[0], shopId: string) =>
    deps.shops.shopScopeFor(customerOf(request).accountId, shopId);

  r.patch(
    '/api/v1/shops/:shopId/stock',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Bulk stock edit: new counts for many variants at once, all or none',
        params: ShopParams,
        body: StockEditBody,
        response: { 200: z.object({ updated: z.number().int() }), ...problems(401, 404, 422) },
      },
    },
    async (request) =>
      deps.catalogue.setStock(request.ctx, await scopeOf(request, request.params.shopId), request.body.items),
  );

  r.post(
    '/api/v1/shops/:shopId/products',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Add a product with its variants',
        params: ShopParams,
        body: ProductBody,
        response: { 201: ProductResponse, ...problems(401, 404, 422) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await deps.catalogue.createProduct(request.ctx, await scopeOf(request, request.params.shopId), request.body),
        ),
  );

  r.get(
    '/api/v1/shops/:shopId/products',
    {
      preHandler,
      schema: {
        tags,
        summary: 'The shop’s products: filter by status, collection or search words; paginated',
        params: ShopParams,
        querystring: ProductListQuery,
        response: {
          200: z.object({
            items: z.array(ProductResponse),
            total: z.number().int(),
            page: z.number().int(),
            perPage: z.number().int(),
          }),
          ...problems(401, 404, 422),
        },
      },
    },
    async (request) => {
      const page = await deps.catalogueReads.products(await scopeOf(request, request.params.shopId), request.query);
      return { ...page, page: request.query.page, perPage: request.query.perPage };
    },
  );

  r.get(
    '/api/v1/shops/:shopId/products/:productId',
    {
      preHandler,
      schema: {
        tags,
        summary: 'One product',
        params: ProductParams,
        response: { 200: ProductResponse, ...problems(401, 404) },
      },
    },
    async (request) => {
      const found = await deps.catalogueReads.product(
        await scopeOf(request, request.params.shopId),
        request.params.productId,
      );
      if (!found) throw new AppError('not_found', 'No such product.');
      return found;
    },
  );

  r.patch(
    '/api/v1/shops/:shopId/products/:productId',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Change a product; `variants`, when given, is the whole new list (ids keep variants)',
        params: ProductParams,
        body: ProductPatchBody,
        response: { 200: ProductResponse, ...problems(401, 404, 422) },
      },
    },
    async (request) =>
      deps.catalogue.updateProduct(
        request.ctx,
        await scopeOf(request, request.params.shopId),
        request.params.productId,
        request.body,
      ),
  );

  r.delete(
    '/api/v1/shops/:shopId/products/:productId',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Delete a product (orders keep their copy of it)',
        params: ProductParams,
        response: { 204: z.null(), ...problems(401, 404) },
      },
    },
    async (request, reply) => {
      await deps.catalogue.deleteProduct(
        request.ctx,
        await scopeOf(request, request.params.shopId),
        request.params.productId,
      );
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/v1/shops/:shopId/collections',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Add a collection, optionally with its products in order',
        params: ShopParams,
        body: CollectionBody,
        response: { 201: CollectionResponse, ...problems(401, 404, 422) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          collectionView(
            await deps.catalogue.createCollection(
              request.ctx,
              await scopeOf(request, request.params.shopId),
              request.body,
            ),
          ),
        ),
  );

  r.get(
    '/api/v1/shops/:shopId/collections',
    {
      preHandler,
      schema: {
        tags,
        summary: 'The shop’s collections',
        params: ShopParams,
        response: { 200: z.object({ items: z.array(CollectionResponse) }), ...problems(401, 404) },
      },
    },
    async (request) => ({
      items: (
        await deps.catalogueReads.collections(await scopeOf(request, request.params.shopId), { activeOnly: false })
      ).map(collectionView),
    }),
  );
}
