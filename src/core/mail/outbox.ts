import { sql, type Kysely, type Selectable } from 'kysely';
import type { Clock } from '../clock.js';
import { newId } from '../ids.js';
import { htmlPart } from './html-part.js';
import type { Mail, Mailer } from './mailer.js';
import type { MailOutboxTable, MailTables } from './outbox.tables.js';
import type { MailTransport } from './transport.js';

type OutboxRow = Selectable<MailOutboxTable>;

/** A check run just before delivery, for one purpose: null to deliver, or why not. */
export type DeliveryCheck = (mail: { accountId: string | null; to: string }) => Promise<string | null>;

const LEASE_MS = 2 * 60_000;
const MAX_ATTEMPTS = 8;
/** A message not delivered after this long is cleared, unless it is a customer's correspondence. */
const CLEAR_AFTER_MS = 7 * 24 * 3600_000;
/** Cleared rows (no address, no content) are kept this long as the record of a delivery, then go. */
const FORGET_AFTER_MS = 30 * 24 * 3600_000;

// A mail server's refusal often quotes the address: it is kept as "[address]".
const withoutAddresses = (message: string) => message.replace(/[^\s<>"']+@[^\s<>"']+/g, '[address]').slice(0, 500);

/**
 * Every outgoing message goes through the outbox (RT2, issue #11 §6). `send` writes it in the
 * current unit of work, so a message exists only if the work that sends it commits; once that
 * commits it is delivered at once, and what fails is retried by any app server (claimed under a
 * lease with FOR UPDATE SKIP LOCKED) with a growing delay. With no mail server configured, messages
 * are held, for staff to read in the console. A customer's messages (`accountId`, or their address
 * when the platform writes to it) are kept as their correspondence; any other message's address and
 * content are cleared once delivered.
 */
export function createOutbox(deps: {
  db: Kysely<MailTables>;
  clock: Clock;
  transport: MailTransport | null;
  /** The platform's sender, `Name <address>`: a shop's mail keeps the address and shows the shop's name. */
  from: string;
  afterCommit: (work: () => Promise<void>) => Promise<void>;
  /** The customer account an address belongs to, for the platform's own mail. */
  accountOf: (email: string) => Promise<string | null>;
  onError: (err: unknown) => void;
}) {
  const address = /<([^>]+)>/.exec(deps.from)?.[1] ?? deps.from;
  const checks = new Map<OutboxRow['purpose'], DeliveryCheck>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  async function send(mail: Mail): Promise<void> {
    const id = newId('mail');
    const now = deps.clock.now();
    // A shop's mail to its shopper is the shop's, never a customer's correspondence with SellRocket.
    const accountId = mail.shopId ? null : (mail.accountId ?? (await deps.accountOf(mail.to)));
    await deps.db
      .insertInto('mail_outbox')
      .values({
        id,
        account_id: accountId,
        sender: mail.shopId ?? 'platform',
        purpose: mail.purpose ?? 'service',
        to_address: mail.to,
        from_name: mail.fromName ?? null,
        subject: mail.subject,
        text_body: mail.text,
        html_body: mail.html ?? htmlPart(mail.text, mail.lang),
        status: deps.transport ? 'queued' : 'held',
        attempts: 0,
        next_attempt_at: deps.transport ? now : null,
        locked_until: null,
        last_error: null,
        created_at: now,
        sent_at: null,
        cleared_at: null,
      })
      .execute();
    if (deps.transport) await deps.afterCommit(() => reported(deliverClaimed(claimOne(id))));
  }

  const lease = () => new Date(deps.clock.now().getTime() + LEASE_MS);

  /** This message, if it is still to be delivered and no other process holds it. */
  async function claimOne(id: string): Promise<OutboxRow | undefined> {
    const r = await sql<OutboxRow>`update mail_outbox set locked_until = ${lease()}, attempts = attempts + 1
      where id = ${id} and status = 'queued' and (locked_until is null or locked_until < ${deps.clock.now()})
      returning *`.execute(deps.db);
    return r.rows[0];
  }

  /** The next message due, claimed so no other process delivers it too. */
  async function claimDue(): Promise<OutboxRow | undefined> {
    const now = deps.clock.now();
    const r = await sql<OutboxRow>`update mail_outbox set locked_until = ${lease()}, attempts = attempts + 1
      where id = (select id from mail_outbox where status = 'queued' and next_attempt_at <= ${now}
                    and (locked_until is null or locked_until < ${now})
                  order by next_attempt_at limit 1 for update skip locked)
      returning *`.execute(deps.db);
    return r.rows[0];
  }

  async function settle(
    row: OutboxRow,
    outcome: { sent: true } | { sent: false; status: 'suppressed'; reason: string } | { sent: false; error: unknown },
  ) {
    const now = deps.clock.now();
    // Someone else's message (a shopper's, a visitor's) keeps no address or content once delivered.
    const cleared =
      row.account_id === null
        ? { to_address: null, subject: null, text_body: null, html_body: null, cleared_at: now }
        : {};
    if (outcome.sent) {
      await deps.db
        .updateTable('mail_outbox')
        .set({ status: 'sent', sent_at: now, locked_until: null, last_error: null, ...cleared })
        .where('id', '=', row.id)
        .execute();
    } else if ('status' in outcome) {
      await deps.db
        .updateTable('mail_outbox')
        .set({ status: 'suppressed', locked_until: null, last_error: outcome.reason, ...cleared })
        .where('id', '=', row.id)
        .execute();
    } else {
      const giveUp = row.attempts >= MAX_ATTEMPTS;
      await deps.db
        .updateTable('mail_outbox')
        .set({
          status: giveUp ? 'failed' : 'queued',
          locked_until: null,
          last_error: withoutAddresses(String((outcome.error as Error)?.message ?? outcome.error)),
          next_attempt_at: new Date(now.getTime() + row.attempts ** 2 * 60_000),
        })
        .where('id', '=', row.id)
        .execute();
    }
  }

  /** Delivers a claimed message (checks for its purpose first) and records what happened. */
  async function deliverClaimed(claimed: Promise<OutboxRow | undefined>): Promise<boolean> {
    const row = await claimed;
    if (!row || !deps.transport) return false;
    const check = checks.get(row.purpose);
    const refusal = check ? await check({ accountId: row.account_id, to: row.to_address! }) : null;
    if (refusal) {
      await settle(row, { sent: false, status: 'suppressed', reason: refusal });
      return true;
    }
    try {
      await deps.transport.deliver({
        from: row.from_name ? { name: row.from_name, address } : deps.from,
        to: row.to_address!,
        subject: row.subject!,
        text: row.text_body!,
        html: row.html_body!,
      });
    } catch (error) {
      await settle(row, { sent: false, error });
      return true;
    }
    await settle(row, { sent: true });
    return true;
  }

  // A failure to reach the mail server is recorded on the message; anything else is a fault to report.
  const reported = (work: Promise<unknown>) => work.then(() => undefined, deps.onError);

  /** Delivers every message that is due, one at a time; returns how many were tried. */
  async function deliverDue(limit = 500): Promise<number> {
    let tried = 0;
    while (tried < limit && (await deliverClaimed(claimDue()))) tried++;
    return tried;
  }

  /**
   * Clears the address and content of any message that is not a customer's correspondence once it
   * is 7 days old (held or never delivered), and forgets cleared rows after 30 days.
   */
  async function sweep(): Promise<{ cleared: number; forgotten: number }> {
    const now = deps.clock.now().getTime();
    const cleared = await deps.db
      .updateTable('mail_outbox')
      .set({
        to_address: null,
        subject: null,
        text_body: null,
        html_body: null,
        cleared_at: new Date(now),
        status: sql`case when status in ('queued', 'held') then 'failed' else status end`,
        last_error: sql`case when status in ('queued', 'held') then 'not delivered within 7 days' else last_error end`,
      })
      .where('account_id', 'is', null)
      .where('cleared_at', 'is', null)
      .where('created_at', '<', new Date(now - CLEAR_AFTER_MS))
      .executeTakeFirst();
    const forgotten = await deps.db
      .deleteFrom('mail_outbox')
      .where('account_id', 'is', null)
      .where('cleared_at', '<', new Date(now - FORGET_AFTER_MS))
      .executeTakeFirst();
    return { cleared: Number(cleared.numUpdatedRows), forgotten: Number(forgotten.numDeletedRows) };
  }

  /** Delivery and the sweep every `intervalMs` in this process (every app server runs one). */
  function start(intervalMs = 5000) {
    timer = setInterval(() => {
      running = deliverDue()
        .then(() => sweep())
        .catch(deps.onError);
    }, intervalMs);
    timer.unref();
  }
  async function stop() {
    if (timer) clearInterval(timer);
    await running;
    deps.transport?.close();
  }

  /** A page of messages, newest first: all of them (staff console), or one customer's correspondence. */
  async function list(filter: {
    accountId?: string;
    status?: OutboxRow['status'];
    to?: string;
    page: number;
    perPage: number;
  }) {
    let q = deps.db.selectFrom('mail_outbox');
    if (filter.accountId !== undefined) q = q.where('account_id', '=', filter.accountId);
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.to) q = q.where('to_address', '=', filter.to);
    const [rows, total] = await Promise.all([
      q
        .select([
          'id',
          'account_id',
          'sender',
          'purpose',
          'to_address',
          'subject',
          'status',
          'attempts',
          'last_error',
          'created_at',
          'sent_at',
        ])
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(filter.perPage)
        .offset((filter.page - 1) * filter.perPage)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(total.n) };
  }

  /** One message whole (its text and HTML), or undefined; `accountId` limits it to that customer's. */
  async function read(id: string, accountId?: string) {
    let q = deps.db.selectFrom('mail_outbox').selectAll().where('id', '=', id);
    if (accountId !== undefined) q = q.where('account_id', '=', accountId);
    return q.executeTakeFirst();
  }

  const mailer: Mailer & {
    list: typeof list;
    read: typeof read;
    deliverDue: typeof deliverDue;
    sweep: typeof sweep;
    start: typeof start;
    stop: typeof stop;
    /** A check of `purpose`'s messages at delivery (marketing: consent, restriction, suppression). */
    checkBeforeDelivery(purpose: OutboxRow['purpose'], check: DeliveryCheck): void;
  } = {
    send,
    list,
    read,
    close: () => deps.transport?.close(),
    deliverDue,
    sweep,
    start,
    stop,
    checkBeforeDelivery: (purpose, check) => {
      checks.set(purpose, check);
    },
  };
  return mailer;
}
export type Outbox = ReturnType<typeof createOutbox>;
