import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { newId } from '../ids.js';

export type JobHandler = (payload: Record<string, unknown>) => Promise<void>;

const LEASE_MS = 5 * 60_000;
const MAX_ATTEMPTS = 5;

/**
 * Jobs live in the database, so any app server may run them and none is lost on a restart: a job is
 * claimed with FOR UPDATE SKIP LOCKED and a lease; a failure is retried later with a growing delay.
 * Payloads carry references, never personal values.
 */
export function createJobQueue(deps: { db: Db; clock: Clock; onError: (err: unknown) => void }) {
  const handlers = new Map<string, JobHandler>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  function register(kind: string, handler: JobHandler) {
    handlers.set(kind, handler);
  }

  // Recurring jobs by kind, with their interval.
  const schedules = new Map<string, number>();

  /** A job that recurs every `everyMs`: one run per interval whichever and however many servers tick. */
  function every(kind: string, everyMs: number, handler: JobHandler) {
    register(kind, handler);
    schedules.set(kind, everyMs);
  }

  /**
   * Queues each recurring job whose time has come. The schedule's row is moved on by the same
   * statement that finds it due, so of several servers ticking at once one queues the run.
   */
  async function enqueueScheduled(): Promise<number> {
    const now = deps.clock.now();
    let queued = 0;
    for (const [kind, everyMs] of schedules) {
      const due = await deps.db.transaction().execute(async () => {
        await sql`insert into job_schedule (kind, every_ms, next_run_at) values (${kind}, ${everyMs}, ${now})
          on conflict (kind) do update set every_ms = excluded.every_ms`.execute(deps.db);
        const claimed = await sql`update job_schedule set next_run_at = ${new Date(now.getTime() + everyMs)}
          where kind = ${kind} and next_run_at <= ${now} returning kind`.execute(deps.db);
        if (claimed.rows.length === 0) return false;
        await enqueue(kind, { scheduledAt: now.toISOString() });
        return true;
      });
      if (due) queued++;
    }
    return queued;
  }

  /** Queues a job in the current unit of work: it exists only if the work that queued it commits. */
  async function enqueue(kind: string, payload: Record<string, unknown>, runAt?: Date): Promise<string> {
    const id = newId('job');
    const now = deps.clock.now();
    await deps.db
      .insertInto('job')
      .values({
        id,
        kind,
        payload: JSON.stringify(payload) as unknown as Record<string, unknown>,
        run_at: runAt ?? now,
        locked_until: null,
        attempts: 0,
        last_error: null,
        done_at: null,
        created_at: now,
      })
      .execute();
    return id;
  }

  async function claim() {
    const now = deps.clock.now();
    const r = await sql<{ id: string; kind: string; payload: Record<string, unknown>; attempts: number }>`
      update job set locked_until = ${new Date(now.getTime() + LEASE_MS)}, attempts = attempts + 1
      where id = (select id from job where done_at is null and run_at <= ${now} and (locked_until is null or locked_until < ${now})
                  order by run_at limit 1 for update skip locked)
      returning id, kind, payload, attempts`.execute(deps.db);
    return r.rows[0];
  }

  /** Runs every job that is due now, one at a time; returns how many ran and how many failed. */
  async function runDue(limit = 1000): Promise<{ ran: number; failed: number }> {
    let ran = 0,
      failed = 0;
    for (let i = 0; i < limit; i++) {
      const job = await claim();
      if (!job) break;
      ran++;
      const now = deps.clock.now();
      try {
        const handler = handlers.get(job.kind);
        if (!handler) throw new Error(`No handler for job kind ${job.kind}`);
        await handler(job.payload);
        await deps.db
          .updateTable('job')
          .set({ done_at: deps.clock.now(), locked_until: null, last_error: null })
          .where('id', '=', job.id)
          .execute();
      } catch (e) {
        failed++;
        const giveUp = job.attempts >= MAX_ATTEMPTS;
        await deps.db
          .updateTable('job')
          .set({
            last_error: (e as Error).message.slice(0, 500),
            locked_until: null,
            run_at: new Date(now.getTime() + job.attempts ** 2 * 60_000),
            ...(giveUp ? { done_at: now } : {}),
          })
          .where('id', '=', job.id)
          .execute();
        deps.onError(e);
      }
    }
    return { ran, failed };
  }

  function start(intervalMs = 5000) {
    timer = setInterval(() => {
      running = enqueueScheduled()
        .then(() => runDue())
        .catch(deps.onError);
    }, intervalMs);
    timer.unref();
  }
  async function stop() {
    if (timer) clearInterval(timer);
    await running;
  }

  /**
   * Deletes every job, run or not, whose payload holds these values (e.g. `{ shopId }` when a shop is
   * removed): nothing is left to run on data that is gone, and no row keeps naming it. In the
   * current unit of work.
   */
  async function discardMatching(match: Record<string, string>): Promise<number> {
    const r = await sql`delete from job where payload @> ${JSON.stringify(match)}::jsonb`.execute(deps.db);
    return Number(r.numAffectedRows ?? 0);
  }

  return { register, every, enqueue, enqueueScheduled, runDue, start, stop, discardMatching };
}
export type JobQueue = ReturnType<typeof createJobQueue>;
