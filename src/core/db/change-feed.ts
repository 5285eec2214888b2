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
}

export type Listen = ChangeFeed['listen'];

export function createChangeFeed(listen: Listen): ChangeFeed {
  return {
    async announce(db, channel, payload) {
      await sql`select pg_notify(${channel}, ${payload})`.execute(db);
    },
    listen,
  };
}
