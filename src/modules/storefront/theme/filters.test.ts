import { describe, expect, it } from 'vitest';
import {
  createThemeRenderer,
  formatMoney,
  formatMoneyWithoutCurrency,
  scriptSafeJson,
  themeLanguage,
} from './index.js';
import { fixtures } from './test-support/fixtures.js';
import { writeTheme } from './test-support/theme-dir.js';

const { pages } = fixtures();
const nbsp = '\u00a0';

/** Renders `body` as the index template of a theme of its own, with `locales`. */
async function renderWith(
  body: string,
  opts: { language?: string; locales?: Record<string, unknown>; shop?: object } = {},
) {
  const dir = writeTheme({
    'layout/theme.liquid': '{{ content_for_layout | raw }}',
    'templates/index.liquid': body,
    'locales/en.json': JSON.stringify(opts.locales?.en ?? {}),
    'locales/pt-PT.json': JSON.stringify(opts.locales?.['pt-PT'] ?? {}),
  });
  return createThemeRenderer({ themeDir: dir }).render(
    'index',
    { ...pages.index, shop: { ...pages.index.shop, ...opts.shop } },
    { language: opts.language ?? 'en' },
  );
}

describe('money', () => {
  it('formats integer cents in the page language and the shop currency', async () => {
    expect(await renderWith('{{ 1250 | money }}|{{ 123456 | money }}', { language: 'pt-PT' })).toBe(
      `12,50${nbsp}€|1234,56${nbsp}€`,
    );
    expect(await renderWith('{{ 1250 | money }}|{{ 123456 | money }}', { language: 'en' })).toBe('€12.50|€1,234.56');
    expect(await renderWith('{{ 1250 | money_without_currency }}', { language: 'pt-PT' })).toBe('12,50');
    expect(await renderWith('{{ 5 | money }}', { shop: { currency: 'USD' } })).toBe('US$0.05');
  });

  it('knows currencies without cents, and shows nothing rather than NaN', () => {
    expect(formatMoney(1250, 'en', 'JPY')).toBe('¥1,250');
    expect(formatMoneyWithoutCurrency(-990, 'pt-PT', 'EUR')).toBe('-9,90');
    expect(formatMoney('abc', 'en', 'EUR')).toBe('');
    expect(formatMoney(undefined, 'en', 'EUR')).toBe('');
  });
});

describe('t', () => {
  const locales = {
    en: {
      cart: {
        add: 'Add to cart',
        greeting: 'Hello {{ name }}, {{ name }}!',
        items: { one: '1 item', other: '{{ count }} items' },
      },
      only_en: 'English only',
    },
    'pt-PT': {
      cart: { add: 'Adicionar ao carrinho', items: { zero: 'Nenhum', one: '1 artigo', other: '{{ count }} artigos' } },
    },
  };

  it('translates keys from the language file, with {{ }} arguments and plural forms', async () => {
    expect(await renderWith("{{ 'cart.add' | t }}", { locales, language: 'pt-PT' })).toBe('Adicionar ao carrinho');
    expect(await renderWith("{{ 'cart.greeting' | t: name: 'Ana' }}", { locales })).toBe('Hello Ana, Ana!');
    const counts =
      "{{ 'cart.items' | t: count: 0 }}/{{ 'cart.items' | t: count: 1 }}/{{ 'cart.items' | t: count: 12345 }}";
    expect(await renderWith(counts, { locales, language: 'pt-PT' })).toBe(`Nenhum/1 artigo/12${nbsp}345 artigos`);
    expect(await renderWith(counts, { locales, language: 'en' })).toBe('0 items/1 item/12,345 items');
  });

  it('falls back to English, and shows a missing key instead of hiding it', async () => {
    expect(await renderWith("{{ 'only_en' | t }}", { locales, language: 'pt-BR' })).toBe('English only');
    expect(await renderWith("{{ 'cart.nope' | t }}", { locales, language: 'pt-PT' })).toBe(
      'translation missing: pt-PT.cart.nope',
    );
    // A forgotten argument stays visible too.
    expect(await renderWith("{{ 'cart.greeting' | t }}", { locales })).toBe('Hello {{ name }}, {{ name }}!');
  });

  it('escapes what it is given: arguments are text', async () => {
    expect(
      await renderWith("{{ 'cart.greeting' | t: name: shop.name }}", { locales, shop: { name: '<i>x</i>' } }),
    ).toBe('Hello &lt;i&gt;x&lt;/i&gt;, &lt;i&gt;x&lt;/i&gt;!');
  });

  it('refuses a locale file that is not texts', async () => {
    await expect(renderWith('x', { locales: { en: { a: [1] } } })).rejects.toThrow(/en\.json: a must be an object/);
  });

  it('maps a request language to the theme’s: pt, pt-PT, pt-BR → pt-PT; others → en', () => {
    expect(
      ['pt', 'pt-PT', 'pt-BR', 'pt_BR', ' PT ', 'en', 'en-GB', 'es', '', null, undefined].map(themeLanguage),
    ).toEqual(['pt-PT', 'pt-PT', 'pt-PT', 'pt-PT', 'pt-PT', 'en', 'en', 'en', 'en', 'en', 'en']);
  });
});

describe('json', () => {
  it('cannot end a <script>: <, >, &, U+2028 and U+2029 are escaped, and it still parses to the same value', async () => {
    const value = { t: '</script><!-- & \u2028\u2029 "q"' };
    const json = scriptSafeJson(value);
    expect(json).toBe('{"t":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029 \\"q\\""}');
    expect(JSON.parse(json)).toEqual(value);
    expect(scriptSafeJson(undefined)).toBe('null');
  });

  it('is the json filter, still HTML-escaped as output unless followed by | raw', async () => {
    expect(await renderWith('{{ shop.collections.first | json }}')).toBe(
      '{&#34;handle&#34;:&#34;kitchen&#34;,&#34;title&#34;:&#34;Kitchen&#34;,&#34;url&#34;:&#34;/collections/kitchen&#34;}',
    );
    expect(await renderWith('<script>{{ shop.name | json | raw }}</script>', { shop: { name: '</script>' } })).toBe(
      '<script>"\\u003c/script\\u003e"</script>',
    );
  });
});

describe('other filters', () => {
  it('groups Multibanco references in threes and formats dates in the shop’s time zone', async () => {
    expect(await renderWith("{{ '123456789' | group_digits }}|{{ 1234567 | group_digits: 3 }}")).toBe(
      '123 456 789|1 234 567',
    );
    expect(await renderWith("{{ '2026-07-01T23:30:00Z' | format_date: 'datetime' }}", { language: 'pt-PT' })).toBe(
      '2 de julho de 2026 às 00:30',
    );
    expect(
      await renderWith("{{ '2026-07-01T23:30:00Z' | format_date }}", { shop: { timezone: 'Atlantic/Azores' } }),
    ).toBe('1 July 2026');
    expect(await renderWith("{{ 'not a date' | format_date }}")).toBe('');
  });
});
