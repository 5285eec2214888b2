import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import { AppError } from './core/errors.js';
import { configureZodMessages } from './core/http/zod-messages.js';
import { installHostKinds } from './core/http/tenant-host.js';
import { installFormBodies } from './core/http/form-body.js';
import { installCsrfGuard } from './core/http/csrf.js';
import { registerDocs } from './core/http/docs.js';
import { registerHealthRoutes } from './core/http/health.js';
import { registerWebApp } from './core/http/web-app.js';
import { installProblemHandler } from './core/http/problem.js';
import { validatorCompiler } from './core/http/validator.js';
import { installSecurityHeaders } from './core/http/security-headers.js';
import { loggerOptions, RequestLog } from './core/logging.js';
import { registerModuleRoutes } from './core/module.js';
import type { Platform } from './platform.js';
import { customerAccessOf } from './modules/auth/index.js';
import type { RegisteredRoute } from './core/http/fastify-augment.js';

export interface AppOptions {
  logStream?: DestinationStream;
  /** Extra routes (benchmarks register their ceilings here), added before the app is ready. */
  extraRoutes?: (app: FastifyInstance) => void;
  /** Directory of the built web app to serve (see src/web-build.ts); none: API only. */
  webDistDir?: string;
  /** Runs the background flush of the rate-limit store (off in tests that flush by hand). */
  startBackgroundWork?: boolean;
}

const requestIdPattern = /^[A-Za-z0-9._-]{8,64}$/;

/** Builds the HTTP application from a platform. Listening is the caller's business. */
export async function buildApp(platform: Platform, opts: AppOptions = {}): Promise<FastifyInstance> {
  const { config } = platform;
  configureZodMessages();
  const app = Fastify({
    logger: loggerOptions(config.logLevel, opts.logStream),
    // One line per request, when it completes (src/core/logging.ts); no "incoming request" line.
    logController: new RequestLog(),
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    bodyLimit: config.bodyLimit,
    // A client's X-Request-Id is kept when it looks like an id, so traces join up across services.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandler(app);
  installFormBodies(app, config.bodyLimit);

  app.decorateRequest('ctx', undefined as never);
  // Hooks on every request take a callback rather than returning a promise: one microtask less each.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    request.ctx = {
      requestId: request.id,
      ip: request.ip,
      userAgent: request.headers['user-agent']?.slice(0, 512) ?? null,
      language: request.headers['accept-language']?.slice(0, 200),
      now: platform.clock.now(),
      actor: { kind: 'anonymous' },
    };
    done();
  });

  // The back office shows a shop's storefront in a frame (the theme's live preview) and its product
  // images, both served on the shop's own host: those hosts, and only they, are allowed to be framed
  // and loaded; a storefront may be framed by the platform's own pages and nobody else.
  const shopHosts = [`http://*.${config.platformDomain}:*`, `https://*.${config.platformDomain}:*`];
  const platformOrigins = config.publicUrl
    ? [new URL(config.publicUrl).origin]
    : [`http://${config.platformDomain}:*`, `http://localhost:*`];
  installSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        // The API docs page loads its own script and styles from this origin only.
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', ...shopHosts],
        'frame-src': ["'self'", ...shopHosts],
        'frame-ancestors': ["'self'", ...platformOrigins],
        // TLS is the proxy's business; on plain http (a laptop) this would break every asset.
        'upgrade-insecure-requests': null,
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimit.max,
    timeWindow: config.rateLimit.windowMs,
    store: platform.rateStore.Store as never,
    keyGenerator: (request) => request.ip,
    errorResponseBuilder: (_request, context) =>
      new AppError('blocked', `Too many requests from this address. Try again in ${Math.ceil(context.ttl / 1000)} s.`, {
        retryAfterSeconds: context.ttl / 1000,
      }),
  });
  installCsrfGuard(app, { publicUrl: config.publicUrl });
  await registerDocs(app);

  // Every route with its options as registered: the generated permission and tenant tests walk it.
  const routeTable: RegisteredRoute[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    // Who may call a route is checked before its input: a caller without the permission gets 403,
    // never a validation error that tells them about the route's fields.
    const access = customerAccessOf(route.preHandler);
    for (const method of [route.method].flat())
      if (method !== 'HEAD') routeTable.push({ method, url: route.url, access });
    if (access !== undefined) {
      const handlers = [route.preHandler].flat().filter((h) => h !== undefined);
      route.preValidation = [...handlers, ...[route.preValidation ?? []].flat()] as typeof route.preValidation;
      route.preHandler = undefined;
    }
  });
  registerHealthRoutes(app, platform.database);
  installHostKinds(app, config.platformDomain);
  registerModuleRoutes(app, platform.modules, platform as unknown as Record<string, unknown>, platform.kitFor);
  if (opts.webDistDir) await registerWebApp(app, opts.webDistDir);
  opts.extraRoutes?.(app);

  if (opts.startBackgroundWork !== false) {
    platform.rateStore.start();
    platform.jobs.start();
    platform.mailer.start();
  }
  app.addHook('onClose', async () => {
    await platform.jobs.stop();
    await platform.rateStore.stop();
    await platform.mailer.stop();
  });
  await platform.rateStore.reloadBlocks();
  await app.ready();
  return app;
}
