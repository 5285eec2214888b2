import type { ConsentTables } from './consent.tables.js';
import type { Kysely } from 'kysely';
import type { AuditLog } from '../../core/audit/audit-log.js';
import type { RequestContext } from '../../core/context.js';
import { newId } from '../../core/ids.js';
import { noticeFor, type ConsentPurpose } from './notices.js';
import { browserOf, countryOf } from './visitor-details.js';

export type ConsentMethod = 'signup-form' | 'account-settings' | 'api';

export type ConsentDecisionListener = (
  ctx: RequestContext,
  decision: { accountId: string; purpose: ConsentPurpose; granted: boolean },
) => Promise<void>;

export function createConsentService(deps: { db: Kysely<ConsentTables>; audit: AuditLog }) {
  const listeners: ConsentDecisionListener[] = [];
  /** Runs inside each decision's unit of work, so a flag kept elsewhere never disagrees with the record. */
  function onDecision(listener: ConsentDecisionListener) {
    listeners.push(listener);
  }

  /**
   * Writes one consent decision (given or withdrawn) with the notice shown, how, when, from which IP
   * and browser, in the current unit of work; whoever keeps a current flag of it (the account) is
   * told in the same unit.
   */
  async function recordDecision(
    ctx: RequestContext,
    input: {
      accountId: string;
      purpose: ConsentPurpose;
      granted: boolean;
      method: ConsentMethod;
    },
  ) {
    const notice = noticeFor(input.purpose, ctx);
    const id = newId('cns');
    await deps.db
      .insertInto('consent_record')
      .values({
        id,
        account_id: input.accountId,
        purpose: input.purpose,
        granted: input.granted,
        notice_version: notice.version,
        notice_hash: notice.hash,
        notice_language: notice.language,
        method: input.method,
        ip: ctx.ip,
        user_agent: ctx.userAgent,
        country: countryOf(ctx.ip),
        browser: browserOf(ctx.userAgent),
        recorded_at: ctx.now,
      })
      .execute();
    for (const listener of listeners)
      await listener(ctx, { accountId: input.accountId, purpose: input.purpose, granted: input.granted });
    await deps.audit.record(ctx, {
      action: input.granted ? 'consent.grant' : 'consent.withdraw',
      target: { kind: 'account', id: input.accountId },
      data: { purpose: input.purpose, noticeVersion: notice.version, method: input.method },
    });
    return {
      id,
      purpose: input.purpose,
      granted: input.granted,
      noticeVersion: notice.version,
      noticeLanguage: notice.language,
      recordedAt: ctx.now,
      method: input.method,
    };
  }

  /** The owner's consent history; scoped by account id. */
  async function listForAccount(accountId: string) {
    const rows = await deps.db
      .selectFrom('consent_record')
      .select(['id', 'purpose', 'granted', 'notice_version', 'notice_language', 'method', 'recorded_at'])
      .where('account_id', '=', accountId)
      .orderBy('recorded_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      purpose: r.purpose,
      granted: r.granted,
      noticeVersion: r.notice_version,
      noticeLanguage: r.notice_language,
      method: r.method,
      recordedAt: r.recorded_at,
    }));
  }

  return { onDecision, recordDecision, listForAccount };
}
export type ConsentService = ReturnType<typeof createConsentService>;
