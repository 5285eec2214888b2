import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { problems, typed } from '../../core/http/types.js';
import { CONSENT_COOKIE, CONSENT_DAYS, type CookieConsentService } from './cookie-consent.service.js';

export function registerCookieConsentRoutes(app: FastifyInstance, deps: { cookies: CookieConsentService }) {
  const r = typed(app);
  const tags = ['consent'];

  r.get('/api/v1/consent/cookies/notice', {
    schema: { tags, summary: 'The cookie notice the banner shows', response: { 200: z.object({ version: z.string(), text: z.string(), categories: z.array(z.string()) }) } },
  }, async () => { const n = deps.cookies.notice(); return { version: n.version, text: n.text, categories: ['necessary', 'statistical', 'marketing'] }; });

  r.post('/api/v1/consent/cookies', {
    schema: {
      tags, summary: 'Record a cookie decision (K4); Sec-GPC: 1 refuses marketing',
      body: z.object({ statistical: z.boolean(), marketing: z.boolean(), method: z.enum(['accept-all', 'reject-all', 'custom']), gpc: z.boolean().default(false) }),
      response: { 201: z.object({ statistical: z.boolean(), marketing: z.boolean(), noticeVersion: z.string(), expiresAt: z.iso.datetime() }), ...problems(422) },
    },
  }, async (request, reply) => {
    const gpc = request.body.gpc || request.headers['sec-gpc'] === '1';
    const result = await deps.cookies.record(request.ctx, { ...request.body, gpc, previousCookie: request.cookies[CONSENT_COOKIE] });
    // Necessary cookie: it holds the choice itself. Readable by the banner script, so not HttpOnly.
    reply.setCookie(CONSENT_COOKIE, result.cookie, { path: '/', sameSite: 'lax', secure: request.protocol === 'https', maxAge: CONSENT_DAYS * 86_400 });
    return reply.code(201).send({ statistical: result.statistical, marketing: result.marketing, noticeVersion: result.noticeVersion, expiresAt: result.expiresAt.toISOString() });
  });
}
