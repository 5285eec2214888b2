import { defineModule } from '../../core/module.js';
import type { AuthGuards } from '../auth/index.js';
import { shopsTables } from './shops.privacy.js';
import { registerShopRoutes } from './shops.routes.js';
import { createShopsService, type ShopsService } from './shops.service.js';
import type { ShopsTables } from './shops.tables.js';

export type { ShopsService, ShopView } from './shops.service.js';
export { SHOP_CHANGED, addressLine } from './shops.service.js';
export type { MerchantScope, ShopId, ShopScope } from './shop-scope.js';
export type { ShopsTables, VatRate, ShippingZone } from './shops.tables.js';
export { vatRates, shippingZones } from './shops.tables.js';

/** How shop URLs are written: the public site's scheme and port (PUBLIC_URL), or this server's. */
function shopAddress(config: { platformDomain: string; publicUrl: string | undefined; port: number }) {
  const pub = config.publicUrl ? new URL(config.publicUrl) : null;
  const protocol = pub ? pub.protocol.replace(':', '') : 'http';
  const port = pub ? (pub.port ? Number(pub.port) : null) : config.port === 80 ? null : config.port;
  return { protocol, host: config.platformDomain, port };
}

/** Hosted shops: each merchant's shops, served at their own host, and the merchant's API for them. */
export const shopsModule = defineModule<ShopsTables>()({
  name: 'shops',
  uses: [],
  routeUses: ['guards'],
  dataMap: shopsTables,
  create: (kit) => ({
    shops: createShopsService({
      db: kit.db,
      audit: kit.audit,
      changes: kit.changes,
      jobs: kit.jobs,
      files: kit.files,
      domain: shopAddress(kit.config),
    }),
  }),
  routes: (app, s: { shops: ShopsService; guards: AuthGuards }) => registerShopRoutes(app, s),
});
