import type { RequestContext } from '../context.js';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
  }
}
