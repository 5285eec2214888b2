import type { ChangeFeed } from '../../core/db/change-feed.js';
import { CATALOGUE_CHANGED } from '../catalogue/index.js';
import { SHOP_CHANGED } from '../shops/index.js';
import type { EncodedPage } from './page-encoding.js';

export type CachedPage = EncodedPage;

/**
 * Rendered catalogue pages, in memory, per shop. Any change to a shop's catalogue or settings, on
 * any app server, is announced through the database (NOTIFY) and every server drops that shop's
 * pages before its next request; a listener that may have missed announcements drops everything.
 * The least recently used pages go first when it is full.
 */
export function createPageCache(deps: { changes: ChangeFeed; maxEntries?: number }) {
  const max = deps.maxEntries ?? 5_000;
  const pages = new Map<string, CachedPage>();
  const keysByShop = new Map<string, Set<string>>();
  // Bumped at every drop: a page rendered from data read before the drop is not kept after it.
  const generations = new Map<string, number>();
  let everything = 0;
  let listening: Promise<unknown> | null = null;

  const dropShop = (shopId: string) => {
    generations.set(shopId, (generations.get(shopId) ?? 0) + 1);
    for (const key of keysByShop.get(shopId) ?? []) pages.delete(key);
    keysByShop.delete(shopId);
  };
  const clear = () => {
    everything++;
    pages.clear();
    keysByShop.clear();
  };
  /** Taken before reading what a page shows; `set` refuses the page if the shop changed since. */
  const generation = (shopId: string) => `${everything}.${generations.get(shopId) ?? 0}`;

  /** Resolves once this process hears announcements: before that, nothing is served from cache. */
  function ready() {
    listening ??= Promise.all([
      deps.changes.listen(CATALOGUE_CHANGED, { message: dropShop, reset: clear }),
      deps.changes.listen(SHOP_CHANGED, { message: dropShop, reset: clear }),
    ]);
    return listening;
  }

  function get(shopId: string, key: string): CachedPage | undefined {
    const full = `${shopId}\n${key}`;
    const hit = pages.get(full);
    if (hit) {
      pages.delete(full);
      pages.set(full, hit);
    }
    return hit;
  }

  function set(shopId: string, key: string, page: CachedPage, renderedAt: string) {
    if (renderedAt !== generation(shopId)) return;
    const full = `${shopId}\n${key}`;
    pages.set(full, page);
    const keys = keysByShop.get(shopId) ?? new Set();
    keys.add(full);
    keysByShop.set(shopId, keys);
    while (pages.size > max) {
      const oldest = pages.keys().next().value as string;
      pages.delete(oldest);
      keysByShop.get(oldest.split('\n')[0]!)?.delete(oldest);
    }
  }

  /**
   * A value every page of a shop shows (its navigation), kept with the shop's pages and dropped with
   * them; one per shop and key.
   */
  const values = new Map<string, { generation: string; value: unknown }>();
  async function remember<T>(shopId: string, key: string, load: () => Promise<T>): Promise<T> {
    const full = `${shopId}\n${key}`;
    const current = generation(shopId);
    const hit = values.get(full);
    if (hit && hit.generation === current) return hit.value as T;
    const value = await load();
    if (generation(shopId) === current) {
      if (values.size >= max) values.delete(values.keys().next().value as string);
      values.set(full, { generation: current, value });
    }
    return value;
  }

  return { ready, generation, get, set, remember, dropShop, clear, size: () => pages.size };
}
export type PageCache = ReturnType<typeof createPageCache>;
