import type { Brand } from '../../core/ids.js';

/** A shop's id, branded so that no other kind of id can be passed for it. */
export type ShopId = Brand<string, 'ShopId'>;

declare const scopeMark: unique symbol;

/**
 * Proof that the request may act on one shop: only the membership guard (`shopScopeFor` in the
 * shops service) makes one, after checking that the signed-in account owns the shop. Shop-scoped
 * data access takes it first and puts its shop id in every WHERE clause.
 */
export interface ShopScope {
  readonly shopId: ShopId;
  readonly accountId: string;
  readonly [scopeMark]: true;
}

export function grantScope(shopId: string, accountId: string): ShopScope {
  return { shopId: shopId as ShopId, accountId } as ShopScope;
}
