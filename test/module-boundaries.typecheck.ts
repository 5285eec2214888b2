import type { Kysely } from 'kysely';
import type { TermsTables } from '../src/modules/terms/terms.tables.js';

/**
 * Never run: compiled by `npm run typecheck` (part of `npm test`). A module's database handle is
 * typed to its own tables, so the query below must not compile; if it ever did, the directive
 * would be unused and the type check would fail.
 */
export function queriesOfTheTermsModule(db: Kysely<TermsTables>) {
  void db.selectFrom('terms_acceptance');
  // @ts-expect-error -- `account` belongs to the accounts module: call its service instead.
  void db.selectFrom('account');
}
