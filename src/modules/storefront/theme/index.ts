/** The storefront's rendering layer: a Liquid theme renderer and the pure helpers pages need. */
export { createThemeRenderer, defaultThemeDir } from './renderer.js';
export type { ThemeRenderer, ThemeRendererOptions } from './renderer.js';
export { themeFileSystem } from './theme-fs.js';
export { themeLanguage } from './i18n.js';
export { formatMoney, formatMoneyWithoutCurrency, decimalPrice } from './money.js';
export { productJsonLd } from './json-ld.js';
export { scriptSafeJson } from './script-json.js';
export { paginate } from './paginate.js';
export {
  defaultSitemapPagePath,
  defaultSitemapPageSize,
  sitemapIndex,
  sitemapPage,
  sitemapPageCount,
  sitemapPageRange,
  type SitemapEntry,
} from './sitemap.js';
export { robotsTxt } from './robots.js';
export { contrastRatio, readableOn, textColourOn } from './colour.js';
export { checkoutErrorCodes, themeTemplates } from './objects.js';
export type * from './objects.js';
export { themeFileProblems, editablePath } from './validate.js';
export { overlayFileSystem } from './overlay-fs.js';
