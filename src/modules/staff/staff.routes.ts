import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import { problems, typed } from '../../core/http/types.js';
import { email } from '../accounts/accounts.schemas.js';
import { clearSessionCookie, cookieNames, setSessionCookie, staffOf, type AuthGuards } from '../auth/auth.guards.js';
import type { SessionService } from '../auth/sessions.service.js';
import type { SecurityService } from '../security/security.service.js';
import type { StaffService } from './staff.service.js';
import { staffRoles } from './staff.tables.js';

const StaffResponse = z.object({ id: z.string(), email: z.string(), name: z.string(), roles: z.array(z.enum(staffRoles)) });

export function registerStaffRoutes(app: FastifyInstance, deps: { staff: StaffService; sessions: SessionService; guards: AuthGuards; security: SecurityService }) {
  const r = typed(app);
  const tags = ['staff'];

  r.post('/api/v1/staff/auth/login', {
    schema: { tags, summary: 'Sign in as platform staff', body: z.object({ email, password: z.string().min(1).max(1024) }), response: { 200: StaffResponse, ...problems(401, 422, 429) } },
  }, async (request, reply) => {
    const { email: address, password } = request.body;
    const key = deps.security.loginKey('staff', address);
    await deps.security.assertLoginAllowed(request.ctx.ip, key);
    const found = await deps.staff.verifyCredentials(address, password);
    if (!found) {
      await deps.security.recordLoginFailure(request.ctx.ip, key, null);
      throw new AppError('invalid_credentials', 'The email or password is not correct.');
    }
    await deps.security.recordLoginSuccess(request.ctx.ip, key);
    const session = await deps.staff.signIn(request.ctx, found.staffId);
    setSessionCookie(reply, request, cookieNames.staff, session.token, session.expiresAt);
    return deps.staff.getStaff(found.staffId);
  });

  r.post('/api/v1/staff/auth/logout', { schema: { tags, response: { 204: z.null() } } }, async (request, reply) => {
    const token = request.cookies[cookieNames.staff];
    if (token) await deps.sessions.revokeByToken('staff', token);
    clearSessionCookie(reply, request, cookieNames.staff);
    return reply.code(204).send(null);
  });

  r.get('/api/v1/staff/me', {
    preHandler: deps.guards.requireStaff(),
    schema: { tags, summary: 'The signed-in staff member', response: { 200: StaffResponse, ...problems(401) } },
  }, async (request) => deps.staff.getStaff(staffOf(request).staffId));
}
