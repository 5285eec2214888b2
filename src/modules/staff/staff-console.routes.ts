import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { MarketingService } from '../marketing/index.js';
import type { StaffService } from './staff.service.js';
import { problems, typed } from '../../core/http/types.js';
import { AccessHistoryResponse, AccountResponse, ConsentResponse } from '../accounts/index.js';
import type { AccountsService } from '../accounts/index.js';
import type { AuthGuards } from '../auth/index.js';

const AccountSummary = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  company: z.string().nullable(),
  country: z.string(),
  status: z.string(),
  createdAt: z.iso.datetime(),
});

const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.iso.datetime(),
  actorKind: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  targetKind: z.string().nullable(),
  targetId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

/** The staff console's reads: accounts (audited per view) and the audit log with its chain check. */
export function registerStaffConsoleRoutes(
  app: FastifyInstance,
  deps: { accounts: AccountsService; staff: StaffService; guards: AuthGuards; marketing: MarketingService },
) {
  const r = typed(app);
  const tags = ['staff console'];

  r.get(
    '/api/v1/staff/accounts',
    {
      preHandler: deps.guards.requireStaff('support', 'billing', 'privacy'),
      schema: {
        tags,
        summary: 'Search accounts (audited)',
        querystring: z.object({
          q: z.string().max(200).default(''),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(AccountSummary) }), ...problems(401, 403) },
      },
    },
    async (request) => ({
      items: await deps.accounts.searchForStaff(request.ctx, request.query.q, request.query.limit),
    }),
  );

  r.get(
    '/api/v1/staff/accounts/:id',
    {
      preHandler: deps.guards.requireStaff('support', 'billing', 'privacy'),
      schema: {
        tags,
        summary: 'One account with its access history, consents and active restrictions (audited)',
        params: z.object({ id: z.string().max(64) }),
        response: {
          200: z.object({
            account: AccountResponse,
            accessHistory: AccessHistoryResponse.shape.items,
            consents: z.array(ConsentResponse),
            restrictions: z.array(z.object({ id: z.string(), purpose: z.string(), since: z.iso.datetime() })),
          }),
          ...problems(401, 403, 404),
        },
      },
    },
    async (request) => {
      const view = await deps.accounts.viewForStaff(request.ctx, request.params.id);
      // A restricted purpose is shown as such (D3): staff see it before they use the data.
      const restrictions = (await deps.marketing.listRestrictions(request.params.id)).map((r) => ({
        id: r.id,
        purpose: r.purpose,
        since: new Date(r.created_at).toISOString(),
      }));
      return { ...view, restrictions };
    },
  );

  r.get(
    '/api/v1/staff/audit',
    {
      preHandler: deps.guards.requireStaff('privacy'),
      schema: {
        tags,
        summary: 'Audit log entries, newest first',
        querystring: z.object({
          targetKind: z.string().max(40).optional(),
          targetId: z.string().max(64).optional(),
          before: z.coerce.number().int().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ items: z.array(AuditEntry) }), ...problems(401, 403) },
      },
    },
    async (request) => {
      const rows = await deps.staff.readAuditLog(request.ctx, {
        targetKind: request.query.targetKind,
        targetId: request.query.targetId,
        beforeSeq: request.query.before,
        limit: request.query.limit,
      });
      return {
        items: rows.map((e) => ({
          seq: Number(e.seq),
          at: new Date(e.at).toISOString(),
          actorKind: e.actor_kind,
          actorId: e.actor_id,
          action: e.action,
          targetKind: e.target_kind,
          targetId: e.target_id,
          data: e.data,
        })),
      };
    },
  );

  r.get(
    '/api/v1/staff/audit/verify',
    {
      preHandler: deps.guards.requireStaff('privacy'),
      schema: {
        tags,
        summary: 'Check the audit chain',
        response: {
          200: z.object({
            ok: z.boolean(),
            checked: z.number().int(),
            chains: z.number().int(),
            firstBadSeq: z.number().int().optional(),
            chain: z.string().optional(),
            reason: z.string().optional(),
          }),
          ...problems(401, 403),
        },
      },
    },
    async () => deps.staff.verifyAuditLog(),
  );
}
