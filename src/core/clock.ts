/** All time comes from here, so tests can travel through deadlines and retention periods. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved; for tests and simulations. */
export function createManualClock(start: Date = new Date()) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set(to: Date) {
      current = to.getTime();
    },
    advance(ms: number) {
      current += ms;
    },
  };
}
export type ManualClock = ReturnType<typeof createManualClock>;

/** A stored timestamp (a Date, or text from the embedded driver) as ISO 8601, or null when there is none. */
export const isoOrNull = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
