import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for cookie-authenticated changes (OWASP "verify origin with standard headers"):
 * a browser always sends Origin or Sec-Fetch-Site on a cross-site POST; when either says the
 * request came from another site it is refused. Clients that send neither are not browsers
 * and cannot be made to carry someone's cookie. SameSite=Lax on the cookie is the second layer.
 */
export function installCsrfGuard(app: FastifyInstance, opts: { publicUrl: string | undefined; cookieNames: string[] }): void {
  const configuredOrigin = opts.publicUrl ? new URL(opts.publicUrl).origin : undefined;
  const refused = () => new AppError('csrf', 'This request came from another site and was refused.');
  app.addHook('onRequest', (request, _reply, done) => {
    if (safeMethods.has(request.method)) return done();
    const cookieHeader = request.headers.cookie ?? '';
    if (!opts.cookieNames.some((name) => cookieHeader.includes(`${name}=`))) return done();
    const origin = request.headers.origin;
    if (origin) {
      const expected = configuredOrigin ?? `${request.protocol}://${request.headers.host ?? ''}`;
      return done(origin === expected ? undefined : refused());
    }
    const site = request.headers['sec-fetch-site'];
    done(site && site !== 'same-origin' && site !== 'none' ? refused() : undefined);
  });
}
