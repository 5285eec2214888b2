import type { Kysely } from 'kysely';
import type { PrivacyTables } from './privacy.tables.js';
import { rmSync } from 'node:fs';
import type { AuditLog } from '../../core/audit/audit-log.js';
import type { RequestContext } from '../../core/context.js';
import type { JobHandler, JobQueue } from '../../core/jobs/job-queue.js';
import type { PrivacyEngine, SubjectRef } from '../../core/privacy/engine.js';

/**
 * The steps of an erasure, in order. Everything up to `committing` is one transaction: a crash or
 * error there rolls all of it back (the compensation), so the request still names its subject and a
 * retry starts again. After the commit, what is left (archive files on disk) is idempotent work
 * that a queued job finishes if this process does not.
 */
export type ErasureStep =
  'planned' | 'request-detached' | 'subject-erased' | 'committing' | 'committed' | 'archives-deleted';

export interface ErasureInput {
  /** The request being answered, when there is one: completed in the same transaction. */
  requestId?: string;
  subjects: SubjectRef[];
  /** The request's verified address: its earlier requests made without an account go too. */
  requesterEmail?: string | null;
}

export const ARCHIVE_DISPOSAL_JOB = 'privacy.archive-disposal';

/**
 * The one way anything is erased: by the request job, the operator's command and journal replay.
 * `faults` lets tests stop the work at any step, as a crash would.
 */
export function createErasureUseCase(deps: {
  db: Kysely<PrivacyTables>;
  engine: PrivacyEngine;
  audit: AuditLog;
  jobs: JobQueue;
  /** A merchant's shops hold its shoppers' data and its catalogue: they go whole, before the account. */
  removeShopsOf: (ctx: RequestContext, accountId: string) => Promise<number>;
  faults?: ((step: ErasureStep) => void) | undefined;
}) {
  const reach = (step: ErasureStep) => deps.faults?.(step);

  async function disposeArchives(files: string[]) {
    for (const file of files) rmSync(file, { force: true });
  }
  const jobHandlers: Record<string, JobHandler> = {
    [ARCHIVE_DISPOSAL_JOB]: async (p) => disposeArchives((p.files as string[] | undefined) ?? []),
  };

  async function erase(ctx: RequestContext, input: ErasureInput) {
    const accountIds = input.subjects.filter((s) => s.kind === 'customer').map((s) => s.id);
    const outcome = await deps.db.transaction().execute(async (tx) => {
      if (input.requestId) {
        // The request's row is this erasure's lock: a second run (another worker, an expired lease)
        // waits here, then finds it completed and does nothing.
        const request = await tx
          .selectFrom('privacy_request')
          .select('status')
          .where('id', '=', input.requestId)
          .forUpdate()
          .executeTakeFirst();
        if (request?.status !== 'in_progress') return null;
      }
      // Every address the subjects are known by: requests made under it without an account go too.
      const addresses = new Set(input.requesterEmail ? [input.requesterEmail] : []);
      for (const subject of input.subjects) {
        for (const email of (await deps.engine.identifiersOf(tx, subject)).strong.get('contact.email') ?? [])
          addresses.add(email);
      }
      // The subject's requests (and, for an address, those made without an account) with their archives.
      const earlier = await tx
        .selectFrom('privacy_request')
        .select(['id', 'account_id', 'download_file'])
        .where((eb) =>
          eb.or([
            ...(accountIds.length > 0 ? [eb('account_id', 'in', accountIds)] : []),
            ...(addresses.size > 0 ? [eb('requester_email', 'in', [...addresses])] : []),
            ...(input.requestId ? [eb('id', '=', input.requestId)] : []),
            eb.val(false),
          ]),
        )
        .execute();
      const files = earlier.map((e) => e.download_file).filter((f): f is string => f !== null);
      reach('planned');
      // This request outlives the erasure as its record, detached from the person; earlier requests
      // made without an account are reached by no subject, so they are deleted here.
      const byAddress = earlier.filter((e) => e.account_id === null && e.id !== input.requestId).map((e) => e.id);
      if (byAddress.length > 0) await tx.deleteFrom('privacy_request').where('id', 'in', byAddress).execute();
      if (input.requestId) {
        await tx
          .updateTable('privacy_request')
          .set({
            account_id: null,
            requester_email: null,
            details: null,
            download_file: null,
            download_token_hash: null,
          })
          .where('id', '=', input.requestId)
          .execute();
      }
      reach('request-detached');
      const journalIds: string[] = [];
      const summaries: Record<string, number>[] = [];
      for (const accountId of accountIds) await deps.removeShopsOf(ctx, accountId);
      for (const subject of input.subjects) {
        const done = await deps.engine.eraseSubject(ctx, subject);
        journalIds.push(done.journalId);
        summaries.push(done.summary);
        reach('subject-erased');
      }
      if (input.requestId) {
        await tx
          .updateTable('privacy_request')
          .set({ status: 'completed', completed_at: ctx.now })
          .where('id', '=', input.requestId)
          .execute();
        await deps.audit.record(ctx, {
          action: 'privacy.request.complete',
          target: { kind: 'privacy_request', id: input.requestId },
        });
      }
      // Should this process stop after the commit, a job deletes the files.
      if (files.length > 0) await deps.jobs.enqueue(ARCHIVE_DISPOSAL_JOB, { files });
      reach('committing');
      return { journalIds, summaries, files };
    });
    if (!outcome) return { journalIds: [], summaries: [], archivesDeleted: 0, alreadyDone: true };
    reach('committed');
    await disposeArchives(outcome.files);
    reach('archives-deleted');
    return { journalIds: outcome.journalIds, summaries: outcome.summaries, archivesDeleted: outcome.files.length };
  }

  return { erase, jobHandlers };
}
export type ErasureUseCase = ReturnType<typeof createErasureUseCase>;
