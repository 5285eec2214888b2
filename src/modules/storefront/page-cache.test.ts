import { describe, expect, it } from 'vitest';
import type { ChangeFeed } from '../../core/db/change-feed.js';
import { CATALOGUE_CHANGED } from '../catalogue/index.js';
import { createPageCache } from './page-cache.js';
import { encodedPage } from './page-encoding.js';

function feed() {
  const handlers = new Map<string, { message(p: string): void; reset(): void }>();
  const changes: ChangeFeed = {
    announce: async () => undefined,
    sync: async () => undefined,
    listen: async (channel, h) => {
      handlers.set(channel, h);
      return async () => undefined;
    },
  };
  return { changes, send: (channel: string, payload: string) => handlers.get(channel)!.message(payload), handlers };
}

const page = (body: string) => encodedPage(body, `"${body}"`, 200);

describe('the rendered-page cache', () => {
  it('drops a shop’s pages, and only that shop’s, when its catalogue change is announced', async () => {
    const f = feed();
    const cache = createPageCache({ changes: f.changes });
    await cache.ready();
    cache.set('a', '/x', page('a1'), cache.generation('a'));
    cache.set('b', '/x', page('b1'), cache.generation('b'));
    f.send(CATALOGUE_CHANGED, 'a');
    expect(cache.get('a', '/x')).toBeUndefined();
    expect(cache.get('b', '/x')?.body.toString()).toBe('b1');
  });

  it('does not keep a page rendered from data read before a change', async () => {
    const f = feed();
    const cache = createPageCache({ changes: f.changes });
    await cache.ready();
    const before = cache.generation('a');
    f.send(CATALOGUE_CHANGED, 'a');
    cache.set('a', '/x', page('stale'), before);
    expect(cache.get('a', '/x')).toBeUndefined();
  });

  it('drops everything when the listener may have missed announcements, and evicts the least recently used', async () => {
    const f = feed();
    const cache = createPageCache({ changes: f.changes, maxEntries: 2 });
    await cache.ready();
    cache.set('a', '/1', page('1'), cache.generation('a'));
    cache.set('a', '/2', page('2'), cache.generation('a'));
    cache.get('a', '/1');
    cache.set('a', '/3', page('3'), cache.generation('a'));
    expect(cache.get('a', '/2')).toBeUndefined();
    expect(cache.get('a', '/1')?.body.toString()).toBe('1');
    f.handlers.get(CATALOGUE_CHANGED)!.reset();
    expect(cache.size()).toBe(0);
  });
});
