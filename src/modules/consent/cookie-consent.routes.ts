import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { problems, typed } from '../../core/http/types.js';
import { CONSENT_COOKIE, CONSENT_DAYS, type CookieConsentService } from './cookie-consent.service.js';
import { NoticeResponse } from './notice.schemas.js';
import { noticeFor, noticeHistory } from './notices.js';

export function registerCookieConsentRoutes(app: FastifyInstance, deps: { cookies: CookieConsentService }) {
  const r = typed(app);
  const tags = ['consent'];

  r.get(
    '/api/v1/consent/cookies/notice',
    {
      schema: {
        tags,
        summary: 'The cookie notice the banner shows, in the language of Accept-Language',
        response: {
          200: z.object({
            version: z.string(),
            language: z.string(),
            effectiveFrom: z.string(),
            text: z.string(),
            categories: z.array(z.string()),
          }),
        },
      },
    },
    async (request) => {
      const n = deps.cookies.notice(request.ctx);
      return {
        version: n.version,
        language: n.language,
        effectiveFrom: n.effectiveFrom,
        text: n.text,
        categories: ['necessary', 'statistical', 'marketing'],
      };
    },
  );

  r.get(
    '/api/v1/consent/notices/:purpose',
    {
      schema: {
        tags,
        summary:
          'The notice in effect for a purpose, in the language of Accept-Language: the exact text a consent is recorded against',
        params: z.object({ purpose: z.enum(['marketing', 'cookies']) }),
        response: { 200: NoticeResponse, ...problems(422) },
      },
    },
    async (request) => noticeFor(request.params.purpose, request.ctx),
  );

  r.get(
    '/api/v1/consent/notices',
    {
      schema: {
        tags,
        summary: 'Every published consent notice: version, language, effective date, text and its SHA-256',
        response: { 200: z.object({ items: z.array(NoticeResponse) }) },
      },
    },
    async () => ({ items: noticeHistory() }),
  );

  r.post(
    '/api/v1/consent/cookies',
    {
      schema: {
        tags,
        summary: 'Record a cookie decision (K4); Sec-GPC: 1 refuses marketing',
        body: z.object({
          statistical: z.boolean(),
          marketing: z.boolean(),
          method: z.enum(['accept-all', 'reject-all', 'custom']),
          gpc: z.boolean().default(false),
        }),
        response: {
          201: z.object({
            statistical: z.boolean(),
            marketing: z.boolean(),
            noticeVersion: z.string(),
            expiresAt: z.iso.datetime(),
          }),
          ...problems(422),
        },
      },
    },
    async (request, reply) => {
      const gpc = request.body.gpc || request.headers['sec-gpc'] === '1';
      const result = await deps.cookies.record(request.ctx, {
        ...request.body,
        gpc,
        previousCookie: request.cookies[CONSENT_COOKIE],
      });
      // Necessary cookie: it holds the choice itself. Readable by the banner script, so not HttpOnly.
      reply.setCookie(CONSENT_COOKIE, result.cookie, {
        path: '/',
        sameSite: 'lax',
        secure: request.protocol === 'https',
        maxAge: CONSENT_DAYS * 86_400,
      });
      return reply.code(201).send({
        statistical: result.statistical,
        marketing: result.marketing,
        noticeVersion: result.noticeVersion,
        expiresAt: result.expiresAt.toISOString(),
      });
    },
  );
}
