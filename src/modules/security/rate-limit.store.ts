import type { SecurityTables } from './security.tables.js';
import { sql, type Kysely } from 'kysely';
import type { Clock } from '../../core/clock.js';
import { newId } from '../../core/ids.js';

type RateResult = { current: number; ttl: number };
type Callback = (err: Error | null, result?: RateResult) => void;

interface Counter {
  windowStart: number;
  pending: number;
  known: number;
}

/**
 * A rate-limit store for @fastify/rate-limit that holds across processes and restarts without a
 * database round trip per request: counts are kept per fixed window in memory and added to
 * `rate_counter` in one statement per second, so every process sees the fleet's total within a
 * second; when an IP goes over, a block row is written to `security_block`, which every process
 * reloads each second and which survives a restart.
 */
export function createRateLimitStore(
  deps: { db: Kysely<SecurityTables>; clock: Clock; onError: (err: unknown) => void },
  opts: { windowMs: number; max: number; flushMs?: number },
) {
  const counters = new Map<string, Counter>();
  let blocks = new Map<string, number>();
  const persisting = new Set<Promise<unknown>>();
  let timer: NodeJS.Timeout | undefined;
  let flushes = 0;

  function windowOf(now: number) {
    return Math.floor(now / opts.windowMs) * opts.windowMs;
  }

  function block(key: string, untilMs: number) {
    if ((blocks.get(key) ?? 0) >= untilMs) return;
    blocks.set(key, untilMs);
    const p = deps.db
      .insertInto('security_block')
      .values({
        id: newId('blk'),
        kind: 'ip',
        subject_key: key,
        ip: key,
        account_id: null,
        reason: 'rate-limit',
        created_at: deps.clock.now(),
        until: new Date(untilMs),
        lifted_at: null,
        lifted_by: null,
      })
      .execute()
      .catch(deps.onError)
      .finally(() => persisting.delete(p));
    persisting.add(p);
  }

  function incr(key: string, cb: Callback, timeWindow: number, max: number) {
    const now = deps.clock.now().getTime();
    const blockedUntil = blocks.get(key);
    if (blockedUntil !== undefined && blockedUntil > now) {
      cb(null, { current: max + 1, ttl: blockedUntil - now });
      return;
    }
    const ws = windowOf(now);
    let c = counters.get(key);
    if (!c || c.windowStart !== ws) {
      c = { windowStart: ws, pending: 0, known: 0 };
      counters.set(key, c);
    }
    c.pending++;
    const current = c.known + c.pending;
    const windowEnd = ws + timeWindow;
    if (current > max) block(key, windowEnd);
    cb(null, { current, ttl: windowEnd - now });
  }

  /** Sends this process's new counts, learns the fleet's totals, and reloads the active blocks. */
  async function flush(): Promise<void> {
    const now = deps.clock.now().getTime();
    const batch = [...counters.entries()]
      .filter(([, c]) => c.pending > 0)
      .map(([key, c]) => ({ key, c, sent: c.pending }));
    if (batch.length > 0) {
      const rows = await sql<{ key: string; window_start: Date; count: number }>`
        insert into rate_counter (key, window_start, count)
        select * from unnest(${batch.map((b) => b.key)}::text[], ${batch.map((b) => new Date(b.c.windowStart))}::timestamptz[], ${batch.map((b) => b.sent)}::int[])
        on conflict (key, window_start) do update set count = rate_counter.count + excluded.count
        returning key, window_start, count`.execute(deps.db);
      const totals = new Map(rows.rows.map((r) => [`${r.key}@${new Date(r.window_start).getTime()}`, r.count]));
      for (const b of batch) {
        b.c.pending -= b.sent;
        const total = totals.get(`${b.key}@${b.c.windowStart}`);
        if (total !== undefined) b.c.known = total;
        if (b.c.known > opts.max) block(b.key, b.c.windowStart + opts.windowMs);
      }
    }
    for (const [key, c] of counters) if (c.windowStart + opts.windowMs <= now && c.pending === 0) counters.delete(key);
    if (++flushes % 30 === 0) {
      await deps.db
        .deleteFrom('rate_counter')
        .where('window_start', '<', new Date(now - opts.windowMs))
        .execute();
    }
    await reloadBlocks();
  }

  async function reloadBlocks(): Promise<void> {
    await Promise.all([...persisting]);
    const now = deps.clock.now();
    const rows = await deps.db
      .selectFrom('security_block')
      .select(['subject_key', 'until'])
      .where('kind', '=', 'ip')
      .where('lifted_at', 'is', null)
      .where('until', '>', now)
      .execute();
    const next = new Map<string, number>();
    for (const r of rows) next.set(r.subject_key, Math.max(next.get(r.subject_key) ?? 0, new Date(r.until).getTime()));
    // A block that vanished before its time was lifted by staff: start that IP's count afresh.
    for (const [key, until] of blocks) if (!next.has(key) && until > now.getTime()) counters.delete(key);
    blocks = next;
  }

  /** Called when this process blocks or lifts an IP itself, so it acts before the next reload. */
  function noteBlock(key: string, untilMs: number) {
    blocks.set(key, Math.max(blocks.get(key) ?? 0, untilMs));
  }
  function forget(key: string) {
    blocks.delete(key);
    counters.delete(key);
  }

  function start() {
    timer = setInterval(() => {
      flush().catch(deps.onError);
    }, opts.flushMs ?? 1000);
    timer.unref();
  }
  async function stop() {
    if (timer) clearInterval(timer);
    await flush().catch(deps.onError);
  }

  /** The class @fastify/rate-limit instantiates; every route shares this one state. */
  class Store {
    incr(key: string, cb: Callback, timeWindow: number, max: number) {
      incr(key, cb, timeWindow, max);
    }
    child() {
      return this;
    }
  }

  return { Store, flush, reloadBlocks, noteBlock, forget, start, stop };
}
export type RateLimitStore = ReturnType<typeof createRateLimitStore>;
