import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Addresses that are never a page of the web app: an unknown one stays a problem+json 404. */
const notPages = [/^\/api(\/|$)/, /^\/assets(\/|$)/, /^\/(healthz|readyz)$/, /^\/internal(\/|$)/];

/**
 * Whether a GET is for a page of the web app, which the app itself routes (and shows its own
 * "not found" for). Anything that looks like a file (has an extension) is an asset, not a page.
 * A storefront's host or path prefix joins the exclusions here.
 */
export function isWebAppPage(request: Pick<FastifyRequest, 'url'>): boolean {
  const pathname = request.url.split('?')[0]!;
  return !notPages.some((p) => p.test(pathname)) && !/\.[A-Za-z0-9]+$/.test(pathname);
}

/** Serves the built React app from `distDir` (assets cached for good, the page never). */
export async function registerWebApp(
  app: FastifyInstance,
  distDir: string,
  isPage: (request: FastifyRequest) => boolean = isWebAppPage,
): Promise<void> {
  if (!existsSync(path.join(distDir, 'index.html'))) return;
  await app.register(fastifyStatic, {
    root: path.join(distDir, 'assets'),
    prefix: '/assets/',
    index: false,
    wildcard: true,
    immutable: true,
    maxAge: '365d',
    decorateReply: true,
  });
  // The cookie banner: a small script of its own, no framework (web/public/consent-banner.js).
  app.get('/consent-banner.js', { schema: { hide: true } }, (_request, reply) =>
    reply
      .header('cache-control', 'no-cache')
      .type('text/javascript; charset=utf-8')
      .sendFile('consent-banner.js', distDir, { cacheControl: false }),
  );
  // Every other GET: the page, when it is one (the app knows its own routes); otherwise the usual 404.
  // Routes registered anywhere else win over this wildcard, whatever the order.
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    if (!isPage(request)) return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').sendFile('index.html', distDir, { cacheControl: false });
  });
}
