import type { ChangeFeed } from '../../core/db/change-feed.js';
import { SHOP_CHANGED, type ShopsService } from '../shops/index.js';

export type StorefrontShop = NonNullable<Awaited<ReturnType<ShopsService['bySlug']>>>;

/**
 * The shop each host names, kept in memory: a storefront request costs no query for it. A shop's
 * change (settings, suspension, closure) on any app server is announced, and every server drops its
 * copy; if the announcements may have been missed (a dropped connection), everything is dropped.
 * The time limit is only a backstop.
 *
 * `find` also syncs with the change feed, so a request served from any cache after it sees every
 * change committed before the request arrived.
 */
export function createShopLookup(deps: {
  shops: ShopsService;
  changes: ChangeFeed;
  now: () => number;
  ttlMs?: number;
}) {
  const ttl = deps.ttlMs ?? 60_000;
  const bySlug = new Map<string, { shop: StorefrontShop | null; at: number }>();
  let listening: Promise<unknown> | null = null;

  // A new shop announces itself too, so hosts remembered as unknown are forgotten with any change.
  function forgetShop(shopId: string) {
    for (const [slug, entry] of bySlug) if (!entry.shop || entry.shop.id === shopId) bySlug.delete(slug);
  }

  async function find(slug: string): Promise<StorefrontShop | null> {
    listening ??= deps.changes.listen(SHOP_CHANGED, { message: forgetShop, reset: () => bySlug.clear() });
    await listening;
    // Every storefront request passes here first: after this, what it finds cached (here and in the
    // page cache) is no older than the request.
    const synced = await deps.changes.sync().then(
      () => true,
      () => false,
    );
    const hit = synced ? bySlug.get(slug) : undefined;
    if (hit && deps.now() - hit.at < ttl) return hit.shop;
    const shop = (await deps.shops.bySlug(slug)) ?? null;
    if (shop || bySlug.size < 10_000) bySlug.set(slug, { shop, at: deps.now() });
    return shop;
  }

  return { find, forgetShop, clear: () => bySlug.clear() };
}
export type ShopLookup = ReturnType<typeof createShopLookup>;
