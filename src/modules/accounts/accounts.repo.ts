import type { AccountsTables } from './accounts.tables.js';
import type { Selectable, Transaction, Kysely } from 'kysely';
import type { AccountTable } from './accounts.tables.js';

export type AccountRow = Selectable<AccountTable>;
type Executor = Kysely<AccountsTables> | Transaction<AccountsTables>;

/** Queries on accounts. Every read is by the account's own id or by its sign-in email. */
export function createAccountsRepo(db: Kysely<AccountsTables>) {
  return {
    getById: (id: string, executor: Executor = db) =>
      executor.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirst(),
    findCredentialsByEmail: (email: string) =>
      db.selectFrom('account').select(['id', 'password_hash', 'status']).where('email', '=', email).executeTakeFirst(),
    emailTaken: async (email: string, executor: Executor = db) =>
      (await executor.selectFrom('account').select('id').where('email', '=', email).executeTakeFirst()) !== undefined,
    listAccess: (accountId: string, limit: number) =>
      db
        .selectFrom('account_access')
        .select(['kind', 'ip', 'user_agent', 'at'])
        .where('account_id', '=', accountId)
        .orderBy('at', 'desc')
        .limit(limit)
        .execute(),
  };
}
export type AccountsRepo = ReturnType<typeof createAccountsRepo>;
