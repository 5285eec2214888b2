import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import { problems, typed } from '../../core/http/types.js';
import { clearSessionCookie, cookieNames, customerOf, type AuthGuards } from './auth.guards.js';
import type { SessionStore } from '../../core/sessions.js';

const SessionResponse = z.object({
  id: z.string(),
  ip: z.string(),
  userAgent: z.string().nullable(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  current: z.boolean(),
});

export function registerAuthRoutes(app: FastifyInstance, deps: { accountSessions: SessionStore; guards: AuthGuards }) {
  const r = typed(app);
  const tags = ['sessions'];

  r.post(
    '/api/v1/auth/logout',
    {
      schema: { tags, summary: 'End the current merchant session', response: { 204: z.null() } },
    },
    async (request, reply) => {
      const token = request.cookies[cookieNames.customer];
      if (token) await deps.accountSessions.revokeByToken(token);
      clearSessionCookie(reply, request, cookieNames.customer);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/v1/account/sessions',
    {
      preHandler: deps.guards.customer('self'),
      schema: {
        tags,
        summary: 'Active sessions of the account',
        response: { 200: z.object({ items: z.array(SessionResponse) }), ...problems(401) },
      },
    },
    async (request) => {
      const me = customerOf(request);
      const items = await deps.accountSessions.listActive(me.accountId);
      return {
        items: items.map((s) => ({
          ...s,
          createdAt: new Date(s.createdAt).toISOString(),
          lastSeenAt: new Date(s.lastSeenAt).toISOString(),
          expiresAt: new Date(s.expiresAt).toISOString(),
          current: s.id === me.sessionId,
        })),
      };
    },
  );

  r.delete(
    '/api/v1/account/sessions/:id',
    {
      preHandler: deps.guards.customer('self'),
      schema: {
        tags,
        summary: "Revoke one of the account's sessions",
        params: z.object({ id: z.string().max(64) }),
        response: { 204: z.null(), ...problems(401, 404) },
      },
    },
    async (request, reply) => {
      const me = customerOf(request);
      const done = await deps.accountSessions.revoke(me.accountId, request.params.id);
      if (!done) throw new AppError('not_found', 'No active session with this id.');
      return reply.code(204).send(null);
    },
  );
}
