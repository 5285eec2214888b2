import type { Mailer } from '../../core/mail/mailer.js';
import type { AccountsService } from '../accounts/index.js';
import type { ShopsService } from '../shops/index.js';
import { orderNotice, shopperLanguage } from './order-notices.js';
import type { OrderMailKind } from './order-store.js';
import { orderToken } from './order-token.js';
import type { OrderReads } from './orders.reads.js';

/**
 * The order mails, sent by a job after the change that causes them commits (so a mail server that is
 * down delays them rather than failing a checkout). The shopper's come from the shop's name, in the
 * shopper's language (see shopperLanguage); the merchant's is in the language of their account. None
 * carries card data: a card is named by its network only.
 */
export function createOrderMail(deps: {
  mailer: Mailer;
  reads: OrderReads;
  shops: ShopsService;
  accounts: AccountsService;
  hashKey: Buffer;
}) {
  return async function send(payload: {
    shopId: string;
    accountId: string;
    orderId: string;
    kind: OrderMailKind;
    /** The language the storefront was shown in, when whoever queued the mail recorded it. */
    language?: unknown;
  }) {
    const scope = await deps.shops.shopScopeFor(payload.accountId, payload.shopId);
    const shop = await deps.shops.getShop(scope);
    const order = await deps.reads.detail(scope, payload.orderId);
    if (!order) return;
    const facts = { order, shop: shop.name, page: `${shop.url}orders/${orderToken(deps.hashKey, order.id)}` };
    if (payload.kind === 'merchant-notice') {
      const merchant = await deps.accounts.contactOf(payload.accountId);
      if (!merchant) return;
      await deps.mailer.send({
        to: merchant.email,
        accountId: payload.accountId,
        ...orderNotice('merchant-notice', merchant.language, facts),
      });
      return;
    }
    if (!order.email) return; // the shopper was erased since
    // The shop's mail to its shopper: never part of a SellRocket customer's correspondence.
    await deps.mailer.send({
      to: order.email,
      fromName: shop.name,
      shopId: payload.shopId,
      ...orderNotice(payload.kind, shopperLanguage(order, payload.language), facts),
    });
  };
}
