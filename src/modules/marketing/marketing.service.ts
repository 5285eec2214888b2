import type { MarketingTables } from './marketing.tables.js';
import type { Kysely } from 'kysely';
import type { AccountsService } from '../accounts/index.js';
import type { Clock } from '../../core/clock.js';
import { keyedHash } from '../../core/crypto/tokens.js';
import { newId } from '../../core/ids.js';
import type { Outbox } from '../../core/mail/outbox.js';

export type SendOutcome =
  { sent: true } | { sent: false; reason: 'no-consent' | 'suppressed' | 'restricted' | 'no-account' };

/**
 * Marketing mail with the checks the law makes absolute, run at send time for every message:
 * the suppression list first (an objection wins over any consent, however stale), then a
 * restriction of the marketing purpose, then the consent itself.
 */
export function createMarketingService(deps: {
  db: Kysely<MarketingTables>;
  clock: Clock;
  mailer: Pick<Outbox, 'send' | 'checkBeforeDelivery'>;
  hashKey: Buffer;
  accounts: Pick<AccountsService, 'contactOf'>;
}) {
  const emailHash = (email: string) => keyedHash(deps.hashKey, `email:${email.trim().toLowerCase()}`);

  async function suppress(email: string, reason: 'objection' | 'withdrawal') {
    await deps.db
      .insertInto('marketing_suppression')
      .values({ email_hash: emailHash(email), reason, created_at: deps.clock.now() })
      .onConflict((oc) => oc.column('email_hash').doNothing())
      .execute();
  }

  async function restrict(accountId: string, purpose: string, requestId: string | null) {
    await deps.db
      .insertInto('processing_restriction')
      .values({
        id: newId('rst'),
        account_id: accountId,
        purpose,
        request_id: requestId,
        created_at: deps.clock.now(),
        lifted_at: null,
      })
      .execute();
  }

  async function isRestricted(accountId: string, purpose: string): Promise<boolean> {
    const row = await deps.db
      .selectFrom('processing_restriction')
      .select('id')
      .where('account_id', '=', accountId)
      .where('purpose', '=', purpose)
      .where('lifted_at', 'is', null)
      .executeTakeFirst();
    return Boolean(row);
  }

  /** Why marketing may not go to this account now, or null when it may. */
  async function whyNotMarket(accountId: string) {
    const account = await deps.accounts.contactOf(accountId);
    if (!account) return { reason: 'no-account' as const };
    const suppressed = await deps.db
      .selectFrom('marketing_suppression')
      .select('email_hash')
      .where('email_hash', '=', emailHash(account.email))
      .executeTakeFirst();
    if (suppressed) return { reason: 'suppressed' as const };
    if (await isRestricted(accountId, 'marketing')) return { reason: 'restricted' as const };
    if (!account.marketingConsent) return { reason: 'no-consent' as const };
    return { reason: null, email: account.email };
  }

  // Checked again when the outbox delivers: consent withdrawn, a restriction or a suppression after a
  // message was queued stops it.
  deps.mailer.checkBeforeDelivery('marketing', async ({ accountId }) =>
    accountId ? (await whyNotMarket(accountId)).reason : 'no-account',
  );

  async function sendMarketing(accountId: string, message: { subject: string; text: string }): Promise<SendOutcome> {
    const allowed = await whyNotMarket(accountId);
    if (allowed.reason !== null) return { sent: false, reason: allowed.reason };
    await deps.mailer.send({
      to: allowed.email,
      accountId,
      purpose: 'marketing',
      subject: message.subject,
      text: `${message.text}\n\nYou receive this because you agreed to marketing emails. Withdraw in one click: Privacy section of your customer area.`,
    });
    return { sent: true };
  }

  /** Active restrictions of an account, for the staff console and the notice before lifting. */
  async function listRestrictions(accountId: string) {
    return deps.db
      .selectFrom('processing_restriction')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('lifted_at', 'is', null)
      .execute();
  }

  async function activeRestriction(restrictionId: string) {
    return deps.db
      .selectFrom('processing_restriction')
      .selectAll()
      .where('id', '=', restrictionId)
      .where('lifted_at', 'is', null)
      .executeTakeFirst();
  }

  async function liftRestriction(restrictionId: string) {
    await deps.db
      .updateTable('processing_restriction')
      .set({ lifted_at: deps.clock.now() })
      .where('id', '=', restrictionId)
      .where('lifted_at', 'is', null)
      .execute();
  }

  return { suppress, restrict, isRestricted, sendMarketing, listRestrictions, activeRestriction, liftRestriction };
}
export type MarketingService = ReturnType<typeof createMarketingService>;
