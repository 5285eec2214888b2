import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import { problems, typed } from '../../core/http/types.js';
import {
  cookieNames,
  customerOf,
  deviceCookies,
  setDeviceCookie,
  setSessionCookie,
  type AuthGuards,
} from '../auth/index.js';
import type { SecurityService } from '../security/index.js';
import type { MfaService } from '../mfa/index.js';
import { checkSignIn } from '../auth/index.js';
import {
  AccessHistoryResponse,
  AccountResponse,
  ChangePasswordBody,
  ConsentResponse,
  LoginBody,
  MarketingConsentBody,
  SignupBody,
  UpdateAccountBody,
} from './accounts.schemas.js';
import { toAccountView, type AccountsService } from './accounts.service.js';
import { registerCountryRoutes } from './countries.routes.js';
import type { ConsentService } from '../consent/index.js';

export function registerAccountRoutes(
  app: FastifyInstance,
  deps: {
    accounts: AccountsService;
    consent: ConsentService;
    guards: AuthGuards;
    security: SecurityService;
    mfa: MfaService;
  },
) {
  const r = typed(app);
  const { accounts, guards, security } = deps;
  const tags = ['accounts'];
  registerCountryRoutes(app);

  r.post(
    '/api/v1/auth/signup',
    {
      schema: {
        tags,
        summary: 'Open a merchant account',
        body: SignupBody,
        response: { 201: AccountResponse, ...problems(409, 422) },
      },
    },
    async (request, reply) => {
      const { account, session } = await accounts.signup(request.ctx, request.body);
      setSessionCookie(reply, request, cookieNames.customer, session.token, session.expiresAt);
      return reply.code(201).send(account);
    },
  );

  r.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags,
        summary: 'Sign in as a merchant',
        body: LoginBody,
        response: { 200: AccountResponse, ...problems(401, 422, 429) },
      },
    },
    async (request, reply) => {
      const { id: accountId, deviceCookie } = await checkSignIn(
        { security, mfa: deps.mfa },
        {
          principal: 'customer',
          scope: 'account',
          ip: request.ctx.ip,
          ...request.body,
          deviceCookie: request.cookies[deviceCookies.account.name],
          findPrincipalId: accounts.findAccountIdByEmail,
          verifyPassword: async (email, password) =>
            (await accounts.verifyCredentials(email, password))?.accountId ?? null,
        },
      );
      const session = await accounts.signIn(request.ctx, accountId);
      setSessionCookie(reply, request, cookieNames.customer, session.token, session.expiresAt);
      setDeviceCookie(reply, request, 'account', deviceCookie);
      return accounts.getAccount(accountId);
    },
  );

  // For the web app: who is signed in, without a 401 (the browser logs every 401 as an error).
  r.get(
    '/api/v1/auth/session',
    {
      schema: {
        tags,
        summary: 'The signed-in account, or null',
        response: { 200: z.object({ account: AccountResponse.nullable() }) },
      },
    },
    async (request) => {
      // Most visitors have no session: answer them without an error thrown and caught.
      if (!request.cookies[cookieNames.customer]) return { account: null };
      try {
        await guards.customer('self')(request);
      } catch (e) {
        if (e instanceof AppError) return { account: null };
        throw e;
      }
      return { account: toAccountView(request.signedInAccount!) };
    },
  );

  r.get(
    '/api/v1/account',
    {
      preHandler: guards.customer('profile'),
      schema: { tags, summary: 'The signed-in account', response: { 200: AccountResponse, ...problems(401) } },
    },
    async (request) =>
      request.signedInAccount
        ? toAccountView(request.signedInAccount)
        : accounts.getAccount(customerOf(request).accountId),
  );

  r.patch(
    '/api/v1/account',
    {
      preHandler: guards.customer('profile'),
      schema: {
        tags,
        summary: 'Rectify account data (D2)',
        body: UpdateAccountBody,
        response: { 200: AccountResponse, ...problems(401, 409, 422) },
      },
    },
    async (request) => accounts.updateAccount(request.ctx, customerOf(request).accountId, request.body),
  );

  r.post(
    '/api/v1/account/password',
    {
      preHandler: guards.customer('self'),
      schema: {
        tags,
        summary: 'Change the password; other sessions are revoked',
        body: ChangePasswordBody,
        response: { 200: z.object({ revokedSessions: z.number().int() }), ...problems(401, 422) },
      },
    },
    async (request) => {
      const me = customerOf(request);
      return accounts.changePassword(
        request.ctx,
        me.accountId,
        me.sessionId,
        request.body.currentPassword,
        request.body.newPassword,
      );
    },
  );

  r.put(
    '/api/v1/account/consents/marketing',
    {
      preHandler: guards.customer('self'),
      schema: {
        tags,
        summary: 'Give or withdraw marketing consent (M1, M2)',
        body: MarketingConsentBody,
        response: { 200: ConsentResponse, ...problems(401, 422) },
      },
    },
    async (request) => {
      const record = await accounts.setMarketingConsent(
        request.ctx,
        customerOf(request).accountId,
        request.body.granted,
      );
      return { ...record, recordedAt: record.recordedAt.toISOString() };
    },
  );

  r.get(
    '/api/v1/account/consents',
    {
      preHandler: guards.customer('self'),
      schema: {
        tags,
        summary: 'Consent history of the account',
        response: { 200: z.object({ items: z.array(ConsentResponse) }), ...problems(401) },
      },
    },
    async (request) => {
      const items = await deps.consent.listForAccount(customerOf(request).accountId);
      return { items: items.map((i) => ({ ...i, recordedAt: new Date(i.recordedAt).toISOString() })) };
    },
  );

  r.get(
    '/api/v1/account/access-history',
    {
      preHandler: guards.customer('self'),
      schema: {
        tags,
        summary: 'IPs and times of sign-ins (T2)',
        response: { 200: AccessHistoryResponse, ...problems(401) },
      },
    },
    async (request) => ({ items: await accounts.listAccess(customerOf(request).accountId) }),
  );
}
