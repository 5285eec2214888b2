import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AuditLog } from '../../core/audit/audit-log.js';
import { systemContext, type RequestContext } from '../../core/context.js';
import type { FieldCipher } from '../../core/crypto/field-encryption.js';
import { withShop } from '../../core/db/shop-isolation.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { JobQueue } from '../../core/jobs/job-queue.js';
import { sendReported, type Mailer } from '../../core/mail/mailer.js';
import type { ShopScope } from '../shops/index.js';
import { ANSWER_DOWNLOAD_DAYS, DAY, extendedDueAt, reminderTimes, requestDueAt } from './deadlines.js';
import type { ShopPrivacyRequestTable, ShopRequestKind, PrivacyTables } from './privacy.tables.js';
import {
  shopController,
  writeShopperArchive,
  type ShopController,
  type ShopperArchiveDeps,
} from './shopper-archive.js';

const DOWNLOAD_DAYS = ANSWER_DOWNLOAD_DAYS;
const VERIFY_HOURS = 24;
export const SHOP_REQUEST_REMINDER_JOB = 'privacy.shop-request-reminder';
export const SHOP_ANSWER_EXPIRE_JOB = 'privacy.shop-answer-expire';

type Row = Selectable<ShopPrivacyRequestTable>;
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const isOpen = (r: Row) => r.status === 'open' || r.status === 'extended';

export function shopRequestView(r: Row, now: Date) {
  return {
    id: r.id,
    kind: r.kind,
    via: r.via,
    status: r.status,
    email: r.email,
    shopperId: r.shopper_id,
    createdAt: iso(r.created_at)!,
    dueAt: iso(r.due_at)!,
    overdue: isOpen(r) && new Date(r.due_at) < now,
    extendedAt: iso(r.extended_at),
    extensionReason: r.extension_reason,
    answeredAt: iso(r.answered_at),
    refusalReason: r.refusal_reason,
  };
}
export type ShopRequestView = ReturnType<typeof shopRequestView>;

/** The shop's own shoppers, as the queue needs them (the orders module keeps them). */
export interface QueueShoppers {
  findByEmail(scope: ShopScope, email: string): Promise<string | null>;
}

/**
 * The merchant's privacy queue: its shoppers' access and erasure requests, made from their account,
 * from the shop's public form (verified by an emailed link), or forwarded from a request made to
 * SellRocket. Deadlines as for the platform's own requests (the earlier of 30 days and one calendar
 * month; one extension of up to two months, with a reason), reminders to the merchant a week and a
 * day before, and every answer mailed to the shopper from the shop. The merchant is the controller;
 * the platform does the work as its processor.
 */
export function createShopRequests(
  deps: ShopperArchiveDeps & {
    db: Kysely<PrivacyTables>;
    audit: AuditLog;
    jobs: JobQueue;
    mailer: Pick<Mailer, 'send'>;
    cipher: FieldCipher;
    exportDir: string;
    shoppers: QueueShoppers;
    onError: (err: unknown) => void;
  },
) {
  const inShop = <T>(scope: ShopScope, fn: (tx: Kysely<PrivacyTables>) => Promise<T>) =>
    withShop(deps.db, scope.shopId, fn);

  // To the shopper, the shop's mail; to the merchant, SellRocket's (their correspondence with us,
  // found by their address).
  const mail = (controller: ShopController, to: string, subject: string, lines: string[]) =>
    sendReported(deps.mailer, deps.onError, {
      to,
      subject,
      text: lines.join('\n'),
      fromName: controller.name,
      ...(to === controller.email ? {} : { shopId: controller.shop.id }),
    });

  async function scheduleReminders(scope: ShopScope, id: string, dueAt: Date) {
    for (const at of reminderTimes(dueAt))
      await deps.jobs.enqueue(
        SHOP_REQUEST_REMINDER_JOB,
        { shopId: scope.shopId, accountId: scope.accountId, requestId: id, dueAt: dueAt.toISOString() },
        at,
      );
  }

  async function get(scope: ShopScope, requestId: string) {
    const row = await inShop(scope, (tx) =>
      tx
        .selectFrom('shop_privacy_request')
        .selectAll()
        .where('shop_id', '=', scope.shopId)
        .where('id', '=', requestId.slice(0, 64))
        .executeTakeFirst(),
    );
    if (!row) throw new AppError('not_found', 'No such privacy request in this shop.');
    return row;
  }

  /** Opens a request unless the same person has one of that kind open; false then. */
  async function open(
    ctx: RequestContext,
    scope: ShopScope,
    input: { shopperId: string | null; email: string; kind: ShopRequestKind; via: 'account' | 'form' | 'platform' },
  ) {
    const dueAt = requestDueAt(ctx.now);
    const id = newId('spq');
    const made = await inShop(scope, async (tx) => {
      // One open request per person and kind: a second click, or the same request forwarded twice.
      await sql`select pg_advisory_xact_lock(hashtext(${`spq:${scope.shopId}:${input.email}`}))`.execute(tx);
      const already = await tx
        .selectFrom('shop_privacy_request')
        .select('id')
        .where('shop_id', '=', scope.shopId)
        .where('email', '=', input.email)
        .where('kind', '=', input.kind)
        .where('status', 'in', ['open', 'extended'])
        .executeTakeFirst();
      if (already) return false;
      await tx
        .insertInto('shop_privacy_request')
        .values({
          shop_id: scope.shopId,
          id,
          shopper_id: input.shopperId,
          email: input.email,
          kind: input.kind,
          via: input.via,
          status: 'open',
          created_at: ctx.now,
          due_at: dueAt,
        })
        .execute();
      await scheduleReminders(scope, id, dueAt);
      await deps.audit.record(ctx, {
        action: 'shop.privacy-request.opened',
        target: { kind: 'shop-privacy-request', id },
        chain: `account:${scope.accountId}`,
      });
      return true;
    });
    if (!made) return false;
    const controller = await shopController(deps, scope);
    await mail(controller, controller.email, `${controller.name}: a shopper's privacy request`, [
      `A shopper asked ${controller.name} for ${input.kind === 'access' ? 'a copy of their data' : 'the erasure of their data'}.`,
      `Answer it in the back office by ${dueAt.toISOString().slice(0, 10)} (Privacy requests).`,
    ]);
    await mail(controller, input.email, `${controller.name}: we received your privacy request`, [
      `${controller.name} received your request for ${input.kind === 'access' ? 'a copy of your data' : 'the erasure of your data'}.`,
      `You will have an answer by ${dueAt.toISOString().slice(0, 10)}.`,
      '',
      `${controller.name} decides how your data is used in its shop; SellRocket hosts the shop on its behalf.`,
    ]);
    return true;
  }

  async function list(scope: ShopScope, q: { status?: 'open' | 'closed' | undefined }, now: Date) {
    const rows = await inShop(scope, (tx) => {
      let query = tx.selectFrom('shop_privacy_request').selectAll().where('shop_id', '=', scope.shopId);
      if (q.status === 'open') query = query.where('status', 'in', ['open', 'extended']);
      if (q.status === 'closed') query = query.where('status', 'in', ['answered', 'refused']);
      return query.orderBy('due_at').orderBy('id').limit(500).execute();
    });
    return rows.map((r) => shopRequestView(r, now));
  }

  async function extend(ctx: RequestContext, scope: ShopScope, requestId: string, months: 1 | 2, reason: string) {
    const row = await get(scope, requestId);
    if (row.status !== 'open')
      throw new AppError(
        'conflict',
        row.status === 'extended' ? 'A request is extended once.' : 'This request is closed.',
      );
    const dueAt = extendedDueAt(new Date(row.due_at), months);
    const updated = await inShop(scope, async (tx) => {
      const r = await tx
        .updateTable('shop_privacy_request')
        .set({ status: 'extended', due_at: dueAt, extended_at: ctx.now, extension_reason: reason })
        .where('shop_id', '=', scope.shopId)
        .where('id', '=', row.id)
        .where('status', '=', 'open')
        .returningAll()
        .executeTakeFirstOrThrow();
      await scheduleReminders(scope, row.id, dueAt);
      await deps.audit.record(ctx, {
        action: 'shop.privacy-request.extended',
        target: { kind: 'shop-privacy-request', id: row.id },
        chain: `account:${scope.accountId}`,
      });
      return r;
    });
    const controller = await shopController(deps, scope);
    await mail(controller, row.email, `${controller.name}: your privacy request needs more time`, [
      `${controller.name} needs more time to answer your request, for this reason:`,
      reason,
      '',
      `You will have an answer by ${dueAt.toISOString().slice(0, 10)}.`,
    ]);
    return shopRequestView(updated, ctx.now);
  }

  /**
   * Answers a request. Access: the shopper's archive is made and a download link (7 days) mailed.
   * Erasure: the shopper is erased within this shop (invoiced orders keep their fiscal fields), and
   * told so. A request whose email has no shopper here is answered that the shop holds nothing.
   */
  async function answer(ctx: RequestContext, scope: ShopScope, requestId: string, origin: string) {
    const row = await get(scope, requestId);
    if (!isOpen(row)) throw new AppError('conflict', 'This request is closed.');
    const shopperId = row.shopper_id ?? (await deps.shoppers.findByEmail(scope, row.email));
    const controller = await shopController(deps, scope);
    let file: string | null = null;
    let lines: string[];
    if (!shopperId) {
      lines = [`${controller.name} holds no data about ${row.email}.`];
    } else if (row.kind === 'access') {
      mkdirSync(deps.exportDir, { recursive: true, mode: 0o700 });
      file = path.join(deps.exportDir, `${newId('spx')}.zip`);
      await writeShopperArchive(deps, ctx, controller, shopperId, file);
      const token = deps.cipher.seal(JSON.stringify({ r: row.id }), `shop-answer:${scope.shopId}`);
      lines = [
        `${controller.name} has answered your request for a copy of your data. Download it here (the link works for ${DOWNLOAD_DAYS} days):`,
        `${origin}/privacy/download?token=${encodeURIComponent(token)}`,
      ];
    } else {
      await deps.engine.eraseSubject(ctx, { kind: 'shopper', id: shopperId, shopId: scope.shopId });
      lines = [
        `${controller.name} has erased your data. Orders that were invoiced keep only what the law requires on an invoice (name, tax number and billing address), for the legal period.`,
      ];
    }
    try {
      await inShop(scope, async (tx) => {
        const done = await tx
          .updateTable('shop_privacy_request')
          .set({
            status: 'answered',
            answered_at: ctx.now,
            download_file: file,
            download_expires_at: file ? new Date(ctx.now.getTime() + DOWNLOAD_DAYS * DAY) : null,
          })
          .where('shop_id', '=', scope.shopId)
          .where('id', '=', row.id)
          .where('status', 'in', ['open', 'extended'])
          .returning('id')
          .executeTakeFirst();
        if (!done) throw new AppError('conflict', 'This request was answered meanwhile.');
        // The archive is a copy of the shopper's data: it goes when its link does.
        if (file)
          await deps.jobs.enqueue(
            SHOP_ANSWER_EXPIRE_JOB,
            { shopId: scope.shopId, requestId: row.id },
            new Date(ctx.now.getTime() + DOWNLOAD_DAYS * DAY),
          );
        await deps.audit.record(ctx, {
          action: `shop.privacy-request.answered`,
          target: { kind: 'shop-privacy-request', id: row.id },
          chain: `account:${scope.accountId}`,
        });
      });
    } catch (e) {
      if (file) rmSync(file, { force: true });
      throw e;
    }
    await mail(controller, row.email, `${controller.name}: the answer to your privacy request`, lines);
    return shopRequestView(await get(scope, row.id), ctx.now);
  }

  async function refuse(ctx: RequestContext, scope: ShopScope, requestId: string, reason: string) {
    const row = await get(scope, requestId);
    if (!isOpen(row)) throw new AppError('conflict', 'This request is closed.');
    const updated = await inShop(scope, async (tx) => {
      const r = await tx
        .updateTable('shop_privacy_request')
        .set({ status: 'refused', answered_at: ctx.now, refusal_reason: reason })
        .where('shop_id', '=', scope.shopId)
        .where('id', '=', row.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await deps.audit.record(ctx, {
        action: 'shop.privacy-request.refused',
        target: { kind: 'shop-privacy-request', id: row.id },
        chain: `account:${scope.accountId}`,
      });
      return r;
    });
    const controller = await shopController(deps, scope);
    await mail(controller, row.email, `${controller.name}: the answer to your privacy request`, [
      `${controller.name} cannot do what you asked, for this reason:`,
      reason,
      '',
      'You may complain to the data protection authority (in Portugal, the CNPD).',
    ]);
    return shopRequestView(updated, ctx.now);
  }

  /** The archive a download link names, while the link lasts. */
  async function download(scope: ShopScope, token: string, now: Date) {
    let id: string;
    try {
      id = (JSON.parse(deps.cipher.open(token, `shop-answer:${scope.shopId}`)) as { r: string }).r;
    } catch {
      return null;
    }
    const row = await inShop(scope, (tx) =>
      tx
        .selectFrom('shop_privacy_request')
        .select(['download_file', 'download_expires_at'])
        .where('shop_id', '=', scope.shopId)
        .where('id', '=', id)
        .executeTakeFirst(),
    );
    if (!row?.download_file || !row.download_expires_at || new Date(row.download_expires_at) <= now) return null;
    return { file: row.download_file, name: `${id}.zip` };
  }

  /** A request from the shop's public form: a link to confirm the email, sealed (nothing is stored before). */
  async function startPublic(
    scope: ShopScope,
    input: { email: string; kind: ShopRequestKind },
    origin: string,
    now: Date,
  ) {
    const controller = await shopController(deps, scope);
    const token = deps.cipher.seal(
      JSON.stringify({ e: input.email, k: input.kind, x: now.getTime() + VERIFY_HOURS * 3_600_000 }),
      `shop-request:${scope.shopId}`,
    );
    await mail(controller, input.email, `${controller.name}: confirm your privacy request`, [
      `Someone asked ${controller.name} for ${input.kind === 'access' ? 'a copy of the data it holds' : 'the erasure of the data it holds'} about this email address.`,
      'If it was you, confirm it here (the link works for 24 hours):',
      `${origin}/privacy/request/verify?token=${encodeURIComponent(token)}`,
      '',
      'If it was not you, ignore this message: nothing happens.',
    ]);
  }

  async function verifyPublic(ctx: RequestContext, scope: ShopScope, token: string) {
    let intake: { e: string; k: ShopRequestKind; x: number };
    try {
      intake = JSON.parse(deps.cipher.open(token, `shop-request:${scope.shopId}`)) as typeof intake;
    } catch {
      return 'invalid' as const;
    }
    if (intake.x < ctx.now.getTime() || (intake.k !== 'access' && intake.k !== 'erasure')) return 'invalid' as const;
    const shopperId = await deps.shoppers.findByEmail(scope, intake.e);
    const opened = await open(ctx, scope, { shopperId, email: intake.e, kind: intake.k, via: 'form' });
    return opened ? ('opened' as const) : ('already' as const);
  }

  async function remind(p: { shopId: string; accountId: string; requestId: string; dueAt: string }) {
    const scope = await deps.shops.shopScopeFor(p.accountId, p.shopId).catch(() => null);
    if (!scope) return;
    const row = await get(scope, p.requestId).catch(() => null);
    // A moved due date (an extension) has its own reminders; a closed request needs none.
    if (!row || !isOpen(row) || new Date(row.due_at).toISOString() !== p.dueAt) return;
    const controller = await shopController(deps, scope);
    await mail(controller, controller.email, `${controller.name}: a privacy request is due soon`, [
      `A shopper's ${row.kind} request to ${controller.name} is due on ${p.dueAt.slice(0, 10)}.`,
      'Answer it, or extend it with a reason, in the back office (Privacy requests).',
    ]);
    await deps.audit.record(systemContext(new Date()), {
      action: 'shop.privacy-request.reminded',
      target: { kind: 'shop-privacy-request', id: row.id },
      chain: `account:${scope.accountId}`,
    });
  }

  /** An answer's archive past its link's lifetime: the file is deleted and the row forgets it. */
  async function expireAnswer(p: { shopId: string; requestId: string }) {
    const file = await withShop(deps.db, p.shopId, async (tx) => {
      const row = await tx
        .selectFrom('shop_privacy_request')
        .select('download_file')
        .where('shop_id', '=', p.shopId)
        .where('id', '=', p.requestId)
        .forUpdate()
        .executeTakeFirst();
      if (!row?.download_file) return null;
      await tx
        .updateTable('shop_privacy_request')
        .set({ download_file: null })
        .where('shop_id', '=', p.shopId)
        .where('id', '=', p.requestId)
        .execute();
      return row.download_file;
    });
    if (file) rmSync(file, { force: true });
  }

  /**
   * For the platform's staff: which shops have overdue requests, and how many — never whose or
   * what (the content is the merchant's).
   */
  async function overdueByShop(now: Date) {
    const rows = await deps.db
      .selectFrom('shop_privacy_request')
      .select(['shop_id', (eb) => eb.fn.countAll<string>().as('n'), (eb) => eb.fn.min('due_at').as('oldest')])
      .where('status', 'in', ['open', 'extended'])
      .where('due_at', '<', now)
      .groupBy('shop_id')
      .orderBy(sql`min(due_at)`)
      .execute();
    return rows.map((r) => ({ shopId: r.shop_id, overdue: Number(r.n), oldestDueAt: iso(r.oldest as Date)! }));
  }

  return {
    open,
    list,
    get: async (scope: ShopScope, requestId: string, now: Date) => shopRequestView(await get(scope, requestId), now),
    extend,
    answer,
    refuse,
    download,
    startPublic,
    verifyPublic,
    overdueByShop,
    jobHandlers: {
      [SHOP_REQUEST_REMINDER_JOB]: (p: unknown) =>
        remind(p as { shopId: string; accountId: string; requestId: string; dueAt: string }),
      [SHOP_ANSWER_EXPIRE_JOB]: (p: unknown) => expireAnswer(p as { shopId: string; requestId: string }),
    },
    /** What the shopper's account page shows of their own requests. */
    async requestsOf(scope: ShopScope, shopperId: string) {
      const rows = await inShop(scope, (tx) =>
        tx
          .selectFrom('shop_privacy_request')
          .selectAll()
          .where('shop_id', '=', scope.shopId)
          .where('shopper_id', '=', shopperId)
          .orderBy('created_at', 'desc')
          .execute(),
      );
      return rows.map((r) => ({
        kind: r.kind,
        status: r.status,
        createdAt: iso(r.created_at)!,
        dueAt: iso(r.due_at)!,
      }));
    },
    async controllerOf(scope: ShopScope) {
      const c = await shopController(deps, scope);
      return { name: c.name, email: c.email };
    },
  };
}
export type ShopRequests = ReturnType<typeof createShopRequests>;
