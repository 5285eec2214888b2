/** Crawl the catalogue; keep out of the visitor's own pages and of search results (endless, thin). */
export function robotsTxt(shopUrl: string): string {
  const sitemap = new URL('/sitemap.xml', shopUrl).href;
  return [
    'User-agent: *',
    'Allow: /',
    'Disallow: /cart',
    'Disallow: /checkout',
    'Disallow: /orders',
    'Disallow: /search',
    '',
    `Sitemap: ${sitemap}`,
    '',
  ].join('\n');
}
