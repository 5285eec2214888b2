import type { FastifyInstance } from 'fastify';
import { onShopHosts } from '../../core/http/tenant-host.js';
import type { CatalogueReads } from '../catalogue/index.js';
import type { StorefrontPages } from './pages.js';
import { robotsTxt, sitemapIndex, sitemapPage, sitemapPageCount, sitemapPageRange } from './theme/index.js';

const hidden = { ...onShopHosts, schema: { hide: true } } as const;

/**
 * What search engines read: robots.txt and the XML sitemaps (an index of pages of at most
 * `pageSize` addresses, so a large catalogue stays within the sitemap limits). One route takes
 * every top-level file name, so anything else at that level gets the shop's 404 page.
 */
export function registerSeoFiles(
  app: FastifyInstance,
  deps: { pages: StorefrontPages; catalogueReads: CatalogueReads; sitemapPageSize: number },
) {
  app.get('/:file', hidden, async (request, reply) => {
    const file = (request.params as { file: string }).file;
    const scope = request.shop!.scope;
    const origin = deps.pages.originOf(request);
    if (file === 'robots.txt')
      return reply
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(robotsTxt(origin));
    if (file === 'sitemap.xml') {
      const total = await deps.catalogueReads.sitemapCount(scope);
      return reply
        .type('application/xml; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .send(sitemapIndex({ shopUrl: origin, totalUrls: total, pageSize: deps.sitemapPageSize }));
    }
    const page = /^sitemap-([1-9]\d{0,5})\.xml$/.exec(file);
    if (page) {
      const n = Number(page[1]);
      const total = await deps.catalogueReads.sitemapCount(scope);
      if (n > sitemapPageCount(total, deps.sitemapPageSize)) return deps.pages.notFound(request, reply);
      const { entries } = await deps.catalogueReads.sitemapEntries(scope, sitemapPageRange(n, deps.sitemapPageSize));
      return reply
        .type('application/xml; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .send(
          sitemapPage(
            origin,
            entries.map((e) => ({
              path: `/${e.kind === 'product' ? 'products' : 'collections'}/${e.handle}`,
              lastmod: e.updatedAt,
            })),
            deps.sitemapPageSize,
          ),
        );
    }
    return deps.pages.notFound(request, reply);
  });
}
