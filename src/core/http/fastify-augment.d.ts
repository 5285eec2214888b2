import type { RequestContext } from '../context.js';

/** A route as registered, for the tests that walk every route. */
export interface RegisteredRoute {
  method: string;
  url: string;
  /** What a customer route's guard asks for (a permission, self, member or owner); undefined for any other route. */
  access: string | undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
  }
  interface FastifyInstance {
    routeTable: RegisteredRoute[];
  }
}
