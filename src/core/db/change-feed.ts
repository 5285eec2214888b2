import { sql, type Kysely } from 'kysely';

/**
 * Tells every app server on the database that something changed, so each can drop what it cached:
 * PostgreSQL NOTIFY, sent from inside the writer's transaction and so delivered only if it commits.
 * A listener whose connection dropped may have missed messages: it is told `reset` and must drop
 * everything.
 */
export interface ChangeFeed {
  announce(db: Kysely<any>, channel: string, payload: string): Promise<void>;
  listen(channel: string, handlers: { message(payload: string): void; reset(): void }): Promise<() => Promise<void>>;
  /**
   * Resolves once every announcement committed before the call has reached the listeners, so a
   * request that began after a change never sees what the change replaced: one round trip on the
   * listening connection (the server delivers pending notifications before answering), shared by
   * every request that arrives while one is on its way. Rejects when that connection is down.
   */
  sync(): Promise<void>;
}

export type Listen = ChangeFeed['listen'];

export function createChangeFeed(listeners: { listen: Listen; roundTrip(): Promise<void> }): ChangeFeed {
  let current: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  // A caller must wait for a round trip that starts after it called, not one already on its way.
  const sync = (): Promise<void> => {
    if (!current) {
      current = listeners.roundTrip().finally(() => {
        current = null;
      });
      return current;
    }
    next ??= current
      .catch(() => undefined)
      .then(() => {
        next = null;
        return sync();
      });
    return next;
  };
  return {
    async announce(db, channel, payload) {
      await sql`select pg_notify(${channel}, ${payload})`.execute(db);
    },
    listen: listeners.listen,
    sync,
  };
}
