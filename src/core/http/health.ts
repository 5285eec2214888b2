import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { DatabaseHandle } from '../db/database.js';
import { AppError } from '../errors.js';
import { problems, typed } from './types.js';

// Probes come often from the same address (the orchestrator's): they are never rate limited.
const unlimited = { rateLimit: false } as const;

export function registerHealthRoutes(app: FastifyInstance, database: DatabaseHandle) {
  const r = typed(app);
  r.get(
    '/healthz',
    {
      config: unlimited,
      schema: { tags: ['health'], summary: 'Liveness', response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );
  r.get(
    '/readyz',
    {
      config: unlimited,
      schema: {
        tags: ['health'],
        summary: 'Readiness: the database answers',
        response: { 200: z.object({ status: z.literal('ready'), database: z.string() }), ...problems(503) },
      },
    },
    async () => {
      try {
        await database.ping();
      } catch {
        throw new AppError('unavailable', 'The database does not answer.');
      }
      return { status: 'ready' as const, database: database.kind };
    },
  );
}
