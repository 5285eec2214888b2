import type { Selectable, Transaction } from 'kysely';
import type { Db } from '../../core/db/database.js';
import type { Database } from '../../db/schema.js';
import type { AccountTable } from './accounts.tables.js';

export type AccountRow = Selectable<AccountTable>;
type Executor = Db | Transaction<Database>;

/** Queries on accounts. Every read is by the account's own id or by its sign-in email. */
export function createAccountsRepo(db: Db) {
  return {
    getById: (id: string, executor: Executor = db) =>
      executor.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirst(),
    findCredentialsByEmail: (email: string) =>
      db.selectFrom('account').select(['id', 'password_hash', 'status']).where('email', '=', email).executeTakeFirst(),
    emailTaken: async (email: string, executor: Executor = db) =>
      (await executor.selectFrom('account').select('id').where('email', '=', email).executeTakeFirst()) !== undefined,
    listAccess: (accountId: string, limit: number) =>
      db.selectFrom('account_access').select(['kind', 'ip', 'user_agent', 'at'])
        .where('account_id', '=', accountId).orderBy('at', 'desc').limit(limit).execute(),
  };
}
export type AccountsRepo = ReturnType<typeof createAccountsRepo>;
