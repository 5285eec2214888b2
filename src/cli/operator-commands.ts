import { operatorContext } from '../core/context.js';
import { migrate } from '../core/db/migrate.js';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { subjects } from '../core/privacy/vocabulary.js';
import { buildPolicy } from '../modules/privacy/index.js';
import { writeSubjectArchive } from '../modules/privacy/index.js';
import type { Platform } from '../platform.js';

export interface CommandResult {
  lines: string[];
  exitCode: number;
}

const JournalFile = z.array(
  z.object({
    id: z.string().max(64),
    subjectKind: z.enum(subjects),
    subjectRef: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/),
    erasedAt: z.iso.datetime(),
  }),
);

/**
 * Operator tasks, written once against a platform. The CLI runs them in its own process when no
 * server holds the embedded database, and asks the running server to run them otherwise.
 */
export const operatorCommands = {
  async migrate(p: Platform): Promise<CommandResult> {
    const report = await migrate(p.db, p.clock);
    return {
      lines: [
        report.applied.length ? `Applied: ${report.applied.join(', ')}` : 'Database is up to date.',
        `Current: ${report.current}`,
      ],
      exitCode: 0,
    };
  },

  async 'staff-create'(p: Platform, args: Record<string, unknown>): Promise<CommandResult> {
    const created = await p.staff.createStaff(operatorContext(p.clock.now()), {
      email: String(args.email ?? ''),
      name: String(args.name ?? ''),
      roles: Array.isArray(args.roles) ? args.roles.map(String) : [],
      password: typeof args.password === 'string' ? args.password : undefined,
      mfaRequired: args.require2fa === true,
    });
    const lines = [
      `Created staff ${created.id} <${created.email}> with roles ${created.roles.join(', ')}${created.mfaRequired ? ', two-factor sign-in required' : ''}.`,
    ];
    if (created.generatedPassword) lines.push(`Password (shown once): ${created.generatedPassword}`);
    return { lines, exitCode: 0 };
  },

  async 'audit-verify'(p: Platform): Promise<CommandResult> {
    const result = await p.audit.verify();
    return result.ok
      ? { lines: [`Audit chain intact: ${result.checked} entries verified.`], exitCode: 0 }
      : {
          lines: [
            `AUDIT CHAIN BROKEN at entry ${result.firstBadSeq}: ${result.reason} (${result.checked} entries verified before it).`,
          ],
          exitCode: 1,
        };
  },

  async 'billing-run'(p: Platform): Promise<CommandResult> {
    const result = await p.subscriptions.runBilling(operatorContext(p.clock.now()));
    return {
      lines: [
        `Billing run: ${result.proformasIssued} proforma invoice(s) issued, ${result.cancelled} cancellation(s) took effect.`,
      ],
      exitCode: 0,
    };
  },

  async 'security-blocks'(p: Platform, args: Record<string, unknown>): Promise<CommandResult> {
    const rows = await p.security.listBlocks(operatorContext(p.clock.now()), { includeInactive: args.all === true });
    const lines = rows.map(
      (b) =>
        `${b.id}  ${b.kind.padEnd(5)} ${(b.ip ?? b.account_id ?? '(pseudonymous)').padEnd(40)} ${b.reason.padEnd(15)} until ${new Date(b.until).toISOString()}${b.lifted_at ? ' (lifted)' : ''}`,
    );
    return { lines: lines.length ? lines : ['No active blocks.'], exitCode: 0 };
  },

  async 'security-lift'(p: Platform, args: Record<string, unknown>): Promise<CommandResult> {
    const lifted = await p.security.liftBlock(operatorContext(p.clock.now()), String(args.id ?? ''));
    return { lines: [`Lifted ${lifted.id}.`], exitCode: 0 };
  },

  async 'privacy-export'(p: Platform, args: Record<string, unknown>): Promise<CommandResult> {
    const accountId = String(args.account ?? '');
    await p.accounts.getAccount(accountId);
    const out = path.resolve(String(args.out ?? `${accountId}-export.zip`));
    const policy = buildPolicy(p.dataMap, await p.processors.list(), p.config.controller);
    const result = await writeSubjectArchive(
      p.privacy,
      { kind: 'customer', id: accountId },
      policy,
      out,
      p.clock.now(),
    );
    await p.audit.record(operatorContext(p.clock.now()), {
      action: 'privacy.export',
      target: { kind: 'account', id: accountId },
    });
    return { lines: [`Wrote ${out}: ${result.files.map((f) => `${f.table} ${f.rows}`).join(', ')}.`], exitCode: 0 };
  },

  async 'privacy-erase'(p: Platform, args: Record<string, unknown>): Promise<CommandResult> {
    const accountId = String(args.account ?? '');
    await p.accounts.getAccount(accountId);
    const result = await p.erasure.erase(operatorContext(p.clock.now()), {
      subjects: [{ kind: 'customer', id: accountId }],
    });
    const [summary] = result.summaries;
    return {
      lines: [
        `Erased (journal ${result.journalIds.join(', ')}): ${Object.entries(summary ?? {})
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}; ${result.archivesDeleted} earlier export archive(s) deleted. Verified: nothing remains.`,
      ],
      exitCode: 0,
    };
  },

  async 'privacy-journal'(p: Platform, args: Record<string, unknown>): Promise<CommandResult> {
    const out = path.resolve(String(args.out ?? 'erasure-journal.json'));
    const journal = await p.privacy.erasureJournal();
    writeFileSync(out, `${JSON.stringify(journal, null, 2)}\n`, { mode: 0o600 });
    return {
      lines: [
        `Wrote ${out}: ${journal.length} erasure(s). Keep it apart from the database backups, to replay after a restore.`,
      ],
      exitCode: 0,
    };
  },

  async 'privacy-replay'(p: Platform, args: Record<string, unknown>): Promise<CommandResult> {
    const file = path.resolve(String(args.journal ?? ''));
    const parsed = JournalFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success)
      return { lines: [`${file} is not an erasure journal: ${parsed.error.issues[0]?.message ?? ''}`], exitCode: 1 };
    const r = await p.privacy.replayErasures(operatorContext(p.clock.now()), parsed.data, async (ctx, subject) => ({
      journalId: (await p.erasure.erase(ctx, { subjects: [subject] })).journalIds[0]!,
    }));
    return {
      lines: [
        `Checked ${r.checked} subject(s): ${r.erasedAgain} erased again, ${r.journalEntriesRestored} journal entr${r.journalEntriesRestored === 1 ? 'y' : 'ies'} restored.`,
        ...r.failed.map((f) => `Could not erase ${f.kind} ${f.id} again: ${f.reason}`),
      ],
      exitCode: r.failed.length > 0 ? 1 : 0,
    };
  },

  async 'privacy-run-due'(p: Platform): Promise<CommandResult> {
    const r = await p.jobs.runDue();
    return { lines: [`Ran ${r.ran} due job(s), ${r.failed} failed.`], exitCode: r.failed > 0 ? 1 : 0 };
  },
} satisfies Record<string, (p: Platform, args: Record<string, unknown>) => Promise<CommandResult>>;

export type OperatorCommandName = keyof typeof operatorCommands;
export const isOperatorCommand = (name: string): name is OperatorCommandName => name in operatorCommands;
