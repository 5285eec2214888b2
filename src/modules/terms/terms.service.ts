import type { Transaction } from 'kysely';
import type { RequestContext } from '../../core/context.js';
import type { Db } from '../../core/db/database.js';
import { newId } from '../../core/ids.js';
import type { Database } from '../../db/schema.js';
import { currentTerms } from './terms-texts.js';

/** Terms of service: the text in force, and each acceptance kept as proof of the contract. */
export function createTermsService(deps: { db: Db }) {
  /** The terms in the requester's language, in force now. */
  const current = (ctx: RequestContext) => currentTerms(ctx);

  /** Records that the account accepted the terms shown, in the caller's transaction. */
  async function recordAcceptance(tx: Transaction<Database>, ctx: RequestContext, accountId: string) {
    const terms = current(ctx);
    await tx.insertInto('terms_acceptance').values({
      id: newId('trm'), account_id: accountId, version: terms.version, language: terms.language, text_hash: terms.hash,
      ip: ctx.ip, user_agent: ctx.userAgent, accepted_at: ctx.now,
    }).execute();
    return terms;
  }

  async function listForAccount(accountId: string) {
    const rows = await deps.db.selectFrom('terms_acceptance').select(['version', 'language', 'accepted_at']).where('account_id', '=', accountId).orderBy('accepted_at', 'desc').execute();
    return rows.map((r) => ({ version: r.version, language: r.language, acceptedAt: new Date(r.accepted_at).toISOString() }));
  }

  return { current, recordAcceptance, listForAccount };
}
export type TermsService = ReturnType<typeof createTermsService>;
