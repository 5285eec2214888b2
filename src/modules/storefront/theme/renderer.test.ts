import path from 'node:path';
import type { FS } from 'liquidjs';
import { describe, expect, it } from 'vitest';
import { createThemeRenderer, themeFileSystem, themeTemplates, type ThemeTemplate } from './index.js';
import { fixtures } from './test-support/fixtures.js';
import { byName, startTags, textOf } from './test-support/html.js';
import { writeTheme } from './test-support/theme-dir.js';

const renderer = createThemeRenderer();
const { pages } = fixtures();
const render = (template: ThemeTemplate, language: string) =>
  renderer.render(template, pages[template] as never, { language });

/** A words each page must show in each language: proof the page and its language were used. */
const headings: Record<ThemeTemplate, { en: string; 'pt-PT': string }> = {
  index: { en: 'Loja da Maria', 'pt-PT': 'Loja da Maria' },
  collection: { en: 'Kitchen', 'pt-PT': 'Kitchen' },
  product: { en: 'Blue mug', 'pt-PT': 'Blue mug' },
  search: { en: 'Search results for “mug”', 'pt-PT': 'Resultados para «mug»' },
  cart: { en: 'Your cart', 'pt-PT': 'O seu carrinho' },
  checkout: { en: 'Checkout', 'pt-PT': 'Finalizar compra' },
  order: { en: 'Thank you for your order', 'pt-PT': 'Obrigado pela sua encomenda' },
  '404': { en: 'Page not found', 'pt-PT': 'Página não encontrada' },
  unavailable: { en: 'Temporarily unavailable', 'pt-PT': 'Temporariamente indisponível' },
  login: { en: 'Sign in', 'pt-PT': 'Iniciar sessão' },
  register: { en: 'Create an account', 'pt-PT': 'Criar uma conta' },
  reset_password: { en: 'Reset your password', 'pt-PT': 'Repor a palavra-passe' },
  account: { en: 'Your account', 'pt-PT': 'A sua conta' },
  account_order: { en: 'Order #1001', 'pt-PT': 'Encomenda #1001' },
  account_privacy: { en: 'Your data and privacy', 'pt-PT': 'Os seus dados e privacidade' },
  privacy_notice: { en: 'Privacy notice', 'pt-PT': 'Política de privacidade' },
  privacy_request: { en: 'Ask the shop about your data', 'pt-PT': 'Perguntar à loja pelos seus dados' },
};
const skipLink = { en: 'Skip to content', 'pt-PT': 'Saltar para o conteúdo' };

describe('the default theme', () => {
  for (const template of themeTemplates) {
    for (const language of ['en', 'pt-PT'] as const) {
      it(`renders ${template} in ${language}`, async () => {
        const html = await render(template, language);
        expect(html.startsWith('<!doctype html>')).toBe(true);
        const tags = startTags(html);
        expect(byName(tags, 'html')[0]?.attrs.get('lang')).toBe(language);
        expect(textOf(html, byName(tags, 'h1')[0]!)).toBe(headings[template][language]);
        expect(html).not.toMatch(/translation missing|\{\{|\{%|\[object Object\]|undefined|NaN/);
        if (template !== 'unavailable') {
          expect(html).toContain(skipLink[language]);
          expect(byName(tags, 'header')).toHaveLength(1);
          expect(byName(tags, 'footer')).toHaveLength(1);
        }
      });
    }
  }

  it('wraps each page in the layout with the head Shopify themes have: title, description, canonical, Open Graph', async () => {
    const html = await render('product', 'en');
    const meta = (key: string) =>
      byName(startTags(html), 'meta')
        .find((m) => m.attrs.get('property') === key || m.attrs.get('name') === key)
        ?.attrs.get('content');
    expect(textOf(html, byName(startTags(html), 'title')[0]!)).toBe('Blue mug · Loja da Maria');
    expect(meta('description')).toBe('Handmade ceramics from Porto.');
    expect(meta('viewport')).toBe('width=device-width, initial-scale=1');
    expect(
      byName(startTags(html), 'link')
        .find((l) => l.attrs.get('rel') === 'canonical')
        ?.attrs.get('href'),
    ).toBe('http://loja-da-maria.localhost:3000/products/blue-mug');
    expect(meta('og:title')).toBe('Blue mug');
    expect(meta('og:description')).toBe('Handmade ceramics from Porto.');
    expect(meta('og:url')).toBe('http://loja-da-maria.localhost:3000/products/blue-mug');
    expect(meta('og:type')).toBe('product');
    expect(meta('og:site_name')).toBe('Loja da Maria');
    expect(meta('robots')).toBeUndefined();
    const cart = await render('cart', 'en');
    expect(cart).toContain('<meta name="robots" content="noindex">');
    expect(cart).toContain('<meta property="og:type" content="website">');
  });

  it('names the shop only in the title of the home page, and uses the page description when there is one', async () => {
    const home = await render('index', 'en');
    expect(textOf(home, byName(startTags(home), 'title')[0]!)).toBe('Loja da Maria');
    const described = await renderer.render(
      'product',
      { ...pages.product, page_description: 'A sturdy mug.', shop: { ...pages.product.shop, description: null } },
      { language: 'en' },
    );
    expect(described).toContain('<meta name="description" content="A sturdy mug.">');
    const generic = await renderer.render(
      'index',
      { ...pages.index, shop: { ...pages.index.shop, description: null } },
      { language: 'pt-PT' },
    );
    expect(generic).toContain('<meta name="description" content="Loja da Maria: compras online.">');
  });

  it('shows the header navigation, marks the current collection and counts the cart', async () => {
    const html = await render('collection', 'pt-PT');
    expect(html).toContain('<a href="/collections/kitchen" aria-current="page">Kitchen</a>');
    expect(html).toContain('<a href="/collections/garden">Garden</a>');
    expect(html).toContain('Carrinho (3 artigos)');
    const empty = await renderer.render(
      'index',
      { ...pages.index, cart: { item_count: 0, total_price: 0, items: [] } },
      { language: 'en' },
    );
    expect(empty).toContain('Cart (empty)');
  });

  it('is neutral when the shop is unavailable: no shop name, no navigation, no form', async () => {
    const html = await render('unavailable', 'en');
    expect(html).not.toContain('Loja da Maria');
    expect(html).not.toMatch(/<form|<nav|<a /);
    expect(html).toContain('<meta name="robots" content="noindex">');
  });

  it('picks the language from the request: any Portuguese is pt-PT, anything else English', async () => {
    for (const [asked, lang] of [
      ['pt', 'pt-PT'],
      ['pt-BR', 'pt-PT'],
      ['PT-pt', 'pt-PT'],
      ['fr-FR', 'en'],
      [undefined, 'en'],
    ] as const) {
      const html = await renderer.render('404', pages['404'], { language: asked });
      expect(html).toContain(`<html lang="${lang}">`);
    }
  });

  it('refuses a template it does not have', async () => {
    await expect(renderer.render('../../secrets' as never, pages['404'] as never, { language: 'en' })).rejects.toThrow(
      /no template/,
    );
  });
});

describe('the theme engine', () => {
  const base = { 'layout/theme.liquid': '<body>{{ content_for_layout | raw }}</body>' };

  it("wraps a template in layout/theme.liquid, or the layout it names, or none (Shopify's {% layout %})", async () => {
    const dir = writeTheme({
      ...base,
      'layout/plain.liquid': '<plain>{{ content_for_layout | raw }}</plain>',
      'templates/index.liquid': '<p>{{ shop.name }}</p>',
      'templates/product.liquid': "{% layout 'plain' %}<p>{{ product.title }}</p>",
      'templates/cart.liquid': '{% layout none %}<p>just the page</p>',
    });
    const r = createThemeRenderer({ themeDir: dir });
    expect(await r.render('index', pages.index, { language: 'en' })).toBe('<body><p>Loja da Maria</p></body>');
    expect(await r.render('product', pages.product, { language: 'en' })).toBe('<plain><p>Blue mug</p></plain>');
    expect(await r.render('cart', pages.cart, { language: 'en' })).toBe('<p>just the page</p>');
  });

  it('escapes every output unless the theme says | raw', async () => {
    const dir = writeTheme({
      ...base,
      'templates/index.liquid': '{{ shop.name }}|{{ shop.name | raw }}|{{ shop.name | upcase }}',
    });
    const r = createThemeRenderer({ themeDir: dir });
    const shop = { ...pages.index.shop, name: '<b>"x"</b>' };
    expect(await r.render('index', { ...pages.index, shop }, { language: 'en' })).toBe(
      '<body>&lt;b&gt;&#34;x&#34;&lt;/b&gt;|<b>"x"</b>|&lt;B&gt;&#34;X&#34;&lt;/B&gt;</body>',
    );
  });

  it('refuses a filter it does not know (strict filters), and a layout tag it cannot read', async () => {
    const dir = writeTheme({
      ...base,
      'templates/index.liquid': '{{ shop.name | no_such_filter }}',
      'templates/product.liquid': '{% layout theme %}',
    });
    const r = createThemeRenderer({ themeDir: dir });
    await expect(r.render('index', pages.index, { language: 'en' })).rejects.toThrow(/no_such_filter/);
    await expect(r.render('product', pages.product, { language: 'en' })).rejects.toThrow(/layout/);
  });

  it('lets a snippet see the global objects (shop, cart, routes) but not the caller’s variables', async () => {
    const dir = writeTheme({
      ...base,
      'snippets/who.liquid': '{{ shop.name }}/{{ cart.item_count }}/{{ secret }}/{{ passed }}',
      'templates/index.liquid': "{% assign secret = 'hidden' %}{% render 'who', passed: 'given' %}",
    });
    const r = createThemeRenderer({ themeDir: dir });
    expect(await r.render('index', pages.index, { language: 'en' })).toBe('<body>Loja da Maria/3//given</body>');
  });

  it('keeps a template inside its theme: no file outside the theme folder can be rendered', async () => {
    const outside = writeTheme({ 'snippets/leak.liquid': 'LEAKED' });
    const dir = writeTheme({
      ...base,
      'templates/index.liquid': `{% render '${path.join(outside, 'snippets/leak')}' %}`,
      'templates/product.liquid': "{% render '../../../../../../../etc/hostname' %}",
    });
    const r = createThemeRenderer({ themeDir: dir });
    await expect(r.render('index', pages.index, { language: 'en' })).rejects.toThrow(/ENOENT|Failed to lookup/);
    await expect(r.render('product', pages.product, { language: 'en' })).rejects.toThrow(/ENOENT|Failed to lookup/);
  });

  it('reads each theme file once: rendering again parses nothing from disk', async () => {
    const reads: string[] = [];
    const disk = themeFileSystem();
    const counting: FS = {
      ...disk,
      readFile: (file) => {
        reads.push(path.basename(file));
        return disk.readFile(file);
      },
      readFileSync: (file) => {
        reads.push(path.basename(file));
        return disk.readFileSync(file);
      },
    };
    const r = createThemeRenderer({ fs: counting });
    const first = await r.render('product', pages.product, { language: 'en' });
    expect(reads).toEqual(
      expect.arrayContaining([
        'en.json',
        'pt-PT.json',
        'product.liquid',
        'theme.liquid',
        'head.liquid',
        'price.liquid',
      ]),
    );
    const afterFirst = reads.length;
    const second = await r.render('product', pages.product, { language: 'pt-PT' });
    await r.render('product', pages.product, { language: 'en' });
    expect(reads.length).toBe(afterFirst);
    expect(second).not.toBe(first);
    await r.render('cart', pages.cart, { language: 'en' });
    expect(reads.slice(afterFirst)).toEqual(['cart.liquid']);
  });
});
