/**
 * Measuring targets with autocannon in its own process, round after round, each target keeping its
 * best round (two cores shared with other work: a burst of someone else's load skews one round of
 * one target, not a ratio). Error answers of any round stay counted.
 */
import type autocannon from 'autocannon';
import type { Load } from './processes.js';

export interface LoadTarget {
  name: string;
  url: string;
  /** Cycled by every connection, each from its own place in the list. */
  requests?: autocannon.Request[];
  headers?: Record<string, string>;
  /** Warm up by asking every address of `requests` once (what a cache needs) rather than for a second. */
  warmEach?: boolean;
}

export interface Measured {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

export async function measureOnce(
  t: LoadTarget,
  opts: { connections: number; seconds: number; load: Load },
): Promise<Measured> {
  const r = await opts.load({
    url: t.url,
    connections: opts.connections,
    duration: opts.seconds,
    headers: t.headers ?? {},
    ...(t.requests ? { requests: t.requests, spread: true } : {}),
  });
  return {
    name: t.name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx + r.timeouts,
  };
}

/**
 * A warm-up for each target (the JIT, the pools): a second of load, or every address of its list
 * once (`warmEach`: the page cache); then `rounds` rounds. A target may bring its own measurement
 * (`run`) instead of a plain load.
 */
export async function measureAll<T extends LoadTarget & { run?: (seconds: number) => Promise<Measured> }>(
  targets: T[],
  opts: { connections: number; seconds: number; rounds: number; load: Load; afterWarmUp?: () => Promise<void> },
): Promise<Map<string, Measured>> {
  const once = (t: T, seconds: number) => (t.run ? t.run(seconds) : measureOnce(t, { ...opts, seconds }));
  for (const t of targets) {
    if (t.run) await t.run(1);
    else if (t.warmEach && t.requests)
      // With `amount`, each connection makes its share from its own place in the list: all of it, once.
      await opts.load({
        url: t.url,
        connections: opts.connections,
        amount: t.requests.length,
        requests: t.requests,
        spread: true,
      });
    else await measureOnce(t, { ...opts, seconds: 1 });
  }
  await opts.afterWarmUp?.();
  const best = new Map<string, Measured>();
  for (let round = 0; round < opts.rounds; round++) {
    for (const t of targets) {
      const row = await once(t, opts.seconds);
      const kept = best.get(t.name);
      if (!kept || row.rps > kept.rps) best.set(t.name, { ...row, errors: row.errors + (kept?.errors ?? 0) });
      else kept.errors += row.errors;
    }
  }
  return best;
}

/** `measured / ceiling` against a minimum, or why the comparison is not valid. */
export function verdict(measured: Measured | undefined, ceiling: Measured | undefined, minimum: number) {
  if (!measured || !ceiling) return { ratio: NaN, text: 'not measured' };
  const ratio = measured.rps / ceiling.rps;
  const errors = measured.errors + ceiling.errors;
  const text = errors > 0 ? `not valid: ${errors} error answers` : ratio >= minimum ? 'met' : 'NOT met';
  return { ratio, text };
}
