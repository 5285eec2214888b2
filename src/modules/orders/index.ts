import { defineModule } from '../../core/module.js';
import type { AccountsService } from '../accounts/index.js';
import type { AuthGuards } from '../auth/index.js';
import type { Stock } from '../catalogue/index.js';
import type { ShopsService } from '../shops/index.js';
import { CART_EXPIRE_JOB, createCartsService, type CartsService } from './carts.service.js';
import { CARD_UNCONFIRMED_JOB, createCheckout, MULTIBANCO_EXPIRE_JOB, type Checkout } from './checkout.js';
import { createOrderActions, type OrderActions } from './order-actions.js';
import { createOrderMail } from './order-mail.js';
import { createOrderStore, ORDER_MAIL_JOB, type OrderMailKind } from './order-store.js';
import { ordersTables } from './orders.privacy.js';
import { createOrderReads, type OrderReads } from './orders.reads.js';
import { registerOrderRoutes } from './orders.routes.js';
import type { OrdersTables } from './orders.tables.js';
import type { StorefrontPages } from '../storefront/index.js';
import { registerStorefrontJsonRoutes } from './storefront-json.routes.js';
import { registerStorefrontPages, type CheckoutShopper } from './storefront-pages.routes.js';

export { CART_COOKIE } from './carts.service.js';
export type { CheckoutShopper } from './storefront-pages.routes.js';
export type { CartsService, CartSummary, CartLine } from './carts.service.js';
export type { Checkout, CheckoutResult } from './checkout.js';
export type { OrderReads, OrderDetail } from './orders.reads.js';
export type { OrdersTables, OrderStatus } from './orders.tables.js';
export type { ShopperReads } from './shoppers.reads.js';
export { orderObject, addressObject, countriesFor, type Language } from './theme-objects.js';
export {
  addressForBody,
  addressFromForm,
  blankAddress,
  fieldOf,
  formAddressField,
  formOf,
  type AddressInput,
  type FormFields,
} from './checkout-form.js';
export { CheckoutAddress } from './checkout.schemas.js';

import { createShopperReads, type ShopperReads } from './shoppers.reads.js';
import { registerShopperRoutes } from './shoppers.routes.js';
import { createShopSummary } from './shop-summary.js';
import type { CatalogueReads } from '../catalogue/index.js';

/** Carts, guest checkout, payments, stock held by orders, order mails and the merchant's order API. */
export const ordersModule = defineModule<OrdersTables>()({
  name: 'orders',
  uses: ['shops', 'stock', 'accounts'],
  routeUses: ['guards', 'storefrontPages', 'catalogueReads', 'checkoutShopper'],
  dataMap: ordersTables,
  create: (kit, needs: { shops: ShopsService; stock: Stock; accounts: AccountsService }) => {
    const store = createOrderStore({ db: kit.db, jobs: kit.jobs });
    const carts = createCartsService({ db: kit.db, stock: needs.stock, jobs: kit.jobs, now: () => kit.clock.now() });
    const orderReads = createOrderReads(kit.db);
    const orderActions = createOrderActions({
      db: kit.db,
      store,
      stock: needs.stock,
      shops: needs.shops,
      payments: kit.payments,
      audit: kit.audit,
      now: () => kit.clock.now(),
    });
    kit.payments.onPaymentReceived(orderActions.paymentReceived);
    return {
      carts,
      orderReads,
      orderActions,
      shopperReads: createShopperReads(kit.db),
      shopSummary: createShopSummary(kit.db),
      checkout: createCheckout({
        store,
        carts,
        stock: needs.stock,
        shops: needs.shops,
        payments: kit.payments,
        jobs: kit.jobs,
        hashKey: kit.hashKey,
      }),
      orderMail: createOrderMail({
        mailer: kit.mailer,
        reads: orderReads,
        shops: needs.shops,
        accounts: needs.accounts,
        hashKey: kit.hashKey,
      }),
    };
  },
  jobs: (s) => ({
    [CART_EXPIRE_JOB]: (p) => s.carts.expire(p as { shopId: string; cartId: string }),
    [MULTIBANCO_EXPIRE_JOB]: (p) => s.orderActions.expireMultibanco(p as { shopId: string; orderId: string }),
    [CARD_UNCONFIRMED_JOB]: (p) => s.orderActions.releaseUnconfirmed(p as { shopId: string; orderId: string }),
    [ORDER_MAIL_JOB]: (p) =>
      s.orderMail(p as { shopId: string; accountId: string; orderId: string; kind: OrderMailKind }),
  }),
  routes: (
    app,
    s: {
      carts: CartsService;
      checkout: Checkout;
      orderReads: OrderReads;
      orderActions: OrderActions;
      shops: ShopsService;
      guards: AuthGuards;
      storefrontPages: StorefrontPages;
      shopperReads: ShopperReads;
      shopSummary: ReturnType<typeof createShopSummary>;
      catalogueReads: CatalogueReads;
      checkoutShopper: CheckoutShopper;
    },
    kit,
  ) => {
    registerOrderRoutes(app, { ...s, audit: kit.audit });
    registerShopperRoutes(app, { ...s, audit: kit.audit });
    registerStorefrontJsonRoutes(app, s);
    registerStorefrontPages(app, { ...s, pages: s.storefrontPages, cipher: kit.cipher, now: () => kit.clock.now() });
  },
});
