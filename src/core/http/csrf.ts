import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for every change (OWASP "verify origin with standard headers"): a browser always
 * sends Origin or Sec-Fetch-Site on a cross-site POST; when either says the request came from
 * another site it is refused. This holds with or without a session cookie, because signing a
 * victim into the attacker's account (login CSRF) needs none. Clients that send neither header
 * are not browsers (curl, the operator CLI) and cannot be made to carry someone's cookie.
 * SameSite=Lax on the cookie is the second layer.
 */
export function installCsrfGuard(app: FastifyInstance, opts: { publicUrl: string | undefined }): void {
  const configuredOrigin = opts.publicUrl ? new URL(opts.publicUrl).origin : undefined;
  const refused = () => new AppError('csrf', 'This request came from another site and was refused.');
  // A callback hook, not an async one: this runs on every request.
  app.addHook('onRequest', (request, _reply, done) => {
    if (safeMethods.has(request.method)) return done();
    const origin = request.headers.origin;
    // Under Referrer-Policy: no-referrer (helmet's default) a browser posts a plain HTML form with
    // `Origin: null`, even to its own page's host: Sec-Fetch-Site then tells where it came from, and
    // a null origin without it is refused (sandboxed frames and data: pages send null too).
    if (origin === 'null') return done(request.headers['sec-fetch-site'] === 'same-origin' ? undefined : refused());
    if (origin) {
      // A shop's storefront posts to its own host, which is not the platform's public address.
      const own = `${request.protocol}://${request.host}`;
      return done(origin === own || origin === configuredOrigin ? undefined : refused());
    }
    const site = request.headers['sec-fetch-site'];
    done(site && site !== 'same-origin' && site !== 'none' ? refused() : undefined);
  });
}
