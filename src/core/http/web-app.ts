import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** The client-side routes of the web app; each answers with index.html. */
const appRoutes = ['/', '/plans', '/privacy', '/privacy/*', '/terms', '/contact', '/signup', '/signin', '/account', '/account/*', '/staff', '/staff/*'];

/** Serves the built React app from `distDir` (assets cached for good, the page never). */
export async function registerWebApp(app: FastifyInstance, distDir: string): Promise<void> {
  if (!existsSync(path.join(distDir, 'index.html'))) return;
  await app.register(fastifyStatic, {
    root: path.join(distDir, 'assets'), prefix: '/assets/', index: false, wildcard: true,
    immutable: true, maxAge: '365d', decorateReply: true,
  });
  // The cookie banner: a small script of its own, no framework (web/public/consent-banner.js).
  app.get('/consent-banner.js', { schema: { hide: true } }, (_request, reply) =>
    reply.header('cache-control', 'no-cache').type('text/javascript; charset=utf-8').sendFile('consent-banner.js', distDir));
  for (const url of appRoutes) {
    app.get(url, { schema: { hide: true } }, (_request, reply) =>
      reply.header('cache-control', 'no-cache').sendFile('index.html', distDir));
  }
}
