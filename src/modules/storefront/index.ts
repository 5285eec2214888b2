import { defineModule } from '../../core/module.js';
import type { CatalogueReads } from '../catalogue/index.js';
import type { CookieConsentService } from '../consent/index.js';
import type { ShopsService } from '../shops/index.js';
import { registerCataloguePages } from './catalogue-pages.routes.js';
import { registerShopConsent } from './consent.routes.js';
import { registerImageFiles } from './images.routes.js';
import { createShopThemes, type ShopThemes, type ShopThemeTables } from './shop-themes.js';
import { registerThemeRoutes } from './theme.routes.js';
import { storefrontTables } from './storefront.privacy.js';
import { createThemeRenderer } from './theme/index.js';
import type { AuthGuards } from '../auth/index.js';
import type { MediaService } from '../media/index.js';
import { unknownShopPage } from './fallback-pages.js';
import { installShopHosts } from './host-routing.js';
import { createPageCache } from './page-cache.js';
import { createStorefrontPages, type CartSummarySource, type StorefrontPages } from './pages.js';
import { registerSeoFiles } from './seo.routes.js';
import { createShopLookup, type ShopLookup } from './shop-lookup.js';

export type { StorefrontPages, PageSpec, CartSummarySource } from './pages.js';
export type { StorefrontShop } from './shop-lookup.js';
export { shopOf } from './host-routing.js';
export type * from './theme/objects.js';

/** The storefront: every shop's pages on its own host, rendered on the server from its theme. */
export const storefrontModule = defineModule<ShopThemeTables>()({
  name: 'storefront',
  uses: ['shops', 'catalogueReads', 'cookieConsent', 'carts'],
  routeUses: ['media', 'guards', 'shops'],
  dataMap: storefrontTables,
  create: (
    kit,
    needs: {
      shops: ShopsService;
      catalogueReads: CatalogueReads;
      cookieConsent: CookieConsentService;
      carts: CartSummarySource;
    },
  ) => {
    const cache = createPageCache({ changes: kit.changes });
    const shopThemes = createShopThemes({
      db: kit.db,
      audit: kit.audit,
      changes: kit.changes,
      cache,
      defaultTheme: createThemeRenderer(),
      onError: kit.onError,
    });
    return {
      shopThemes,
      storefrontLookup: createShopLookup({
        shops: needs.shops,
        changes: kit.changes,
        now: () => kit.clock.now().getTime(),
      }),
      storefrontCache: cache,
      storefrontPages: createStorefrontPages({
        cache,
        themes: shopThemes,
        catalogueReads: needs.catalogueReads,
        cookieConsent: needs.cookieConsent,
        carts: needs.carts,
      }),
    };
  },
  routes: (
    app,
    s: {
      storefrontLookup: ShopLookup;
      storefrontPages: StorefrontPages;
      catalogueReads: CatalogueReads;
      cookieConsent: CookieConsentService;
      media: MediaService;
      shopThemes: ShopThemes;
      shops: ShopsService;
      guards: AuthGuards;
    },
    kit,
  ) => {
    installShopHosts(app, {
      platformDomain: kit.config.platformDomain,
      lookup: s.storefrontLookup,
      unknownShop: (reply) =>
        reply.code(404).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(unknownShopPage()),
      unavailable: (reply) => s.storefrontPages.unavailable(reply),
      notFound: (request, reply) => s.storefrontPages.notFound(request, reply),
    });
    registerCataloguePages(app, { pages: s.storefrontPages, catalogueReads: s.catalogueReads, media: s.media });
    registerImageFiles(app, { media: s.media });
    registerThemeRoutes(app, { themes: s.shopThemes, shops: s.shops, guards: s.guards });
    registerSeoFiles(app, { pages: s.storefrontPages, catalogueReads: s.catalogueReads, sitemapPageSize: 5000 });
    registerShopConsent(app, { cookieConsent: s.cookieConsent });
  },
});
