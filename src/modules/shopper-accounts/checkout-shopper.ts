import type { FastifyRequest } from 'fastify';
import type { CheckoutShopper } from '../orders/index.js';
import { SHOPPER_COOKIE } from './account-pages.routes.js';
import type { ShopperAccounts } from './shopper-accounts.service.js';

/** The checkout's view of the signed-in shopper: name, email and default address, in the form's fields. */
export function createCheckoutShopper(accounts: ShopperAccounts): CheckoutShopper {
  return {
    async forCheckout(request: FastifyRequest) {
      const shop = request.shop;
      const token = request.cookies[SHOPPER_COOKIE];
      if (!shop || !token) return null;
      const who = await accounts.signedIn(shop.scope, token, request.ctx.now);
      if (!who) return null;
      const saved = (await accounts.addresses(shop.scope, who.shopperId))[0];
      return {
        name: `${who.firstName} ${who.lastName}`.trim(),
        email: who.email,
        address: saved
          ? {
              first_name: saved.firstName,
              last_name: saved.lastName,
              company: saved.company ?? '',
              address1: saved.line1,
              address2: saved.line2 ?? '',
              zip: saved.postalCode,
              city: saved.city,
              country_code: saved.country,
              phone: saved.phone ?? '',
            }
          : null,
      };
    },
  };
}
