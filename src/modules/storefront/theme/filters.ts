import type { Context, Liquid } from 'liquidjs';
import { normaliseHex, readableOn, textColourOn } from './colour.js';
import { translate, type Locales } from './i18n.js';
import { productJsonLd } from './json-ld.js';
import { formatMoney, formatMoneyWithoutCurrency } from './money.js';
import type { ProductObject, ShopObject, ThemeLanguage } from './objects.js';
import { scriptSafeJson } from './script-json.js';

/**
 * What the filters need to know about the page being rendered. It rides in the render's globals
 * under a symbol: snippets (`{% render %}`) see the same globals, and no template can name a symbol.
 */
export const pageRuntime = Symbol('theme page runtime');
export interface PageRuntime {
  language: ThemeLanguage;
  locales: Locales;
  currency: string;
  timezone: string;
  shop: ShopObject | undefined;
}

/** What LiquidJS binds `this` to in a filter (its type is not exported). */
interface FilterImpl {
  context: Context;
}

function runtimeOf(filter: FilterImpl): PageRuntime {
  const runtime = (filter.context.globals as Record<symbol, PageRuntime | undefined>)[pageRuntime];
  if (!runtime) throw new Error('theme filters need a page rendered by createThemeRenderer');
  return runtime;
}

/** LiquidJS passes `name: value` arguments as [name, value] pairs, in order, after positional ones. */
function namedArguments(args: unknown[]): Record<string, unknown> {
  const named: Record<string, unknown> = {};
  for (const arg of args) {
    if (Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string') named[arg[0]] = arg[1];
  }
  return named;
}

const defaultPrimary = '#1f4f8f';

const dateStyles = {
  date: { dateStyle: 'long' },
  datetime: { dateStyle: 'long', timeStyle: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

/** English as written in Europe (day month year, 24-hour clock); the same money format as 'en'. */
const intlLocale = (language: ThemeLanguage) => (language === 'en' ? 'en-GB' : language);

export function registerThemeFilters(liquid: Liquid) {
  liquid.registerFilter('money', function (this: FilterImpl, cents: unknown) {
    const r = runtimeOf(this);
    return formatMoney(cents, intlLocale(r.language), r.currency);
  });
  liquid.registerFilter('money_without_currency', function (this: FilterImpl, cents: unknown) {
    const r = runtimeOf(this);
    return formatMoneyWithoutCurrency(cents, intlLocale(r.language), r.currency);
  });
  liquid.registerFilter('t', function (this: FilterImpl, key: unknown, ...args: unknown[]) {
    const r = runtimeOf(this);
    return translate(r.locales, r.language, String(key), namedArguments(args));
  });
  // Replaces the built-in: the same JSON, but safe inside <script> too. Still HTML-escaped like any
  // output unless followed by `| raw` (which only a <script> element's content should need).
  liquid.registerFilter('json', (value: unknown, space?: unknown) =>
    scriptSafeJson(value, typeof space === 'number' ? space : undefined),
  );
  // Shopify's name: the whole <script type="application/ld+json"> element for a product. Raw because
  // it is markup the platform writes itself, from JSON that cannot close the element.
  liquid.registerFilter('structured_data', {
    raw: true,
    handler(this: FilterImpl, product: unknown) {
      const shop = runtimeOf(this).shop;
      if (!shop || typeof product !== 'object' || product === null) return '';
      return `<script type="application/ld+json">${scriptSafeJson(productJsonLd(product as ProductObject, shop))}</script>`;
    },
  });
  // Colours go into <style>, where HTML escaping protects nothing: only '#rrggbb' comes out.
  liquid.registerFilter('hex_colour', (value: unknown, fallback?: unknown) => {
    return normaliseHex(value) ?? normaliseHex(fallback) ?? defaultPrimary;
  });
  liquid.registerFilter('contrast_text', (background: unknown) =>
    textColourOn(normaliseHex(background) ?? defaultPrimary),
  );
  liquid.registerFilter('readable_on', (colour: unknown, background: unknown) =>
    readableOn(normaliseHex(colour) ?? '#000000', normaliseHex(background) ?? '#ffffff'),
  );
  liquid.registerFilter('format_date', function (this: FilterImpl, value: unknown, style?: unknown) {
    const r = runtimeOf(this);
    const date = new Date(value as string);
    if (Number.isNaN(date.getTime())) return '';
    const options = style === 'datetime' ? dateStyles.datetime : dateStyles.date;
    return new Intl.DateTimeFormat(intlLocale(r.language), { ...options, timeZone: r.timezone }).format(date);
  });
  // Multibanco references are read out in threes: 123 456 789.
  liquid.registerFilter('group_digits', (value: unknown, size?: unknown) => {
    const n = typeof size === 'number' && size > 0 ? Math.trunc(size) : 3;
    return String(value ?? '').replace(new RegExp(`\\B(?=(\\d{${n}})+(?!\\d))`, 'g'), ' ');
  });
}
