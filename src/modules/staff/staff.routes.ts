import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import { problems, typed } from '../../core/http/types.js';
import { LoginBody } from '../accounts/index.js';
import { checkSignIn } from '../auth/index.js';
import type { MfaService } from '../mfa/index.js';
import {
  clearSessionCookie,
  cookieNames,
  deviceCookies,
  setDeviceCookie,
  setSessionCookie,
  staffOf,
  type AuthGuards,
} from '../auth/index.js';
import type { SessionStore } from '../../core/sessions.js';
import type { SecurityService } from '../security/index.js';
import type { StaffService } from './staff.service.js';
import { staffRoles } from './staff.tables.js';

const StaffResponse = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.enum(staffRoles)),
  mfaRequired: z.boolean(),
});

export function registerStaffRoutes(
  app: FastifyInstance,
  deps: {
    staff: StaffService;
    staffSessions: SessionStore;
    guards: AuthGuards;
    security: SecurityService;
    mfa: MfaService;
  },
) {
  const r = typed(app);
  const tags = ['staff'];

  r.post(
    '/api/v1/staff/auth/login',
    {
      schema: {
        tags,
        summary: 'Sign in as platform staff',
        body: LoginBody,
        response: { 200: StaffResponse, ...problems(401, 422, 429) },
      },
    },
    async (request, reply) => {
      const { id: staffId, deviceCookie } = await checkSignIn(
        { security: deps.security, mfa: deps.mfa },
        {
          principal: 'staff',
          scope: 'staff',
          ip: request.ctx.ip,
          ...request.body,
          deviceCookie: request.cookies[deviceCookies.staff.name],
          findPrincipalId: deps.staff.findStaffIdByEmail,
          verifyPassword: async (address, password) =>
            (await deps.staff.verifyCredentials(address, password))?.staffId ?? null,
        },
      );
      const session = await deps.staff.signIn(request.ctx, staffId);
      setSessionCookie(reply, request, cookieNames.staff, session.token, session.expiresAt);
      setDeviceCookie(reply, request, 'staff', deviceCookie);
      return deps.staff.getStaff(staffId);
    },
  );

  r.post('/api/v1/staff/auth/logout', { schema: { tags, response: { 204: z.null() } } }, async (request, reply) => {
    const token = request.cookies[cookieNames.staff];
    if (token) await deps.staffSessions.revokeByToken(token);
    clearSessionCookie(reply, request, cookieNames.staff);
    return reply.code(204).send(null);
  });

  r.get(
    '/api/v1/staff/auth/session',
    {
      schema: {
        tags,
        summary: 'The signed-in staff member, or null',
        response: { 200: z.object({ staff: StaffResponse.nullable(), mfaEnrolmentRequired: z.boolean() }) },
      },
    },
    async (request) => {
      try {
        await deps.guards.requireStaffSession(request);
      } catch (e) {
        if (e instanceof AppError) return { staff: null, mfaEnrolmentRequired: false };
        throw e;
      }
      const me = await deps.staff.getStaff(staffOf(request).staffId);
      return { staff: me, mfaEnrolmentRequired: me.mfaRequired && !(await deps.mfa.isEnabled('staff', me.id)) };
    },
  );

  r.get(
    '/api/v1/staff/me',
    {
      preHandler: deps.guards.requireStaffSession,
      schema: { tags, summary: 'The signed-in staff member', response: { 200: StaffResponse, ...problems(401) } },
    },
    async (request) => deps.staff.getStaff(staffOf(request).staffId),
  );
}
