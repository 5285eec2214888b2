import { defineModule } from '../../core/module.js';
import { onShopHosts } from '../../core/http/tenant-host.js';
import type { CatalogueReads } from '../catalogue/index.js';
import type { ShopsService } from '../shops/index.js';
import { shopHomePage, shopNotFoundPage, unavailableShopPage, unknownShopPage } from './fallback-pages.js';
import { installShopHosts } from './host-routing.js';
import { createPageCache } from './page-cache.js';
import { createShopLookup } from './shop-lookup.js';

/** The storefront: every shop's pages on its own host, rendered on the server from its theme. */
export const storefrontModule = defineModule<object>()({
  name: 'storefront',
  uses: ['shops', 'catalogue'],
  dataMap: {},
  create: (kit, needs: { shops: ShopsService; catalogueReads: CatalogueReads }) => ({
    storefrontLookup: createShopLookup({
      shops: needs.shops,
      changes: kit.changes,
      now: () => kit.clock.now().getTime(),
    }),
    storefrontCache: createPageCache({ changes: kit.changes }),
  }),
  routes: (app, s: { storefrontLookup: ReturnType<typeof createShopLookup> }, kit) => {
    installShopHosts(app, {
      platformDomain: kit.config.platformDomain,
      lookup: s.storefrontLookup,
      unknownShop: (reply) =>
        reply.code(404).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(unknownShopPage()),
      unavailable: (reply) =>
        reply
          .code(503)
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .header('retry-after', '3600')
          .send(unavailableShopPage()),
      notFound: (request, reply) =>
        reply
          .code(404)
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(shopNotFoundPage(request.shop!)),
    });
    app.get('/', { ...onShopHosts, schema: { hide: true } }, (request, reply) =>
      reply.type('text/html; charset=utf-8').send(shopHomePage(request.shop!)),
    );
  },
});
