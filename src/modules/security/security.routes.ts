import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { problems, typed } from '../../core/http/types.js';
import type { AuthGuards } from '../auth/index.js';
import type { SecurityService } from './security.service.js';

const BlockResponse = z.object({
  id: z.string(),
  kind: z.enum(['ip', 'login']),
  ip: z.string().nullable(),
  accountId: z.string().nullable(),
  reason: z.enum(['rate-limit', 'login-failures']),
  level: z.number().int(),
  createdAt: z.iso.datetime(),
  until: z.iso.datetime(),
  liftedAt: z.iso.datetime().nullable(),
  liftedBy: z.string().nullable(),
});

type BlockRow = Awaited<ReturnType<SecurityService['listBlocks']>>[number];
const iso = (d: Date | string) => new Date(d).toISOString();
const toView = (b: BlockRow) => ({
  id: b.id,
  kind: b.kind,
  ip: b.ip,
  accountId: b.account_id,
  reason: b.reason,
  level: b.level,
  createdAt: iso(b.created_at),
  until: iso(b.until),
  liftedAt: b.lifted_at ? iso(b.lifted_at) : null,
  liftedBy: b.lifted_by,
});

export function registerSecurityRoutes(app: FastifyInstance, deps: { security: SecurityService; guards: AuthGuards }) {
  const r = typed(app);
  const tags = ['security'];
  const guard = deps.guards.requireStaff('admin', 'support');

  r.get(
    '/api/v1/staff/security/blocks',
    {
      preHandler: guard,
      schema: {
        tags,
        summary: 'IP and sign-in blocks (S1)',
        querystring: z.object({ all: z.enum(['true', 'false']).default('false') }),
        response: { 200: z.object({ items: z.array(BlockResponse) }), ...problems(401, 403) },
      },
    },
    async (request) => ({
      items: (await deps.security.listBlocks(request.ctx, { includeInactive: request.query.all === 'true' })).map(
        toView,
      ),
    }),
  );

  r.delete(
    '/api/v1/staff/security/blocks/:id',
    {
      preHandler: guard,
      schema: {
        tags,
        summary: 'Lift a block',
        params: z.object({ id: z.string().max(64) }),
        response: { 200: BlockResponse, ...problems(401, 403, 404) },
      },
    },
    async (request) => toView(await deps.security.liftBlock(request.ctx, request.params.id)),
  );
}
