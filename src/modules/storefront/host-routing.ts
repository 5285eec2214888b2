import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.js';
import { shopSlugOf } from '../../core/http/tenant-host.js';
import type { ShopLookup, StorefrontShop } from './shop-lookup.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The shop whose host this request came to; set for storefront routes only. */
    shop: StorefrontShop | null;
  }
}

/** The shop a storefront route was asked on: the host router resolved it (and only it grants its scope). */
export function shopOf(request: FastifyRequest) {
  const shop = request.shop;
  if (!shop) throw new AppError('not_found', 'No such shop.');
  return shop;
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
  async function onShopHost(request: FastifyRequest, reply: FastifyReply, slug: string, storefrontRoute: boolean) {
    const shop = await deps.lookup.find(slug);
    if (!shop || shop.status === 'closed') return deps.unknownShop(reply);
    if (shop.status === 'suspended') return deps.unavailable(reply, shop);
    request.shop = shop;
    if (!storefrontRoute) return deps.notFound(request, reply);
    return undefined;
  }

  // A callback hook: every request of the platform's own site passes here, and costs no promise.
  app.addHook('onRequest', (request, reply, done) => {
    const storefrontRoute = request.routeOptions.config.storefront === true;
    const slug = shopSlugOf(request.hostname, deps.platformDomain);
    if (slug === null) {
      if (storefrontRoute) reply.callNotFound();
      else done();
      return;
    }
    onShopHost(request, reply, slug, storefrontRoute).then((sent) => {
      if (sent === undefined) done();
    }, done);
  });
}
