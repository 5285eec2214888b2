import type { PrivacyTables } from './privacy.tables.js';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Selectable, Transaction, Kysely } from 'kysely';
import type { Mailer } from '../../core/mail/mailer.js';
import type { AccountsService } from '../accounts/index.js';
import type { MarketingService } from '../marketing/index.js';
import { hashToken, newSecretToken } from '../../core/crypto/tokens.js';
import type { AuditLog } from '../../core/audit/audit-log.js';
import type { Clock } from '../../core/clock.js';
import { systemContext, type RequestContext } from '../../core/context.js';
import { AppError, validationError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { JobHandler, JobQueue } from '../../core/jobs/job-queue.js';
import type { PrivacyEngine } from '../../core/privacy/engine.js';
import type { ConsentService } from '../consent/index.js';
import { negotiateLanguage, noticeLanguages, type NoticeLanguage } from '../../core/published-texts.js';
import { ANSWER_DOWNLOAD_DAYS, extendedDueAt, reminderTimes, requestDueAt } from './deadlines.js';
import type { ErasureUseCase } from './erasure.use-case.js';
import { writeSubjectArchive } from './export-archive.js';
import type { PolicyModel } from './policy.js';
import type { PrivacyRequestTable, RequestType } from './privacy.tables.js';
import { requestNotice, type RequestNotice, type RequestNoticeFacts } from './request-notices.js';

const DOWNLOAD_DAYS = ANSWER_DOWNLOAD_DAYS;
/** Types whose answer hands over data, so identity is confirmed again with the password. */
export const typesNeedingPassword: readonly RequestType[] = ['access', 'portability', 'erasure'];

type Row = Selectable<PrivacyRequestTable>;
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function toRequestView(r: Row, now: Date) {
  const downloadable =
    r.status === 'completed' && r.download_file && r.download_expires_at && new Date(r.download_expires_at) > now;
  return {
    id: r.id,
    type: r.type,
    status: r.status,
    createdAt: iso(r.created_at)!,
    dueAt: iso(r.due_at)!,
    completedAt: iso(r.completed_at),
    extensionReason: r.extension_reason,
    refusalReason: r.refusal_reason,
    overdue: (r.status === 'received' || r.status === 'in_progress') && new Date(r.due_at) < now,
    downloadUrl: downloadable ? `/api/v1/privacy/requests/${r.id}/download` : null,
    downloadExpiresAt: downloadable ? iso(r.download_expires_at) : null,
  };
}

/**
 * Data-subject requests (D1–D7): intake with deadlines, staff decisions, and the work itself as
 * database-backed jobs. Every step is in the audit log, which is the request's history.
 */
export function createPrivacyRequestsService(deps: {
  db: Kysely<PrivacyTables>;
  clock: Clock;
  audit: AuditLog;
  jobs: JobQueue;
  engine: PrivacyEngine;
  erasure: ErasureUseCase;
  consent: ConsentService;
  exportDir: string;
  accounts: Pick<AccountsService, 'confirmPassword' | 'contactOf' | 'findAccountIdByEmail'>;
  policy: () => Promise<PolicyModel>;
  mailer: Mailer;
  privacyTeam: string;
  hashKey: Buffer;
  marketing: MarketingService;
  /** Where links in emails point (PUBLIC_URL, or this server on localhost). */
  publicOrigin: string;
  /**
   * Hands a verified request on to the shops where this email is a shopper (their merchants are the
   * controllers of that data); returns the names of the shops told.
   */
  forwardToShops?: (ctx: RequestContext, email: string, type: RequestType) => Promise<string[]>;
}) {
  /** Where answers go: the account's email, or the verified email of a request made without signing in. */
  async function requesterEmail(row: Row): Promise<string | null> {
    if (row.requester_email) return row.requester_email;
    if (!row.account_id) return null;
    return (await deps.accounts.contactOf(row.account_id))?.email ?? null;
  }

  /**
   * The language a request made without an account was made in: recorded in its creation entry of
   * the audit log (the request's history) when the email was verified; English when none was.
   */
  async function recordedLanguage(requestId: string): Promise<NoticeLanguage> {
    // Newest first, and the creation is the oldest: usually on the first page, but staff views add entries.
    for (let beforeSeq: number | undefined; ;) {
      const page = await deps.audit.list({ targetKind: 'privacy_request', targetId: requestId, beforeSeq, limit: 200 });
      const made = page.find((h) => h.action === 'privacy.request.create');
      if (made) return noticeLanguages.find((l) => l === made.data.language) ?? 'en';
      if (page.length < 200) return 'en';
      beforeSeq = Number(page.at(-1)!.seq);
    }
  }

  /**
   * Where and in which language a requester is answered: an account holder in their account's
   * language; someone without an account in the language their request was made in. (Never the
   * language of the context at hand: staff decide, and jobs send, for the requester.)
   */
  async function recipientOf(row: Row): Promise<{ to: string; lang: NoticeLanguage } | null> {
    const account = row.account_id ? await deps.accounts.contactOf(row.account_id) : null;
    const to = row.requester_email ?? account?.email;
    if (!to) return null;
    return { to, lang: account ? account.language : await recordedLanguage(row.id) };
  }

  async function notify<K extends RequestNotice>(
    recipient: { to: string; lang: NoticeLanguage } | null,
    kind: K,
    facts: RequestNoticeFacts[K],
  ) {
    if (recipient) await deps.mailer.send({ to: recipient.to, ...requestNotice(kind, recipient.lang, facts) });
  }

  async function tell<K extends RequestNotice>(row: Row, kind: K, facts: RequestNoticeFacts[K]) {
    await notify(await recipientOf(row), kind, facts);
  }

  /** Reminders to the privacy team a week and a day before the due date (a reminder for a moved date is skipped). */
  async function scheduleReminders(tx: Transaction<PrivacyTables>, id: string, dueAt: Date) {
    for (const at of reminderTimes(dueAt))
      await deps.jobs.enqueue('privacy.reminder', { requestId: id, dueAt: dueAt.toISOString() }, at);
  }

  const audit = (ctx: RequestContext, id: string, action: string, data: Record<string, string | number> = {}) =>
    deps.audit.record(ctx, { action: `privacy.request.${action}`, target: { kind: 'privacy_request', id }, data });

  async function create(
    ctx: RequestContext,
    accountId: string,
    input: { type: RequestType; details?: string | undefined; confirmPassword?: string | undefined },
  ) {
    if (typesNeedingPassword.includes(input.type)) {
      if (!input.confirmPassword || !(await deps.accounts.confirmPassword(accountId, input.confirmPassword))) {
        throw validationError([{ field: 'confirmPassword', message: 'Confirm your password to make this request.' }]);
      }
    }
    const id = newId('req');
    // A signed-in requester is verified by their session and password: the clock starts now.
    const row = await deps.db.transaction().execute(async (tx) => {
      const inserted = await tx
        .insertInto('privacy_request')
        .values({
          id,
          subject_kind: 'customer',
          account_id: accountId,
          type: input.type,
          status: 'received',
          details: input.details?.trim() || null,
          created_at: ctx.now,
          verified_at: ctx.now,
          due_at: requestDueAt(ctx.now),
          extended_at: null,
          extension_reason: null,
          refusal_reason: null,
          completed_at: null,
          download_file: null,
          download_expires_at: null,
          requester_email: null,
          download_token_hash: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(ctx, id, 'create', { type: input.type });
      await scheduleReminders(tx, id, inserted.due_at);
      if (input.type === 'access' || input.type === 'portability')
        await deps.jobs.enqueue('privacy.export', { requestId: id });
      return inserted;
    });
    return toRequestView(row, ctx.now);
  }

  async function listForAccount(accountId: string) {
    const rows = await deps.db
      .selectFrom('privacy_request')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map((r) => toRequestView(r, deps.clock.now()));
  }

  async function getRow(id: string, accountId?: string): Promise<Row> {
    let q = deps.db.selectFrom('privacy_request').selectAll().where('id', '=', id);
    if (accountId !== undefined) q = q.where('account_id', '=', accountId);
    const row = await q.executeTakeFirst();
    if (!row) throw new AppError('not_found', 'No such request.');
    return row;
  }

  async function getForAccount(accountId: string, id: string) {
    return toRequestView(await getRow(id, accountId), deps.clock.now());
  }

  /** The archive file of a finished access or portability request, while its link is valid. */
  /** The archive of a finished request while it may be downloaded, with the download audited; else null. */
  async function handOver(ctx: RequestContext, row: Row | undefined): Promise<string | null> {
    if (!row || !toRequestView(row, ctx.now).downloadUrl || !row.download_file || !existsSync(row.download_file))
      return null;
    await deps.audit.record(ctx, {
      action: 'privacy.request.download',
      target: { kind: 'privacy_request', id: row.id },
    });
    return row.download_file;
  }

  async function downloadPath(ctx: RequestContext, accountId: string, id: string): Promise<string> {
    const file = await handOver(ctx, await getRow(id, accountId));
    if (!file) throw new AppError('not_found', 'This download is not available (not ready, or expired).');
    return file;
  }

  /**
   * The archive of a request made without signing in, fetched with the one-time link emailed to the
   * verified address (the only proof of identity such a requester has given).
   */
  async function downloadByToken(ctx: RequestContext, token: string): Promise<string> {
    const row = await deps.db
      .selectFrom('privacy_request')
      .selectAll()
      .where('download_token_hash', '=', hashToken(token))
      .executeTakeFirst();
    const file = await handOver(ctx, row);
    if (!file) throw new AppError('not_found', 'This download link is not valid or has expired.');
    return file;
  }

  /** Whose data a request is about: everyone its verified email reaches, or the signed-in account. */
  async function subjectsOf(row: Row) {
    if (row.requester_email) return deps.engine.subjectsByEmail(deps.db, row.requester_email);
    return row.account_id ? [{ kind: 'customer' as const, id: row.account_id }] : [];
  }

  async function listQueue(filter: { status?: string | undefined; overdue?: boolean | undefined }) {
    const now = deps.clock.now();
    let q = deps.db.selectFrom('privacy_request').selectAll().orderBy('due_at').limit(500);
    if (filter.status) q = q.where('status', '=', filter.status as Row['status']);
    if (filter.overdue) q = q.where('status', 'in', ['received', 'in_progress']).where('due_at', '<', now);
    return (await q.execute()).map((r) => ({ ...toRequestView(r, now), accountId: r.account_id, details: r.details }));
  }

  async function getForStaff(ctx: RequestContext, id: string) {
    const row = await getRow(id);
    const history = await deps.audit.listForTarget({ kind: 'privacy_request', id }, 200);
    await deps.audit.record(ctx, { action: 'privacy.request.view', target: { kind: 'privacy_request', id } });
    return {
      request: { ...toRequestView(row, ctx.now), accountId: row.account_id, details: row.details },
      history: history.reverse().map((h) => ({
        at: new Date(h.at).toISOString(),
        actorKind: h.actor_kind,
        actorId: h.actor_id,
        action: h.action,
      })),
    };
  }

  function assertOpen(row: Row) {
    if (row.status !== 'received' && row.status !== 'in_progress')
      throw new AppError('conflict', `This request is already ${row.status}.`);
  }

  /** Staff accept a request: erasure runs as a job; objection withdraws marketing; the rest are done by staff and closed here. */
  async function approve(ctx: RequestContext, id: string) {
    const row = await getRow(id);
    assertOpen(row);
    // Read before the transaction: on the embedded database a transaction holds the only connection.
    const objector = row.type === 'objection' ? await requesterEmail(row) : null;
    return deps.db.transaction().execute(async (tx) => {
      // Locked and checked again inside: two approvals at once must not queue the work twice.
      const current = await tx
        .selectFrom('privacy_request')
        .select('status')
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (current.status !== 'received')
        throw new AppError('conflict', `This request is already ${current.status.replace('_', ' ')}.`);
      await audit(ctx, id, 'approve');
      if (row.type === 'erasure') {
        await tx.updateTable('privacy_request').set({ status: 'in_progress' }).where('id', '=', id).execute();
        await deps.jobs.enqueue('privacy.erase', { requestId: id });
      } else if (row.type === 'access' || row.type === 'portability') {
        await tx.updateTable('privacy_request').set({ status: 'in_progress' }).where('id', '=', id).execute();
        await deps.jobs.enqueue('privacy.export', { requestId: id });
      } else {
        if (row.type === 'objection') {
          // Art. 21(3): absolute. The consent is withdrawn and the address suppressed for every future send.
          if (row.account_id)
            await deps.consent.recordDecision(ctx, {
              accountId: row.account_id,
              purpose: 'marketing',
              granted: false,
              method: 'api',
            });
          if (objector) await deps.marketing.suppress(objector, 'objection');
        }
        // Art. 18: the purpose is restricted until staff lift it (marketing unless the request says otherwise).
        if (row.type === 'restriction' && row.account_id)
          await deps.marketing.restrict(row.account_id, 'marketing', id);
        await tx
          .updateTable('privacy_request')
          .set({ status: 'completed', completed_at: ctx.now })
          .where('id', '=', id)
          .execute();
      }
      return toRequestView(
        await tx.selectFrom('privacy_request').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
        ctx.now,
      );
    });
  }

  /** A refusal states why; the requester sees it with the right to complain (D6). */
  async function refuse(ctx: RequestContext, id: string, reason: string) {
    const row = await getRow(id);
    assertOpen(row);
    return deps.db
      .transaction()
      .execute(async (tx) => {
        const updated = await tx
          .updateTable('privacy_request')
          .set({ status: 'refused', refusal_reason: reason, completed_at: ctx.now })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(ctx, id, 'refuse');
        return updated;
      })
      .then(async (updated) => {
        await tell(updated, 'refused', { id, type: updated.type, reason });
        return toRequestView(updated, ctx.now);
      });
  }

  /** Art. 12(3): once, by up to two months, with a reason, decided before the original due date. */
  async function extend(ctx: RequestContext, id: string, months: 1 | 2, reason: string) {
    const row = await getRow(id);
    assertOpen(row);
    if (row.extended_at) throw new AppError('conflict', 'This request was already extended once.');
    if (new Date(row.due_at) < ctx.now)
      throw validationError([
        { field: 'months', message: 'The due date has passed: an extension must be decided within the first period.' },
      ]);
    return deps.db
      .transaction()
      .execute(async (tx) => {
        const updated = await tx
          .updateTable('privacy_request')
          .set({ due_at: extendedDueAt(new Date(row.due_at), months), extended_at: ctx.now, extension_reason: reason })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(ctx, id, 'extend', { months });
        await scheduleReminders(tx, id, updated.due_at);
        return updated;
      })
      .then(async (updated) => {
        await tell(updated, 'extended', { id, type: updated.type, dueAt: new Date(updated.due_at), reason });
        return toRequestView(updated, ctx.now);
      });
  }

  /** Job: build the archive, keep it 7 days, then delete it. */
  async function runExport(requestId: string) {
    const row = await getRow(requestId);
    if (row.status === 'completed' || row.status === 'refused') return;
    const ctx = systemContext(deps.clock.now());
    mkdirSync(deps.exportDir, { recursive: true, mode: 0o700 });
    const file = path.join(deps.exportDir, `${requestId}.zip`);
    await writeSubjectArchive(deps.engine, await subjectsOf(row), await deps.policy(), file, ctx.now);
    const expires = new Date(ctx.now.getTime() + DOWNLOAD_DAYS * 86_400_000);
    // A requester who did not sign in gets a one-time link; a signed-in one downloads from the customer area.
    const token = row.requester_email ? newSecretToken() : null;
    const recorded = await deps.db.transaction().execute(async (tx) => {
      // Still this request's to answer? An erasure may have taken the request (and the person) since.
      const current = await tx
        .selectFrom('privacy_request')
        .select('status')
        .where('id', '=', requestId)
        .forUpdate()
        .executeTakeFirst();
      if (current?.status !== 'in_progress' && current?.status !== 'received') return false;
      await tx
        .updateTable('privacy_request')
        .set({
          status: 'completed',
          completed_at: ctx.now,
          download_file: file,
          download_expires_at: expires,
          download_token_hash: token ? hashToken(token) : null,
        })
        .where('id', '=', requestId)
        .execute();
      await audit(ctx, requestId, 'complete');
      await deps.jobs.enqueue('privacy.export-expire', { requestId }, expires);
      return true;
    });
    if (!recorded) {
      // Nobody will ever download it: it must not outlive the request.
      rmSync(file, { force: true });
      return;
    }
    await tell(row, 'export-ready', {
      id: requestId,
      type: row.type,
      days: DOWNLOAD_DAYS,
      link: token ? `${deps.publicOrigin}/privacy/request/download?token=${encodeURIComponent(token)}` : undefined,
    });
  }

  async function expireExport(requestId: string) {
    // The request may be gone: an erasure deletes its requester's earlier requests and their files.
    const row = await deps.db
      .selectFrom('privacy_request')
      .select('download_file')
      .where('id', '=', requestId)
      .executeTakeFirst();
    if (!row) return;
    if (row.download_file) rmSync(row.download_file, { force: true });
    await deps.db
      .updateTable('privacy_request')
      .set({ download_file: null, download_token_hash: null })
      .where('id', '=', requestId)
      .execute();
  }

  /**
   * Job: erase every subject the request reaches (see erasure.use-case.ts). The request stays as the
   * record of it; if the erasure did not commit, the request stays open and the privacy team is told.
   */
  async function runErasure(requestId: string) {
    const row = await getRow(requestId);
    if (row.status !== 'in_progress') return;
    const recipient = await recipientOf(row); // read now: after the erasure nothing knows it
    const subjects = await subjectsOf(row);
    const ctx = systemContext(deps.clock.now());
    let failure: unknown;
    try {
      await deps.erasure.erase(ctx, { requestId, subjects, requesterEmail: row.requester_email });
    } catch (e) {
      failure = e;
    }
    const after = await deps.db
      .selectFrom('privacy_request')
      .select('status')
      .where('id', '=', requestId)
      .executeTakeFirst();
    if (after?.status !== 'completed') {
      await audit(ctx, requestId, 'erasure-failed');
      await deps.mailer.send({
        to: deps.privacyTeam,
        subject: `Erasure ${requestId} failed and will be retried`,
        text: `The erasure for request ${requestId} did not complete: ${(failure as Error | undefined)?.message ?? 'unknown error'}. Nothing was erased; the request is still open. Open the staff console, Requests.`,
      });
      throw failure;
    }
    const reach = subjects.some((s) => s.kind === 'customer') ? 'account' : subjects.length > 0 ? 'address' : 'nothing';
    await notify(recipient, 'erased', { id: requestId, reach });
    // Committed, then stopped (e.g. deleting archives): the queued disposal job finishes the rest.
    if (failure) throw failure;
  }

  async function remind(requestId: string, dueAt: string) {
    const row = await deps.db.selectFrom('privacy_request').selectAll().where('id', '=', requestId).executeTakeFirst();
    if (
      !row ||
      (row.status !== 'received' && row.status !== 'in_progress') ||
      new Date(row.due_at).toISOString() !== dueAt
    )
      return;
    await deps.mailer.send({
      to: deps.privacyTeam,
      subject: `Privacy request ${requestId} is due ${dueAt.slice(0, 10)}`,
      text: `The ${row.type} request ${requestId} is still ${row.status} and is due ${dueAt}. Open the staff console, Requests.`,
    });
  }

  const LIFT_NOTICE_DAYS = 7;

  /**
   * Art. 18(3): the person is told before a restriction is lifted. Staff decide; the person is
   * emailed now, and the restriction ends a week later (a job), unless they answer first.
   */
  async function scheduleLift(ctx: RequestContext, restrictionId: string) {
    const r = await deps.marketing.activeRestriction(restrictionId);
    if (!r) throw new AppError('not_found', 'No active restriction with this id.');
    const liftAt = new Date(ctx.now.getTime() + LIFT_NOTICE_DAYS * 86_400_000);
    await deps.db.transaction().execute(async (tx) => {
      await deps.jobs.enqueue('privacy.restriction-lift', { restrictionId }, liftAt);
      await deps.audit.record(ctx, {
        action: 'privacy.restriction.lift-scheduled',
        target: { kind: 'restriction', id: restrictionId },
      });
    });
    const account = await deps.accounts.contactOf(r.account_id);
    if (account)
      await notify({ to: account.email, lang: account.language }, 'lift-scheduled', { purpose: r.purpose, liftAt });
    return { liftAt: liftAt.toISOString() };
  }

  async function liftRestriction(restrictionId: string) {
    await deps.marketing.liftRestriction(restrictionId);
  }

  const INTAKE_HOURS = 24;

  /**
   * A request from someone not signed in: stored as an intake until the email is verified with the
   * one-time link just sent. The answer is the same whether or not the email is known to us.
   */
  async function receivePublic(
    ctx: RequestContext,
    input: { email: string; type: RequestType; details?: string | undefined },
    verifyUrl: (token: string) => string,
  ) {
    const token = newSecretToken();
    const id = newId('rqi');
    const expires = new Date(ctx.now.getTime() + INTAKE_HOURS * 3_600_000);
    await deps.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('privacy_request_intake')
        .values({
          id,
          email: input.email,
          type: input.type,
          details: input.details?.trim() || null,
          token_hash: hashToken(token),
          ip: ctx.ip,
          created_at: ctx.now,
          expires_at: expires,
        })
        .execute();
      await deps.jobs.enqueue('privacy.intake-expire', { intakeId: id }, expires);
    });
    // In the language the request is being made in: whether the email is an account's is not told here.
    await notify({ to: input.email, lang: negotiateLanguage(ctx.language) }, 'confirm-request', {
      type: input.type,
      hours: INTAKE_HOURS,
      link: verifyUrl(token),
    });
  }

  /**
   * The link was opened: the request counts from now, linked to the account that uses this email, if
   * any. The language it is made in is recorded with it, for the answers of a requester without an account.
   */
  async function verifyPublic(ctx: RequestContext, token: string) {
    const language = negotiateLanguage(ctx.language);
    const made = await deps.db.transaction().execute(async (tx) => {
      const intake = await tx
        .deleteFrom('privacy_request_intake')
        .where('token_hash', '=', hashToken(token))
        .where('expires_at', '>', ctx.now)
        .returningAll()
        .executeTakeFirst();
      if (!intake) throw new AppError('not_found', 'This link is not valid or has expired. Make the request again.');
      const accountId = await deps.accounts.findAccountIdByEmail(intake.email);
      const account = accountId ? { id: accountId } : undefined;
      const id = newId('req');
      const row = await tx
        .insertInto('privacy_request')
        .values({
          id,
          subject_kind: account ? 'customer' : 'visitor',
          account_id: account?.id ?? null,
          type: intake.type,
          status: 'received',
          details: intake.details,
          created_at: intake.created_at,
          verified_at: ctx.now,
          due_at: requestDueAt(ctx.now),
          extended_at: null,
          extension_reason: null,
          refusal_reason: null,
          completed_at: null,
          download_file: null,
          download_expires_at: null,
          requester_email: intake.email,
          download_token_hash: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await deps.audit.record(ctx, {
        actor: { kind: 'anonymous', id: null },
        action: 'privacy.request.create',
        target: { kind: 'privacy_request', id },
        ip: null,
        data: { type: intake.type, verified: 'email', language },
      });
      await scheduleReminders(tx, id, row.due_at);
      return {
        id,
        type: row.type,
        dueAt: new Date(row.due_at).toISOString(),
        email: intake.email,
        accountId: row.account_id,
      };
    });
    // After the platform's own request has committed: a shop that cannot be told now does not undo it.
    const forwardedTo = deps.forwardToShops ? await deps.forwardToShops(ctx, made.email, made.type) : [];
    if (forwardedTo.length > 0) {
      const account = made.accountId ? await deps.accounts.contactOf(made.accountId) : null;
      await notify({ to: made.email, lang: account?.language ?? language }, 'forwarded-to-shops', {
        shops: forwardedTo,
      });
    }
    return { id: made.id, type: made.type, dueAt: made.dueAt, forwardedTo };
  }

  /** The jobs this service queues, by kind (the module registers them with the queue). */
  const jobHandlers: Record<string, JobHandler> = {
    'privacy.export': (p) => runExport(String(p.requestId)),
    'privacy.export-expire': (p) => expireExport(String(p.requestId)),
    'privacy.erase': (p) => runErasure(String(p.requestId)),
    'privacy.restriction-lift': (p) => liftRestriction(String(p.restrictionId)),
    'privacy.reminder': (p) => remind(String(p.requestId), String(p.dueAt)),
    'privacy.intake-expire': async (p) => {
      await deps.db.deleteFrom('privacy_request_intake').where('id', '=', String(p.intakeId)).execute();
    },
  };

  return {
    jobHandlers,
    create,
    listForAccount,
    getForAccount,
    downloadPath,
    downloadByToken,
    listQueue,
    getForStaff,
    approve,
    refuse,
    extend,
    receivePublic,
    verifyPublic,
    scheduleLift,
  };
}
export type PrivacyRequestsService = ReturnType<typeof createPrivacyRequestsService>;
