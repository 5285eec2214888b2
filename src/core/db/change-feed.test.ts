import { describe, expect, it } from 'vitest';
import { createChangeFeed } from './change-feed.js';

describe('the change feed’s sync', () => {
  it('makes each caller wait for a round trip that began after it called, shared by callers meanwhile', async () => {
    const trips: { resolve: () => void }[] = [];
    const feed = createChangeFeed({
      listen: async () => async () => undefined,
      roundTrip: () => new Promise<void>((resolve) => trips.push({ resolve })),
    });
    const done: string[] = [];
    const first = feed.sync().then(() => done.push('first'));
    const second = feed.sync().then(() => done.push('second'));
    const third = feed.sync().then(() => done.push('third'));
    expect(trips).toHaveLength(1);
    trips[0]!.resolve();
    await first;
    // The second and third callers came while the first trip was under way: they share the next one.
    await new Promise((r) => setImmediate(r));
    expect(done).toEqual(['first']);
    expect(trips).toHaveLength(2);
    trips[1]!.resolve();
    await Promise.all([second, third]);
    expect(done).toEqual(['first', 'second', 'third']);
  });

  it('fails a sync when the listening connection is down, and recovers on the next', async () => {
    let fail = true;
    const feed = createChangeFeed({
      listen: async () => async () => undefined,
      roundTrip: async () => {
        if (fail) throw new Error('down');
      },
    });
    await expect(feed.sync()).rejects.toThrow('down');
    fail = false;
    await expect(feed.sync()).resolves.toBeUndefined();
  });
});
