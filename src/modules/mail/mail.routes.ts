import type { FastifyInstance } from 'fastify';
import { isoOrNull } from '../../core/clock.js';
import { z } from 'zod';
import type { AuditLog } from '../../core/audit/audit-log.js';
import { AppError } from '../../core/errors.js';
import { problems, typed } from '../../core/http/types.js';
import type { Outbox } from '../../core/mail/outbox.js';
import { customerOf, type AuthGuards } from '../auth/index.js';

const statuses = ['queued', 'held', 'sent', 'failed', 'suppressed'] as const;

const Page = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  perPage: z.coerce.number().int().min(1).max(100).default(25),
};

const Summary = z.object({
  id: z.string(),
  subject: z.string().nullable(),
  status: z.enum(statuses),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
});
const StaffSummary = Summary.extend({
  to: z.string().nullable(),
  accountId: z.string().nullable(),
  sender: z.string(),
  purpose: z.enum(['service', 'security', 'marketing']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
});
const Message = Summary.extend({
  to: z.string().nullable(),
  fromName: z.string().nullable(),
  text: z.string().nullable(),
  html: z.string().nullable(),
});

type Row = Awaited<ReturnType<Outbox['list']>>['rows'][number];
const summary = (row: Row) => ({
  id: row.id,
  subject: row.subject,
  status: row.status,
  createdAt: isoOrNull(row.created_at)!,
  sentAt: isoOrNull(row.sent_at),
});
const message = (row: NonNullable<Awaited<ReturnType<Outbox['read']>>>) => ({
  ...summary(row),
  to: row.to_address,
  fromName: row.from_name,
  text: row.text_body,
  html: row.html_body,
});

/**
 * The outbox as people see it: a customer's "Emails" (their correspondence with SellRocket, RT2),
 * and the staff console's view of every message, whose reading is audited (a message is someone's
 * personal data). With no mail server configured, this is where messages are read.
 */
export function registerMailRoutes(
  app: FastifyInstance,
  deps: { outbox: Outbox; guards: AuthGuards; audit: AuditLog },
) {
  const r = typed(app);

  r.get(
    '/api/v1/account/emails',
    {
      preHandler: deps.guards.customer('emails'),
      schema: {
        tags: ['account'],
        summary: 'The emails SellRocket sent you, newest first',
        querystring: z.object(Page),
        response: {
          200: z.object({ items: z.array(Summary), total: z.number().int(), page: z.number().int() }),
          ...problems(401),
        },
      },
    },
    async (request) => {
      const { rows, total } = await deps.outbox.list({ accountId: customerOf(request).accountId, ...request.query });
      return { items: rows.map(summary), total, page: request.query.page };
    },
  );

  r.get(
    '/api/v1/account/emails/:id',
    {
      preHandler: deps.guards.customer('emails'),
      schema: {
        tags: ['account'],
        summary: 'One email SellRocket sent you, as text and HTML',
        params: z.object({ id: z.string().max(64) }),
        response: { 200: Message, ...problems(401, 404) },
      },
    },
    async (request) => {
      const row = await deps.outbox.read(request.params.id, customerOf(request).accountId);
      if (!row) throw new AppError('not_found', 'No such email.');
      return message(row);
    },
  );

  r.get(
    '/api/v1/staff/outbox',
    {
      preHandler: deps.guards.requireStaff('support', 'admin'),
      schema: {
        tags: ['staff console'],
        summary: 'Every message of the outbox, newest first, by status or address (audited)',
        querystring: z.object({
          ...Page,
          status: z.enum(statuses).optional(),
          to: z.string().trim().toLowerCase().max(320).optional(),
        }),
        response: {
          200: z.object({ items: z.array(StaffSummary), total: z.number().int(), page: z.number().int() }),
          ...problems(401, 403),
        },
      },
    },
    async (request) => {
      const { rows, total } = await deps.outbox.list(request.query);
      await deps.audit.record(request.ctx, {
        action: 'mail.list',
        data: { messages: rows.length, ...(request.query.status ? { status: request.query.status } : {}) },
      });
      return {
        items: rows.map((row) => ({
          ...summary(row),
          to: row.to_address,
          accountId: row.account_id,
          sender: row.sender,
          purpose: row.purpose,
          attempts: row.attempts,
          lastError: row.last_error,
        })),
        total,
        page: request.query.page,
      };
    },
  );

  r.get(
    '/api/v1/staff/outbox/:id',
    {
      preHandler: deps.guards.requireStaff('support', 'admin'),
      schema: {
        tags: ['staff console'],
        summary: 'One message of the outbox, whole (audited)',
        params: z.object({ id: z.string().max(64) }),
        response: { 200: Message, ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const row = await deps.outbox.read(request.params.id);
      if (!row) throw new AppError('not_found', 'No such message.');
      await deps.audit.record(request.ctx, { action: 'mail.read', target: { kind: 'mail', id: row.id } });
      return message(row);
    },
  );
}
