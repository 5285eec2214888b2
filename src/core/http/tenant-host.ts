import type { FastifyInstance } from 'fastify';

/**
 * Which shop a host name is for: `<slug>.<platformDomain>` is a shop; the bare platform domain,
 * `www.` and any other host are the platform's own site and API. The caller gives the host name as
 * Fastify resolved it (X-Forwarded-Host only from a trusted proxy) without the port.
 */
export function shopSlugOf(hostname: string, platformDomain: string): string | null {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  const suffix = `.${platformDomain.toLowerCase()}`;
  if (!host.endsWith(suffix)) return null;
  const label = host.slice(0, -suffix.length);
  if (label === '' || label === 'www' || label.includes('.')) return null;
  return label;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A route of the storefront: it answers on shop hosts only. */
    storefront?: boolean;
  }
}

/** Route options that make a route the storefront's: matched on shop hosts, never on the platform's. */
export const onShopHosts = { constraints: { storefront: 'shop' }, config: { storefront: true } } as const;

const hostOf = (value: string | string[] | undefined) => {
  const raw = Array.isArray(value) ? value.at(-1) : value?.split(',').at(-1);
  return raw?.trim().replace(/:\d+$/, '') ?? '';
};

/**
 * The platform serves two kinds of host: its own (the bare PLATFORM_DOMAIN and www.) and its shops'
 * (`<slug>.<PLATFORM_DOMAIN>`). The router sends a request to the storefront's routes when its Host,
 * or its X-Forwarded-Host, names a shop; the storefront's hook then decides with the host Fastify
 * resolved (X-Forwarded-Host only from a trusted proxy), so a forged header can at most reach a 404.
 * Must be installed before any route uses `onShopHosts`.
 */
export function installHostKinds(app: FastifyInstance, platformDomain: string) {
  const stores = new Map<string, unknown>();
  app.addConstraintStrategy({
    name: 'storefront',
    storage: () => ({
      get: (value: string) => (stores.get(value) ?? null) as never,
      set: (value: string, store: unknown) => void stores.set(value, store),
    }),
    deriveConstraint: (req: { headers: Record<string, string | string[] | undefined> }) =>
      shopSlugOf(hostOf(req.headers.host), platformDomain) !== null ||
      shopSlugOf(hostOf(req.headers['x-forwarded-host']), platformDomain) !== null
        ? 'shop'
        : 'platform',
    mustMatchWhenDerived: false,
  });
}
