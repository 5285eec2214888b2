import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { shopSlugOf } from '../../core/http/tenant-host.js';
import type { ShopLookup, StorefrontShop } from './shop-lookup.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The shop whose host this request came to; set for storefront routes only. */
    shop: StorefrontShop | null;
  }
}

/**
 * Requests to a shop's host are the storefront's, whatever the path: the platform's site and API
 * answer on the bare domain only. Runs for every request, after the router (see installHostKinds).
 */
export function installShopHosts(
  app: FastifyInstance,
  deps: {
    platformDomain: string;
    lookup: ShopLookup;
    unknownShop: (reply: FastifyReply) => FastifyReply;
    unavailable: (reply: FastifyReply, shop: StorefrontShop) => Promise<FastifyReply> | FastifyReply;
    notFound: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply> | FastifyReply;
  },
) {
  app.decorateRequest('shop', null);
  app.addHook('onRequest', async (request, reply) => {
    const storefrontRoute = request.routeOptions.config.storefront === true;
    const slug = shopSlugOf(request.hostname, deps.platformDomain);
    if (slug === null) {
      if (storefrontRoute) return reply.callNotFound();
      return;
    }
    const shop = await deps.lookup.find(slug);
    if (!shop || shop.status === 'closed') return deps.unknownShop(reply);
    if (shop.status === 'suspended') return deps.unavailable(reply, shop);
    request.shop = shop;
    if (!storefrontRoute) return deps.notFound(request, reply);
  });
}
