import { sql } from 'kysely';
import { expect } from 'vitest';
import type { TestApp } from './harness.js';

/** Every row of every table of the schema, as text. */
export async function databaseDump(t: TestApp) {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(t.platform.db);
  const parts: string[] = [];
  for (const { name } of tables.rows) {
    const rows = await sql`select * from ${sql.table(name)}`.execute(t.platform.db);
    parts.push(`${name}: ${JSON.stringify(rows.rows)}`);
  }
  return { text: parts.join('\n'), tables: tables.rows.length };
}

// A security code is three digits that could occur inside a timestamp's milliseconds, a number, or a
// random id or hash (letters, digits, - and _): only a standalone occurrence counts, as a stored code
// would be ("cvc":"847", or 847 between separators). CI once found 847 inside a random value.
export const standalone = (digits: string) => new RegExp(`(?<![\\w.+/-])${digits}(?![\\w])`);

/**
 * No card's number (as digits or as typed) nor security code in any of `texts` (a database dump, the
 * logs), nor any of the `refusedCodes` a request sent and the edge refused.
 */
export function expectNoCardData(
  texts: Record<string, string>,
  cards: { number: string; cvc: string }[],
  refusedCodes: string[] = [],
) {
  for (const [where, text] of Object.entries(texts)) {
    for (const card of cards) {
      expect(text, `${where}: card number`).not.toContain(card.number.replace(/ /g, ''));
      expect(text, `${where}: card number as typed`).not.toContain(card.number);
      expect(text, `${where}: security code`).not.toMatch(standalone(card.cvc));
    }
    for (const code of refusedCodes) expect(text, `${where}: refused security code`).not.toMatch(standalone(code));
  }
}
