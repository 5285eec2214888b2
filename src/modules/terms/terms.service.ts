import type { TermsTables } from './terms.tables.js';
import type { Kysely } from 'kysely';
import type { RequestContext } from '../../core/context.js';
import { newId } from '../../core/ids.js';
import { currentTerms } from './terms-texts.js';

/** Terms of service: the text in force, and each acceptance kept as proof of the contract. */
export function createTermsService(deps: { db: Kysely<TermsTables> }) {
  /** The terms in the requester's language, in force now. */
  const current = (ctx: RequestContext) => currentTerms(ctx);

  /** Records that the account accepted the terms shown, in the current unit of work. */
  async function recordAcceptance(ctx: RequestContext, accountId: string) {
    const terms = current(ctx);
    await deps.db
      .insertInto('terms_acceptance')
      .values({
        id: newId('trm'),
        account_id: accountId,
        version: terms.version,
        language: terms.language,
        text_hash: terms.hash,
        ip: ctx.ip,
        user_agent: ctx.userAgent,
        accepted_at: ctx.now,
      })
      .execute();
    return terms;
  }

  async function listForAccount(accountId: string) {
    const rows = await deps.db
      .selectFrom('terms_acceptance')
      .select(['version', 'language', 'accepted_at'])
      .where('account_id', '=', accountId)
      .orderBy('accepted_at', 'desc')
      .execute();
    return rows.map((r) => ({
      version: r.version,
      language: r.language,
      acceptedAt: new Date(r.accepted_at).toISOString(),
    }));
  }

  return { current, recordAcceptance, listForAccount };
}
export type TermsService = ReturnType<typeof createTermsService>;
