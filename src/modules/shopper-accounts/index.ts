import { defineModule } from '../../core/module.js';
import type { ShopperReads, OrderReads } from '../orders/index.js';
import type { SecurityService } from '../security/index.js';
import type { StorefrontPages } from '../storefront/index.js';
import { registerAccountPages } from './account-pages.routes.js';
import type { ShopPrivacyDesk } from './privacy-desk.js';
import { createCheckoutShopper } from './checkout-shopper.js';
import { shopperAccountsTables } from './shopper-accounts.privacy.js';
import { createShopperAccounts, type ShopperAccounts } from './shopper-accounts.service.js';
import type { ShopperAccountsTables } from './shopper-accounts.tables.js';

export { SHOPPER_COOKIE } from './account-pages.routes.js';
export type { ShopperAccounts, SignedInShopper } from './shopper-accounts.service.js';
export type { ShopPrivacyDesk } from './privacy-desk.js';
export type { ShopperAccountsTables } from './shopper-accounts.tables.js';

const SESSION_TTL_MS = 30 * 86_400_000;

/** Shoppers' accounts at each shop: sign-up, sign-in, addresses, order history and the newsletter. */
export const shopperAccountsModule = defineModule<ShopperAccountsTables>()({
  name: 'shopper-accounts',
  uses: ['shopperReads', 'security'],
  routeUses: ['storefrontPages', 'orderReads', 'shopPrivacyDesk'],
  dataMap: shopperAccountsTables,
  create: (kit, needs: { shopperReads: ShopperReads; security: SecurityService }) => {
    const shopperAccounts = createShopperAccounts({
      db: kit.db,
      shoppers: needs.shopperReads,
      security: needs.security,
      mailer: kit.mailer,
      onError: kit.onError,
      sessionTtlMs: SESSION_TTL_MS,
    });
    return { shopperAccounts, checkoutShopper: createCheckoutShopper(shopperAccounts) };
  },
  routes: (
    app,
    s: {
      shopperAccounts: ShopperAccounts;
      storefrontPages: StorefrontPages;
      orderReads: OrderReads;
      shopperReads: ShopperReads;
      shopPrivacyDesk: ShopPrivacyDesk;
    },
  ) =>
    registerAccountPages(app, {
      accounts: s.shopperAccounts,
      pages: s.storefrontPages,
      orderReads: s.orderReads,
      shopperReads: s.shopperReads,
      privacyDesk: s.shopPrivacyDesk,
    }),
});
