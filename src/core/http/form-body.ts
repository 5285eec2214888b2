import type { FastifyInstance } from 'fastify';

/**
 * HTML forms post application/x-www-form-urlencoded: the storefront works without JavaScript, so its
 * cart and checkout forms arrive this way. A name given once is a string, a repeated one an array;
 * the route's zod schema then checks the fields as it does for JSON.
 */
export function installFormBodies(app: FastifyInstance, bodyLimit: number) {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit },
    (_req, body, done) => {
      const fields: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
      for (const [name, value] of new URLSearchParams(body as string)) {
        const seen = fields[name];
        fields[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
      }
      done(null, fields);
    },
  );
}
