import { escapeHtml } from '../../../core/html.js';

/**
 * XML sitemaps (sitemaps.org): /sitemap.xml is always an index naming pages of at most `pageSize`
 * URLs each, so a large catalogue never needs one huge answer; each page is a urlset.
 */

/** The protocol allows 50 000 URLs per file; fewer keep each answer small and quick to build. */
export const defaultSitemapPageSize = 5000;
const protocolLimit = 50_000;

export interface SitemapEntry {
  /** A path on the shop ('/products/blue-mug') or an absolute URL on it. */
  path: string;
  lastmod?: Date | string | null;
}

const xmlHeader = '<?xml version="1.0" encoding="UTF-8"?>\n';
const namespace = 'http://www.sitemaps.org/schemas/sitemap/0.9';

function checkPageSize(pageSize: number) {
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > protocolLimit)
    throw new RangeError(`pageSize must be an integer from 1 to ${protocolLimit}`);
}

export function sitemapPageCount(totalUrls: number, pageSize = defaultSitemapPageSize): number {
  checkPageSize(pageSize);
  return Math.max(1, Math.ceil(totalUrls / pageSize));
}

/** Which entries page `page` (from 1) holds, to fetch only those. */
export function sitemapPageRange(page: number, pageSize = defaultSitemapPageSize): { offset: number; limit: number } {
  checkPageSize(pageSize);
  if (!Number.isInteger(page) || page < 1) throw new RangeError('page must be an integer from 1');
  return { offset: (page - 1) * pageSize, limit: pageSize };
}

const lastmodOf = (value: Date | string | null | undefined) =>
  value ? `<lastmod>${escapeHtml(new Date(value).toISOString())}</lastmod>` : '';

/** The path of sitemap page n, as the index names it (the routes serve it there). */
export const defaultSitemapPagePath = (page: number) => `/sitemap-${page}.xml`;

export function sitemapIndex(opts: {
  shopUrl: string;
  totalUrls: number;
  pageSize?: number;
  pagePath?: (page: number) => string;
  lastmod?: Date | string | null;
}): string {
  const pages = sitemapPageCount(opts.totalUrls, opts.pageSize);
  const pagePath = opts.pagePath ?? defaultSitemapPagePath;
  const items = Array.from(
    { length: pages },
    (_, i) =>
      `<sitemap><loc>${escapeHtml(new URL(pagePath(i + 1), opts.shopUrl).href)}</loc>${lastmodOf(opts.lastmod)}</sitemap>`,
  );
  return `${xmlHeader}<sitemapindex xmlns="${namespace}">\n${items.join('\n')}\n</sitemapindex>\n`;
}

/** One page of URLs; refuses more than `pageSize` (the index promised no more). */
export function sitemapPage(shopUrl: string, entries: SitemapEntry[], pageSize = defaultSitemapPageSize): string {
  checkPageSize(pageSize);
  if (entries.length > pageSize) throw new RangeError(`a sitemap page holds at most ${pageSize} URLs`);
  const origin = new URL(shopUrl).origin;
  const items = entries.map((e) => {
    const loc = new URL(e.path, shopUrl);
    if (loc.origin !== origin) throw new RangeError(`sitemap entry ${loc.href} is not on ${origin}`);
    return `<url><loc>${escapeHtml(loc.href)}</loc>${lastmodOf(e.lastmod)}</url>`;
  });
  return `${xmlHeader}<urlset xmlns="${namespace}">\n${items.join('\n')}${items.length ? '\n' : ''}</urlset>\n`;
}
