import type { Brand } from '../../core/ids.js';

/** A shop's id, branded so that no other kind of id can be passed for it. */
export type ShopId = Brand<string, 'ShopId'>;

declare const scopeMark: unique symbol;

/**
 * Proof that the request may act on one shop. Only the shops service makes one: the membership
 * guard (`shopScopeFor`) after checking that the signed-in account owns the shop, or the storefront
 * host router (`storefrontScopeFor`) for the shop a public host names. Shop-scoped data access takes
 * it first and puts its shop id in every WHERE clause.
 */
export interface ShopScope {
  readonly shopId: ShopId;
  /** The account that owns the shop: its audit chain records the merchant's changes. */
  readonly accountId: string;
  /** `merchant`: a signed-in owner; `storefront`: a shopper on the shop's own host. */
  readonly via: 'merchant' | 'storefront';
  readonly [scopeMark]: true;
}

/** What changing a shop's catalogue, settings or orders needs: a merchant's scope, never a shopper's. */
export type MerchantScope = ShopScope & { readonly via: 'merchant' };

export function grantScope(shopId: string, accountId: string): MerchantScope {
  return { shopId: shopId as ShopId, accountId, via: 'merchant' } as MerchantScope;
}

export function grantStorefrontScope(shopId: string, accountId: string): ShopScope {
  return { shopId: shopId as ShopId, accountId, via: 'storefront' } as ShopScope;
}
