import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { problems, typed } from '../../core/http/types.js';
import { customerOf, type AuthGuards } from '../auth/index.js';
import { ShownTextResponse } from '../../core/published-texts.js';
import type { TermsService } from './terms.service.js';

export function registerTermsRoutes(app: FastifyInstance, deps: { terms: TermsService; guards: AuthGuards }) {
  const r = typed(app);
  const tags = ['terms'];

  r.get(
    '/api/v1/terms',
    {
      schema: {
        tags,
        summary: 'The terms of service in force, in the language of Accept-Language',
        response: { 200: ShownTextResponse },
      },
    },
    async (request) => deps.terms.current(request.ctx),
  );

  r.get(
    '/api/v1/account/terms',
    {
      preHandler: deps.guards.customer('self'),
      schema: {
        tags,
        summary: 'The terms this account accepted, newest first',
        response: {
          200: z.object({
            items: z.array(z.object({ version: z.string(), language: z.string(), acceptedAt: z.iso.datetime() })),
          }),
          ...problems(401),
        },
      },
    },
    async (request) => ({ items: await deps.terms.listForAccount(customerOf(request).accountId) }),
  );
}
