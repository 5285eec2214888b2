import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { onShopHosts } from '../../core/http/tenant-host.js';
import { descriptionText, type CatalogueReads, type ProductView } from '../catalogue/index.js';
import type { MediaService } from '../media/index.js';
import type { ShopScope } from '../shops/index.js';
import { productCard, productJson, productObject } from './catalogue-objects.js';
import type { StorefrontPages } from './pages.js';
import { paginate } from './theme/index.js';

const perPage = 24;
const featuredCollections = 4;
const featuredProducts = 8;

const PageQuery = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1) });
const HandleParams = z.object({ handle: z.string().max(200) });

const hidden = { ...onShopHosts, schema: { hide: true } } as const;

/** A page's own address with another page number (keeping its other parameters). */
const pageUrl = (url: string, page: number) => {
  const u = new URL(url, 'http://x');
  if (page === 1) u.searchParams.delete('page');
  else u.searchParams.set('page', String(page));
  return `${u.pathname}${u.search}`;
};

/** The storefront's catalogue: home, collections, products (HTML and .js), search. */
export function registerCataloguePages(
  app: FastifyInstance,
  deps: { pages: StorefrontPages; catalogueReads: CatalogueReads; media: MediaService },
) {
  const { pages, catalogueReads: reads } = deps;
  /** Cards for products, with their first images (one query for all of a page's products). */
  const cards = async (scope: ShopScope, products: ProductView[]) => {
    const images = await deps.media.imagesOf(
      scope,
      products.map((p) => p.id),
    );
    return products.map((p) => productCard(p, images.get(p.id)));
  };

  app.get('/', hidden, (request, reply) =>
    pages.catalogue(request, reply, async () => {
      const scope = request.shop!.scope;
      const withProducts = (await reads.collections(scope, { activeOnly: true })).filter(
        (c) => Number(c.products_count ?? 0) > 0,
      );
      // The merchant's choice (theme settings), in its order; else the first collections with products.
      const chosen = request.shop!.home_collections;
      const collections = chosen?.length
        ? chosen.flatMap((h) => withProducts.filter((c) => c.handle === h))
        : withProducts.slice(0, featuredCollections);
      const shown: { handle: string; title: string; products: ProductView[]; total: number }[] = [];
      for (const c of collections) {
        const page = await reads.collectionPage(scope, c.handle, { page: 1, perPage: featuredProducts });
        if (page) shown.push({ handle: c.handle, title: c.title, products: page.products, total: page.total });
      }
      // A shop without collections yet still shows what it sells.
      if (shown.length === 0) {
        const all = await reads.products(scope, { status: 'active', page: 1, perPage: featuredProducts });
        if (all.total > 0) shown.push({ handle: 'all', title: 'All products', products: all.items, total: all.total });
      }
      // Every card's image in one read, whatever the number of collections shown.
      const images = await deps.media.imagesOf(
        scope,
        shown.flatMap((c) => c.products.map((p) => p.id)),
      );
      const featured = shown.map((c) => ({
        handle: c.handle,
        title: c.title,
        url: `/collections/${c.handle}`,
        products: c.products.map((p) => productCard(p, images.get(p.id))),
        products_count: c.total,
      }));
      return { template: 'index', objects: { featured_collections: featured }, title: '' };
    }),
  );

  app.get('/collections/:handle', hidden, (request, reply) =>
    pages.catalogue(request, reply, async () => {
      const { handle } = HandleParams.parse(request.params);
      const { page } = PageQuery.parse(request.query);
      const scope = request.shop!.scope;
      // /collections/all: every product on sale, as Shopify themes expect.
      const found =
        handle === 'all'
          ? await reads.products(scope, { status: 'active', page, perPage }).then((p) => ({
              collection: { handle: 'all', title: 'All products', description: '' },
              products: p.items,
              total: p.total,
            }))
          : await reads.collectionPage(scope, handle, { page, perPage });
      if (!found) return null;
      return {
        template: 'collection',
        title: found.collection.title,
        description: found.collection.description || null,
        objects: {
          collection: {
            handle: found.collection.handle,
            title: found.collection.title,
            url: `/collections/${found.collection.handle}`,
            description_html: null,
            products: await cards(scope, found.products),
            products_count: found.total,
          },
          paginate: paginate({ page, pageSize: perPage, items: found.total, url: (n) => pageUrl(request.url, n) }),
        },
      };
    }),
  );

  app.get('/products/:handle', hidden, async (request, reply) => {
    const { handle } = HandleParams.parse(request.params);
    const scope = request.shop!.scope;
    if (handle.endsWith('.js')) {
      // The product and its images in one unit of work.
      const found = await reads.together(scope, async () => {
        const product = await reads.activeProduct(scope, handle.slice(0, -3));
        return product ? { product, images: await deps.media.imagesOfProduct(scope, product.id) } : null;
      });
      if (!found) return reply.code(404).send({ status: 404, description: 'Product not found' });
      return reply
        .header('cache-control', 'public, no-cache')
        .type('application/json; charset=utf-8')
        .send(productJson(found.product, pages.originOf(request), found.images));
    }
    return pages.catalogue(request, reply, async () => {
      const product = await reads.activeProduct(scope, handle);
      if (!product) return null;
      const variant = new URL(request.url, 'http://x').searchParams.get('variant') ?? undefined;
      return {
        template: 'product',
        title: product.title,
        description: descriptionText(product.description) || null,
        objects: { product: productObject(product, variant, await deps.media.imagesOfProduct(scope, product.id)) },
      };
    });
  });

  app.get('/search', hidden, (request, reply) =>
    pages.catalogue(request, reply, async () => {
      const q = z
        .object({ q: z.string().max(200).catch('').default('') })
        .parse(request.query)
        .q.trim();
      const { page } = PageQuery.parse(request.query);
      const scope = request.shop!.scope;
      const found = q ? await reads.searchActive(scope, q, { page, perPage }) : { items: [], total: 0 };
      return {
        template: 'search',
        title: q ? `Search: ${q}` : 'Search',
        objects: {
          search: {
            terms: q,
            performed: q !== '',
            results: await cards(scope, found.items),
            results_count: found.total,
          },
          paginate: q
            ? paginate({ page, pageSize: perPage, items: found.total, url: (n) => pageUrl(request.url, n) })
            : null,
        },
      };
    }),
  );
}
