import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { problems, typed } from '../../core/http/types.js';
import { customerOf, staffOf, type AuthGuards } from '../auth/index.js';
import type { Principal } from '../../core/context.js';
import type { MfaService } from './mfa.service.js';

const Status = z.object({ totpEnabled: z.boolean(), recoveryCodesLeft: z.number().int() });
const Enrolment = z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() });
const Code = z.object({ code: z.string().trim().min(1, 'Required').max(32) });
const Confirmation = Code.extend({ currentPassword: z.string().min(1, 'Required').max(1024) });

/** The same four routes for merchants (/api/v1/account/mfa) and staff (/api/v1/staff/mfa). */
export function registerMfaRoutes(
  app: FastifyInstance,
  deps: { mfa: MfaService; guards: AuthGuards; labelOf: (p: Principal, id: string) => Promise<string> },
) {
  const r = typed(app);
  const variants = [
    {
      principal: 'customer' as const,
      base: '/api/v1/account/mfa',
      guard: deps.guards.customer('self'),
      owner: (req: FastifyRequest) => customerOf(req).accountId,
      session: (req: FastifyRequest) => customerOf(req).sessionId,
    },
    {
      principal: 'staff' as const,
      base: '/api/v1/staff/mfa',
      guard: deps.guards.requireStaffSession,
      owner: (req: FastifyRequest) => staffOf(req).staffId,
      session: (req: FastifyRequest) => staffOf(req).sessionId,
    },
  ];
  for (const v of variants) {
    const tags = ['two-factor'];
    r.get(
      v.base,
      {
        preHandler: v.guard,
        schema: { tags, summary: 'Two-factor sign-in status', response: { 200: Status, ...problems(401) } },
      },
      async (request) => deps.mfa.status(v.principal, v.owner(request)),
    );
    r.post(
      `${v.base}/totp`,
      {
        preHandler: v.guard,
        schema: {
          tags,
          summary: 'Start TOTP enrolment: secret, otpauth URI and QR code',
          response: { 200: Enrolment, ...problems(401, 409) },
        },
      },
      async (request) => {
        const id = v.owner(request);
        return deps.mfa.beginEnrolment(request.ctx, v.principal, id, await deps.labelOf(v.principal, id));
      },
    );
    r.post(
      `${v.base}/totp/confirm`,
      {
        preHandler: v.guard,
        schema: {
          tags,
          summary:
            'Turn two-factor sign-in on with a first code and the current password; signs out other sessions; returns recovery codes once',
          body: Confirmation,
          response: { 200: z.object({ recoveryCodes: z.array(z.string()) }), ...problems(401, 404, 409, 422) },
        },
      },
      async (request) =>
        deps.mfa.confirmEnrolment(request.ctx, v.principal, v.owner(request), {
          ...request.body,
          keepSessionId: v.session(request),
        }),
    );
    r.post(
      `${v.base}/totp/disable`,
      {
        preHandler: v.guard,
        schema: {
          tags,
          summary: 'Turn two-factor sign-in off (needs a current or recovery code)',
          body: Code,
          response: { 204: z.null(), ...problems(401, 422) },
        },
      },
      async (request, reply) => {
        await deps.mfa.disable(request.ctx, v.principal, v.owner(request), request.body.code);
        return reply.code(204).send(null);
      },
    );
  }
}
