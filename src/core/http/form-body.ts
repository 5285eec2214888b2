import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';

/**
 * HTML forms post application/x-www-form-urlencoded: the storefront works without JavaScript, so its
 * cart and checkout forms arrive this way. A name given once is a string, a repeated one an array;
 * the route's zod schema then checks the fields as it does for JSON. Only storefront routes take
 * them: the API speaks JSON, and a form any site can post (no CORS preflight) is refused there
 * before it is read, a layer under the Origin check.
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
  app.addHook('onRequest', (request, _reply, done) => {
    const form = request.headers['content-type']?.startsWith('application/x-www-form-urlencoded');
    if (form && request.routeOptions.config.storefront !== true)
      return done(new AppError('unsupported_media_type', 'Send the body as application/json.'));
    done();
  });
}
