import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { onShopHosts } from '../../core/http/tenant-host.js';
import { CONSENT_COOKIE, CONSENT_DAYS, type CookieConsentService } from '../consent/index.js';

const Decision = z.object({
  method: z.enum(['accept-all', 'reject-all', 'custom']),
  statistical: z.literal('1').optional(),
  marketing: z.literal('1').optional(),
  return_to: z.string().max(2000).optional(),
});

/** A path on this host to go back to, never another site's address. */
const safeReturn = (to: string | undefined) =>
  to && to.startsWith('/') && !to.startsWith('//') && !to.includes('\\') ? to : '/';

/**
 * The shop's cookie banner posts here (a plain form: no script is needed to decide). The decision is
 * recorded with the shop, whose merchant is its controller, and kept in the shop's own cookie: a
 * choice on one shop is not taken as a choice on another.
 */
export function registerShopConsent(app: FastifyInstance, deps: { cookieConsent: CookieConsentService }) {
  app.post('/cookies/consent', { ...onShopHosts, schema: { hide: true, body: Decision } }, async (request, reply) => {
    const body = request.body as z.output<typeof Decision>;
    const all = body.method === 'accept-all';
    const custom = body.method === 'custom';
    const result = await deps.cookieConsent.record(
      request.ctx,
      {
        statistical: all || (custom && body.statistical === '1'),
        marketing: all || (custom && body.marketing === '1'),
        method: body.method,
        gpc: request.headers['sec-gpc'] === '1',
        previousCookie: request.cookies[CONSENT_COOKIE],
      },
      request.shop!.scope,
    );
    reply.setCookie(CONSENT_COOKIE, result.cookie, {
      path: '/',
      sameSite: 'lax',
      secure: request.protocol === 'https',
      maxAge: CONSENT_DAYS * 86_400,
    });
    return reply.code(303).header('location', safeReturn(body.return_to)).send();
  });
}
