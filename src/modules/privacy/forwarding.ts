import type { RequestContext } from '../../core/context.js';
import type { ShopsService } from '../shops/index.js';
import type { RequestType } from './privacy.tables.js';
import type { ShopRequests } from './shop-requests.service.js';

/** The shops where an email is a shopper (the orders module knows). */
export interface ShoppersAcrossShops {
  shopsWithEmail(email: string): Promise<{ shopId: string; shopperId: string }[]>;
}

/**
 * A verified request made to SellRocket reaches each shop where the email is a shopper: for that
 * data the shop's merchant is the controller, and answers in its own queue. Access and portability
 * become an access request, erasure an erasure request; other kinds are the platform's to answer.
 * A shop that already has the same request open is not told twice. Returns the shops' names.
 */
export async function forwardToShops(
  deps: { shops: ShopsService; shoppers: ShoppersAcrossShops; shopRequests: ShopRequests },
  ctx: RequestContext,
  email: string,
  type: RequestType,
): Promise<string[]> {
  const kind = type === 'access' || type === 'portability' ? 'access' : type === 'erasure' ? 'erasure' : null;
  if (!kind) return [];
  const told: string[] = [];
  for (const { shopId, shopperId } of await deps.shoppers.shopsWithEmail(email)) {
    const shop = await deps.shops.platformScopeFor(shopId);
    if (!shop) continue;
    await deps.shopRequests.open(ctx, shop.scope, { shopperId, email, kind, via: 'platform' });
    told.push(shop.name);
  }
  return told;
}
