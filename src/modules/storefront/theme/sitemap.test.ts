import { describe, expect, it } from 'vitest';
import {
  robotsTxt,
  sitemapIndex,
  sitemapPage,
  sitemapPageCount,
  sitemapPageRange,
  type SitemapEntry,
} from './index.js';
import { parseXml } from './test-support/xml.js';

const shopUrl = 'http://loja-da-maria.localhost:3000';
const ns = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const entries: SitemapEntry[] = Array.from({ length: 12 }, (_, i) => ({
  path: `/products/p-${i + 1}`,
  lastmod: new Date(Date.UTC(2026, 10, i + 1)),
}));

describe('sitemaps', () => {
  it('index the pages of at most N URLs each, and each page is a urlset of its slice', () => {
    const pageSize = 5;
    expect(sitemapPageCount(entries.length, pageSize)).toBe(3);
    const index = parseXml(sitemapIndex({ shopUrl, totalUrls: entries.length, pageSize }));
    expect(index.name).toBe('sitemapindex');
    expect(index.attrs).toEqual({ xmlns: ns });
    expect(index.children.map((s) => [s.name, s.children.map((c) => [c.name, c.text])])).toEqual([
      ['sitemap', [['loc', `${shopUrl}/sitemap-1.xml`]]],
      ['sitemap', [['loc', `${shopUrl}/sitemap-2.xml`]]],
      ['sitemap', [['loc', `${shopUrl}/sitemap-3.xml`]]],
    ]);
    const locs: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const { offset, limit } = sitemapPageRange(page, pageSize);
      const urlset = parseXml(sitemapPage(shopUrl, entries.slice(offset, offset + limit), pageSize));
      expect(urlset.name).toBe('urlset');
      expect(urlset.attrs).toEqual({ xmlns: ns });
      expect(urlset.children.length).toBe(page < 3 ? 5 : 2);
      for (const url of urlset.children) {
        expect(url.name).toBe('url');
        expect(url.children.map((c) => c.name)).toEqual(['loc', 'lastmod']);
        locs.push(url.children[0]!.text);
      }
    }
    expect(locs).toEqual(entries.map((e) => `${shopUrl}${e.path}`));
  });

  it('default to 5000 URLs a page, and an empty catalogue still has one (empty) page', () => {
    expect(sitemapPageCount(5000)).toBe(1);
    expect(sitemapPageCount(5001)).toBe(2);
    expect(sitemapPageRange(3)).toEqual({ offset: 10_000, limit: 5000 });
    expect(sitemapPageCount(0)).toBe(1);
    expect(parseXml(sitemapPage(shopUrl, [])).children).toEqual([]);
    expect(parseXml(sitemapIndex({ shopUrl, totalUrls: 0 })).children).toHaveLength(1);
  });

  it('escape what they contain, and stay on the shop’s own address', () => {
    const xml = sitemapPage(shopUrl, [{ path: "/search?a=1&b=<'x'>" }, { path: '/collections/chá' }]);
    const locs = parseXml(xml).children.map((u) => u.children[0]!.text);
    expect(locs).toEqual([`${shopUrl}/search?a=1&b=%3C%27x%27%3E`, `${shopUrl}/collections/ch%C3%A1`]);
    expect(xml).toContain('a=1&amp;b=');
    expect(() => sitemapPage(shopUrl, [{ path: 'https://elsewhere.example/x' }])).toThrow(/not on/);
    expect(() => sitemapPage(shopUrl, entries, 5)).toThrow(/at most 5/);
    expect(() => sitemapPageRange(0)).toThrow(RangeError);
    expect(() => sitemapPageCount(1, 50_001)).toThrow(RangeError);
  });

  it('are checked by a parser that does refuse malformed XML', () => {
    const header = '<?xml version="1.0" encoding="UTF-8"?>\n';
    for (const bad of ['<a><b></a>', '<a>x & y</a>', '<a x=1></a>', '<a></a><b></b>', '<a>'])
      expect(() => parseXml(header + bad), bad).toThrow();
    expect(() => parseXml('<a></a>')).toThrow(/declaration/);
  });
});

describe('robots.txt', () => {
  it('lets crawlers into the catalogue, keeps them out of cart, checkout, orders and search, and names the sitemap', () => {
    expect(robotsTxt(`${shopUrl}/`)).toBe(
      [
        'User-agent: *',
        'Allow: /',
        'Disallow: /cart',
        'Disallow: /checkout',
        'Disallow: /orders',
        'Disallow: /search',
        '',
        `Sitemap: ${shopUrl}/sitemap.xml`,
        '',
      ].join('\n'),
    );
  });
});
