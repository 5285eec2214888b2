import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { problems, typed } from '../../core/http/types.js';
import { customerOf, type AuthGuards } from '../auth/index.js';
import { email } from './accounts.schemas.js';
import type { Members } from './members.service.js';
import { permissions } from './permissions.js';

const Permissions = z.array(z.enum(permissions)).max(permissions.length);
const Invitation = z.object({
  id: z.string(),
  email: z.string(),
  permissions: Permissions,
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  expired: z.boolean(),
});
const Member = z.object({
  memberId: z.string(),
  name: z.string(),
  email: z.string(),
  permissions: Permissions,
  addedAt: z.iso.datetime(),
});
const Membership = z.object({
  accountId: z.string(),
  name: z.string(),
  owner: z.boolean(),
  permissions: Permissions,
});
const Token = z.object({ token: z.string().min(20).max(100) });

/** Users of an account (S7): the owner's invitations and users, and each person's accounts. */
export function registerMemberRoutes(app: FastifyInstance, deps: { members: Members; guards: AuthGuards }) {
  const r = typed(app);
  const owner = deps.guards.customer('owner');
  const self = deps.guards.customer('self');
  const tags = ['account users'];

  r.get(
    '/api/v1/account/users',
    {
      preHandler: owner,
      schema: {
        tags,
        summary: 'The users of your account and the invitations still open (owner only)',
        response: {
          200: z.object({ members: z.array(Member), invitations: z.array(Invitation) }),
          ...problems(401, 403),
        },
      },
    },
    async (request) => deps.members.users(request.ctx, customerOf(request).accountId),
  );

  r.post(
    '/api/v1/account/users/invitations',
    {
      preHandler: owner,
      schema: {
        tags,
        summary: 'Invite someone by email to work on your account with these permissions; the link is valid 7 days',
        body: z.object({ email, permissions: Permissions }),
        response: { 201: Invitation, ...problems(401, 403, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await deps.members.invite(request.ctx, customerOf(request).accountId, request.body)),
  );

  r.delete(
    '/api/v1/account/users/invitations/:id',
    {
      preHandler: owner,
      schema: {
        tags,
        summary: 'Withdraw an open invitation',
        params: z.object({ id: z.string().max(64) }),
        response: { 204: z.null(), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deps.members.revokeInvitation(request.ctx, customerOf(request).accountId, request.params.id);
      return reply.code(204).send(null);
    },
  );

  r.put(
    '/api/v1/account/users/:memberId/permissions',
    {
      preHandler: owner,
      schema: {
        tags,
        summary: "Change a user's permissions on your account",
        params: z.object({ memberId: z.string().max(64) }),
        body: z.object({ permissions: Permissions }),
        response: {
          200: z.object({ memberId: z.string(), permissions: Permissions }),
          ...problems(401, 403, 404, 422),
        },
      },
    },
    async (request) =>
      deps.members.setPermissions(
        request.ctx,
        customerOf(request).accountId,
        request.params.memberId,
        request.body.permissions,
      ),
  );

  r.delete(
    '/api/v1/account/users/:memberId',
    {
      preHandler: owner,
      schema: {
        tags,
        summary: 'Remove a user from your account: their sessions working on it end at once',
        params: z.object({ memberId: z.string().max(64) }),
        response: { 204: z.null(), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deps.members.remove(request.ctx, customerOf(request).accountId, request.params.memberId);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/v1/invitations/:token',
    {
      schema: {
        tags,
        summary: 'What an invitation link offers: the account, the address it was sent to, the permissions',
        params: Token,
        response: {
          200: z.object({
            accountName: z.string(),
            email: z.string(),
            permissions: Permissions,
            expiresAt: z.iso.datetime(),
          }),
          ...problems(404),
        },
      },
    },
    async (request) => deps.members.describeInvitation(request.params.token, request.ctx.now),
  );

  r.post(
    '/api/v1/invitations/:token/accept',
    {
      preHandler: self,
      schema: {
        tags,
        summary: 'Accept an invitation sent to your address: you can then work on that account',
        params: Token,
        response: {
          200: z.object({ accountId: z.string(), permissions: Permissions }),
          ...problems(401, 403, 404, 409),
        },
      },
    },
    async (request) => deps.members.accept(request.ctx, customerOf(request).accountId, request.params.token),
  );

  r.get(
    '/api/v1/account/memberships',
    {
      preHandler: self,
      schema: {
        tags,
        summary: 'The accounts you may work on (your own first), and the one this session works on',
        response: {
          200: z.object({ actingAccountId: z.string(), items: z.array(Membership) }),
          ...problems(401),
        },
      },
    },
    async (request) => {
      const person = customerOf(request).accountId;
      const acting = await deps.members.actingAccountOf(customerOf(request).sessionId);
      return { actingAccountId: acting ?? person, items: await deps.members.memberships(person) };
    },
  );

  r.put(
    '/api/v1/account/acting',
    {
      preHandler: self,
      schema: {
        tags,
        summary: 'Work on another account you belong to (or your own) in this session',
        body: z.object({ accountId: z.string().max(64) }),
        response: { 204: z.null(), ...problems(401, 404, 422) },
      },
    },
    async (request, reply) => {
      const { accountId: person, sessionId } = customerOf(request);
      await deps.members.switchTo(request.ctx, person, sessionId, request.body.accountId);
      return reply.code(204).send(null);
    },
  );

  r.delete(
    '/api/v1/account/memberships/:accountId',
    {
      preHandler: self,
      schema: {
        tags,
        summary: 'Stop working on an account you were invited to',
        params: z.object({ accountId: z.string().max(64) }),
        response: { 204: z.null(), ...problems(401, 404) },
      },
    },
    async (request, reply) => {
      await deps.members.remove(request.ctx, request.params.accountId, customerOf(request).accountId);
      return reply.code(204).send(null);
    },
  );
}
