import { createReadStream } from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { problems, typed } from '../../core/http/types.js';
import { customerOf, type AuthGuards } from '../auth/index.js';
import type { PrivacyRequestsService } from './requests.service.js';
import { email } from '../accounts/index.js';

const RequestView = z.object({
  id: z.string(),
  type: z.enum(['access', 'portability', 'rectification', 'restriction', 'erasure', 'objection']),
  status: z.enum(['received', 'in_progress', 'completed', 'refused']),
  createdAt: z.iso.datetime(),
  dueAt: z.iso.datetime(),
  completedAt: z.iso.datetime().nullable(),
  extensionReason: z.string().nullable(),
  refusalReason: z.string().nullable(),
  overdue: z.boolean(),
  downloadUrl: z.string().nullable(),
  downloadExpiresAt: z.iso.datetime().nullable(),
});
const StaffRequestView = RequestView.extend({ accountId: z.string().nullable(), details: z.string().nullable() });

/** A data archive as a download that no cache keeps. */
const sendArchive = (reply: FastifyReply, file: string) =>
  reply
    .type('application/zip')
    .header('content-disposition', 'attachment; filename="sellrocket-my-data.zip"')
    .header('cache-control', 'no-store')
    .send(createReadStream(file));

export function registerPrivacyRequestRoutes(
  app: FastifyInstance,
  deps: { requests: PrivacyRequestsService; guards: AuthGuards; publicUrl: string | undefined },
) {
  const r = typed(app);
  const tags = ['privacy requests'];

  r.post(
    '/api/v1/privacy/public-requests',
    {
      schema: {
        tags,
        summary: 'A request from someone not signed in; a one-time link is emailed to verify the address',
        body: z.object({ email, type: RequestView.shape.type, details: z.string().max(5000).optional() }),
        response: { 202: z.object({ status: z.literal('verification-sent') }), ...problems(422, 429) },
      },
    },
    async (request, reply) => {
      const origin = deps.publicUrl
        ? new URL(deps.publicUrl).origin
        : `${request.protocol}://${request.headers.host ?? 'localhost'}`;
      await deps.requests.receivePublic(
        request.ctx,
        request.body,
        (token) => `${origin}/privacy/request/verify?token=${encodeURIComponent(token)}`,
      );
      return reply.code(202).send({ status: 'verification-sent' as const });
    },
  );

  r.post(
    '/api/v1/privacy/public-requests/verify',
    {
      schema: {
        tags,
        summary: 'Verify the email of a public request; the request counts from now',
        body: z.object({ token: z.string().min(10).max(200) }),
        response: {
          201: z.object({
            id: z.string(),
            type: RequestView.shape.type,
            dueAt: z.iso.datetime(),
            /** The shops this email is a shopper of, which were sent the request too (their merchants answer for their data). */
            forwardedTo: z.array(z.string()),
          }),
          ...problems(404, 422),
        },
      },
    },
    async (request, reply) => reply.code(201).send(await deps.requests.verifyPublic(request.ctx, request.body.token)),
  );
  r.post(
    '/api/v1/privacy/public-requests/download',
    {
      schema: {
        tags,
        summary:
          'Download the archive of a request made without signing in, with the one-time link emailed to its verified address (valid 7 days)',
        body: z.object({ token: z.string().min(10).max(200) }),
        produces: ['application/zip'],
      },
    },
    async (request, reply) => {
      return sendArchive(reply, await deps.requests.downloadByToken(request.ctx, request.body.token));
    },
  );
  const customer = deps.guards.customer('self');
  const privacyStaff = deps.guards.requireStaff('privacy');

  r.post(
    '/api/v1/privacy/requests',
    {
      preHandler: customer,
      schema: {
        tags,
        summary: 'Make a data-subject request (D1–D5); access, portability and erasure need the password again',
        body: z.object({
          type: RequestView.shape.type,
          details: z.string().max(5000).optional(),
          confirmPassword: z.string().max(1024).optional(),
        }),
        response: { 201: RequestView, ...problems(401, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await deps.requests.create(request.ctx, customerOf(request).accountId, request.body)),
  );

  r.get(
    '/api/v1/privacy/requests',
    {
      preHandler: customer,
      schema: {
        tags,
        summary: 'My requests',
        response: { 200: z.object({ items: z.array(RequestView) }), ...problems(401) },
      },
    },
    async (request) => ({ items: await deps.requests.listForAccount(customerOf(request).accountId) }),
  );

  r.get(
    '/api/v1/privacy/requests/:id',
    {
      preHandler: customer,
      schema: {
        tags,
        summary: 'One of my requests',
        params: z.object({ id: z.string().max(64) }),
        response: { 200: RequestView, ...problems(401, 404) },
      },
    },
    async (request) => deps.requests.getForAccount(customerOf(request).accountId, request.params.id),
  );

  r.get(
    '/api/v1/privacy/requests/:id/download',
    {
      preHandler: customer,
      schema: {
        tags,
        summary: 'Download the archive (valid 7 days)',
        params: z.object({ id: z.string().max(64) }),
        produces: ['application/zip'],
      },
    },
    async (request, reply) =>
      sendArchive(
        reply,
        await deps.requests.downloadPath(request.ctx, customerOf(request).accountId, request.params.id),
      ),
  );

  r.get(
    '/api/v1/staff/privacy/requests',
    {
      preHandler: privacyStaff,
      schema: {
        tags,
        summary: 'The request queue, by due date',
        querystring: z.object({
          status: RequestView.shape.status.optional(),
          overdue: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: z.object({ items: z.array(StaffRequestView) }), ...problems(401, 403) },
      },
    },
    async (request) => ({
      items: await deps.requests.listQueue({ status: request.query.status, overdue: request.query.overdue === 'true' }),
    }),
  );

  r.get(
    '/api/v1/staff/privacy/requests/:id',
    {
      preHandler: privacyStaff,
      schema: {
        tags,
        summary: 'A request with its full history',
        params: z.object({ id: z.string().max(64) }),
        response: {
          200: z.object({
            request: StaffRequestView,
            history: z.array(
              z.object({
                at: z.iso.datetime(),
                actorKind: z.string(),
                actorId: z.string().nullable(),
                action: z.string(),
              }),
            ),
          }),
          ...problems(401, 403, 404),
        },
      },
    },
    async (request) => deps.requests.getForStaff(request.ctx, request.params.id),
  );

  r.post(
    '/api/v1/staff/privacy/requests/:id/approve',
    {
      preHandler: privacyStaff,
      schema: {
        tags,
        summary: 'Accept and carry out',
        params: z.object({ id: z.string().max(64) }),
        response: { 200: RequestView, ...problems(401, 403, 404, 409) },
      },
    },
    async (request) => deps.requests.approve(request.ctx, request.params.id),
  );

  r.post(
    '/api/v1/staff/privacy/requests/:id/refuse',
    {
      preHandler: privacyStaff,
      schema: {
        tags,
        summary: 'Refuse, with the reason the requester will read',
        params: z.object({ id: z.string().max(64) }),
        body: z.object({ reason: z.string().trim().min(10, 'State the reason (at least 10 characters)').max(2000) }),
        response: { 200: RequestView, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request) => deps.requests.refuse(request.ctx, request.params.id, request.body.reason),
  );

  r.post(
    '/api/v1/staff/privacy/restrictions/:id/lift',
    {
      preHandler: privacyStaff,
      schema: {
        tags,
        summary: 'Lift a restriction: the person is told now, the restriction ends in 7 days (Art. 18(3))',
        params: z.object({ id: z.string().max(64) }),
        response: { 202: z.object({ liftAt: z.iso.datetime() }), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => reply.code(202).send(await deps.requests.scheduleLift(request.ctx, request.params.id)),
  );

  r.post(
    '/api/v1/staff/privacy/requests/:id/extend',
    {
      preHandler: privacyStaff,
      schema: {
        tags,
        summary: 'Extend once by up to two months (Art. 12(3)), with the reason',
        params: z.object({ id: z.string().max(64) }),
        body: z.object({
          months: z.union([z.literal(1), z.literal(2)]),
          reason: z.string().trim().min(10, 'State the reason (at least 10 characters)').max(2000),
        }),
        response: { 200: RequestView, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request) => deps.requests.extend(request.ctx, request.params.id, request.body.months, request.body.reason),
  );
}
