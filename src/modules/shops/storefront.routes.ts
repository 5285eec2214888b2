import type { FastifyInstance } from 'fastify';
import { shopSlugOf } from './shop-host.js';
import type { ShopsService } from './shops.service.js';
import { shopHomePage, shopNotFoundPage, unavailableShopPage, unknownShopPage } from './storefront-pages.js';

/**
 * Requests to a shop's host (`<slug>.<PLATFORM_DOMAIN>`) are the storefront's, whatever the path:
 * the platform's site and API answer on the bare domain only. Runs first, before any route.
 */
export function installStorefrontHosts(app: FastifyInstance, deps: { shops: ShopsService; platformDomain: string }) {
  app.addHook('onRequest', async (request, reply) => {
    const slug = shopSlugOf(request.hostname, deps.platformDomain);
    if (slug === null) return;
    const shop = await deps.shops.bySlug(slug);
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    if (!shop || shop.status === 'closed') return reply.code(404).send(unknownShopPage());
    if (shop.status === 'suspended') return reply.code(503).header('retry-after', '3600').send(unavailableShopPage());
    const path = request.url.split('?')[0];
    if ((request.method !== 'GET' && request.method !== 'HEAD') || path !== '/')
      return reply.code(404).send(shopNotFoundPage(shop));
    return reply.code(200).send(shopHomePage(shop));
  });
}
