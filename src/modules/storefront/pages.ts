import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CatalogueReads } from '../catalogue/index.js';
import { CONSENT_COOKIE, parseConsentCookie, type CookieConsentService } from '../consent/index.js';
import { addressLine, type ShopScope } from '../shops/index.js';
import { imageObject } from './catalogue-objects.js';
import type { PageCache } from './page-cache.js';
import type { StorefrontShop } from './shop-lookup.js';
import type { ShopTheme, ShopThemes } from './shop-themes.js';
import { compressedForm, encodedPage, etagFor, pageEncodingFor, type EncodedPage } from './page-encoding.js';
import {
  themeLanguage,
  type CartObject,
  type PageBase,
  type TemplateObjects,
  type ThemeTemplate,
} from './theme/index.js';

/** What the storefront needs of carts (the orders module keeps them): the header's count and lines. */
export interface CartSummarySource {
  cookieName: string;
  summary(
    scope: ShopScope,
    cookieValue: string | undefined,
  ): Promise<{
    itemCount: number;
    totalCents: number;
    lines: {
      key: string;
      variantId: string;
      productTitle: string;
      productHandle: string;
      variantTitle: string | null;
      quantity: number;
      unitPriceCents: number;
      lineTotalCents: number;
    }[];
  } | null>;
}

type PageObjects<T extends ThemeTemplate> = Omit<TemplateObjects[T], keyof PageBase>;

export interface PageSpec<T extends ThemeTemplate> {
  template: T;
  objects: PageObjects<T>;
  /** This page's title (the layout adds the shop's name); '' on the home page. */
  title: string;
  description?: string | null | undefined;
  status?: number;
}

const emptyCart: CartObject = { item_count: 0, total_price: 0, items: [] };

const routes = {
  root_url: '/',
  cart_url: '/cart',
  cart_add_url: '/cart/add',
  cart_change_url: '/cart/change',
  cart_update_url: '/cart/update',
  search_url: '/search',
  checkout_url: '/checkout',
  account_url: '/account',
};

/** Who runs the shop, as its pages' footer says; null when the merchant has given nothing yet. */
function legalOf(shop: StorefrontShop) {
  const legal = {
    name: shop.legal_name,
    tax_id: shop.tax_id,
    email: shop.contact_email,
    phone: shop.contact_phone,
    address: addressLine({
      line1: shop.address_line1,
      postalCode: shop.address_postal_code,
      city: shop.address_city,
      country: shop.address_country,
    }),
  };
  return Object.values(legal).some((v) => v) ? legal : null;
}

const etagOf = (body: string) => `"${createHash('sha1').update(body).digest('base64url')}"`;

/**
 * Storefront pages: the theme rendered with what every page shows (the shop, its navigation, the
 * visitor's cart, the cookie banner), and HTTP caching done for them.
 *
 * Catalogue pages (`catalogue`) are the same for every visitor without a cart, so they are kept
 * rendered per shop, language, address and banner state, and revalidated with ETag (no-cache: a
 * browser always asks, and gets 304 when nothing changed). A visitor with a cart sees their own
 * count, so their pages are rendered for them (private). Cart, checkout and order pages are never
 * stored (no-store).
 */
export function createStorefrontPages(deps: {
  cache: PageCache;
  themes: Pick<ShopThemes, 'themeOf' | 'render'>;
  catalogueReads: CatalogueReads;
  cookieConsent: CookieConsentService;
  carts: CartSummarySource | null;
}) {
  const languageOf = (request: FastifyRequest) =>
    themeLanguage(request.headers['accept-language']?.split(',')[0]?.split(';')[0]);
  const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;
  const pathOf = (request: FastifyRequest) => request.url.split('?')[0] ?? '/';
  /** The visitor's decision on the notice in force, or null when the banner must ask. */
  const decisionOf = (request: FastifyRequest, notice = deps.cookieConsent.notice(request.ctx)) => {
    const cookie = parseConsentCookie(request.cookies[CONSENT_COOKIE]);
    return cookie !== null && cookie.version === notice.version ? cookie : null;
  };
  const hasCart = (request: FastifyRequest) =>
    deps.carts !== null && request.cookies[deps.carts.cookieName] !== undefined;

  async function cartOf(request: FastifyRequest): Promise<CartObject> {
    if (!deps.carts || !hasCart(request)) return emptyCart;
    const summary = await deps.carts.summary(request.shop!.scope, request.cookies[deps.carts.cookieName]);
    if (!summary) return emptyCart;
    return {
      item_count: summary.itemCount,
      total_price: summary.totalCents,
      items: summary.lines.map((l) => ({
        key: l.key,
        variant_id: l.variantId,
        product_title: l.productTitle,
        variant_title: l.variantTitle,
        quantity: l.quantity,
        price: l.unitPriceCents,
        line_price: l.lineTotalCents,
        url: `/products/${l.productHandle}`,
      })),
      requires_shipping: summary.itemCount > 0,
    };
  }

  async function pageBase(request: FastifyRequest, title: string, description?: string | null): Promise<PageBase> {
    const shop = request.shop!;
    const origin = originOf(request);
    await deps.cache.ready();
    const [collections, cart] = await Promise.all([
      deps.cache.remember(shop.id, 'nav', () => deps.catalogueReads.collections(shop.scope, { activeOnly: true })),
      cartOf(request),
    ]);
    const notice = deps.cookieConsent.notice(request.ctx);
    const decided = decisionOf(request, notice);
    const page = new URL(request.url, origin).searchParams.get('page');
    return {
      shop: {
        name: shop.name,
        url: origin,
        locale: 'pt-PT',
        currency: shop.currency,
        primary_colour: shop.primary_colour,
        accent_colour: shop.accent_colour,
        timezone: 'Europe/Lisbon',
        collections: collections
          .filter((c) => Number(c.products_count ?? 0) > 0)
          .map((c) => ({ handle: c.handle, title: c.title, url: `/collections/${c.handle}` })),
        logo: shop.logo ? imageObject({ ...shop.logo, alt: shop.name }) : null,
        legal: legalOf(shop),
        privacy_url: '/privacy',
      },
      routes,
      cart,
      consent: {
        show: decided === null,
        text: notice.text,
        version: notice.version,
        controller: shop.name,
        action: '/cookies/consent',
        categories: [
          { id: 'statistical', checked: decided?.statistical ?? false },
          { id: 'marketing', checked: decided?.marketing ?? false },
        ],
        return_to: request.url.startsWith('/') && !request.url.startsWith('//') ? request.url : '/',
        policy_url: '/privacy',
      },
      page_title: title,
      page_description: description ?? null,
      canonical_url: `${origin}${pathOf(request)}${page && page !== '1' ? `?page=${encodeURIComponent(page)}` : ''}`,
      csrf: null,
    };
  }

  async function renderBody<T extends ThemeTemplate>(request: FastifyRequest, spec: PageSpec<T>) {
    const base = await pageBase(request, spec.title, spec.description);
    return renderWith(request, spec, base, await deps.themes.themeOf(request.shop!.scope));
  }

  function renderWith<T extends ThemeTemplate>(
    request: FastifyRequest,
    spec: PageSpec<T>,
    base: PageBase,
    shopTheme: ShopTheme,
  ) {
    return deps.themes.render(shopTheme, spec.template, { ...base, ...spec.objects } as TemplateObjects[T], {
      language: languageOf(request),
    });
  }

  /**
   * A catalogue page as this request takes it: compressed when it accepts an encoding and the cached
   * page has that form ready (made off the main thread after its first hit), each form with its own
   * ETag, and 304 when the browser holds the same one.
   */
  function send(request: FastifyRequest, reply: FastifyReply, page: EncodedPage, fromCache: boolean) {
    const encoding = fromCache && page.status === 200 ? pageEncodingFor(request.headers['accept-encoding']) : null;
    const compressed = encoding ? compressedForm(page, encoding) : null;
    const used = compressed ? encoding : null;
    const etag = etagFor(page.etag, used);
    reply
      .type('text/html; charset=utf-8')
      .header('etag', etag)
      .header('vary', 'Accept-Encoding, Accept-Language, Cookie');
    if (page.status === 200 && request.headers['if-none-match'] === etag) return reply.code(304).send();
    if (used) reply.header('content-encoding', used);
    return reply.code(page.status).send(compressed ?? page.body);
  }

  /**
   * A catalogue page: served from the shop's cache when this visitor sees the shared version, else
   * rendered (and kept) from `load`, which returns null when the page does not exist.
   */
  async function catalogue<T extends ThemeTemplate>(
    request: FastifyRequest,
    reply: FastifyReply,
    load: () => Promise<PageSpec<T> | null>,
  ) {
    const shopId = request.shop!.id;
    const shared = !hasCart(request);
    reply.header('cache-control', shared ? 'public, no-cache' : 'private, no-cache');
    const key = `${languageOf(request)}\n${decisionOf(request) ? 1 : 0}\n${request.url}`;
    if (shared) {
      await deps.cache.ready();
      const hit = deps.cache.get(shopId, key);
      if (hit) return send(request, reply, hit, true);
    }
    const generation = deps.cache.generation(shopId);
    // The page's reads and its navigation (and the visitor's cart) in one unit of work; the theme
    // renders after it has ended, so no transaction stays open while the CPU works.
    const read = await deps.catalogueReads.together(request.shop!.scope, async () => {
      const spec = await load();
      if (!spec) return null;
      const base = await pageBase(request, spec.title, spec.description);
      return { spec, base, shopTheme: await deps.themes.themeOf(request.shop!.scope) };
    });
    if (!read) return notFound(request, reply);
    const { spec, base, shopTheme } = read;
    const body = await renderWith(request, spec, base, shopTheme);
    const page = encodedPage(body, etagOf(body), spec.status ?? 200);
    if (shared && page.status === 200) deps.cache.set(shopId, key, page, generation);
    // Compressed forms are made on the page's second request: one that is rendered once costs none.
    return send(request, reply, page, false);
  }

  /** A page for this visitor alone (cart, checkout, order): never stored by anyone. */
  async function render<T extends ThemeTemplate>(request: FastifyRequest, reply: FastifyReply, spec: PageSpec<T>) {
    const body = await renderBody(request, spec);
    return reply
      .code(spec.status ?? 200)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(body);
  }

  async function notFound(request: FastifyRequest, reply: FastifyReply) {
    return render(request, reply, { template: '404', objects: {}, title: 'Not found', status: 404 });
  }

  async function unavailable(reply: FastifyReply) {
    // The default theme's page: a suspended shop's own code is not run.
    const body = await deps.themes.render(null, 'unavailable', {}, { language: 'en' });
    return reply
      .code(503)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('retry-after', '3600')
      .send(body);
  }

  return { catalogue, render, notFound, unavailable, languageOf, originOf };
}
export type StorefrontPages = ReturnType<typeof createStorefrontPages>;
