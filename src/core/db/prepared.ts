import { createHash } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';

/**
 * The end of a statement whose plan the server should keep: a comment, so the statement reads the
 * same on every database.
 */
const marker = ' /* prepared */';

/**
 * Marks a statement that is long to plan and run often with the same text (the privacy engine's
 * statements over a dozen tables: planning one cost ~4 ms of a 7 ms run on PostgreSQL). On a
 * PostgreSQL server each connection prepares it once under a name (its text's hash) and reuses the
 * plan; the embedded database, one connection in this process, runs it as any other.
 * Only statements whose text is built from the data map, never from values, may be marked: each
 * distinct text stays prepared on every connection of the pool.
 */
export const prepared = <T>(statement: RawBuilder<T>): RawBuilder<T> => sql<T>`${statement}${sql.raw(marker)}`;

const names = new Map<string, string>();

/** The name a marked statement is prepared under, or undefined for any other statement. */
export function preparedName(text: string): string | undefined {
  if (!text.endsWith(marker)) return undefined;
  let name = names.get(text);
  if (name === undefined) {
    name = `sr_${createHash('sha256').update(text).digest('base64url').slice(0, 32)}`;
    names.set(text, name);
  }
  return name;
}
