import { describe, expect, it } from 'vitest';
import { createThemeRenderer, type ProductObject } from './index.js';
import { fixtures } from './test-support/fixtures.js';
import { attr, byName, elementById, formFields, startTags, textOf, type StartTag } from './test-support/html.js';

const renderer = createThemeRenderer();
const f = fixtures();

const formsOf = (html: string) => byName(startTags(html), 'form');
const formTo = (html: string, action: string): StartTag => {
  const form = formsOf(html).find((t) => attr(t, 'action') === action);
  if (!form) throw new Error(`no form posting to ${action}`);
  return form;
};
const named = (fields: StartTag[], name: string) => fields.filter((t) => attr(t, 'name') === name);

describe('the product page', () => {
  const productPage = (product: ProductObject) =>
    renderer.render('product', { ...f.pages.product, product }, { language: 'en' });

  it('has no script but its JSON-LD', async () => {
    const html = await productPage(f.mug);
    const scripts = byName(startTags(html), 'script');
    expect(scripts.map((s) => attr(s, 'type'))).toEqual(['application/ld+json']);
  });

  it('adds to the cart with a plain form: the variant as radios (sold-out ones disabled), a quantity and a button', async () => {
    const html = await productPage(f.mug);
    const form = formTo(html, '/cart/add');
    expect(attr(form, 'method')).toBe('post');
    const fields = formFields(html, form);
    const radios = named(fields, 'id');
    expect(
      radios.map((r) => [attr(r, 'type'), attr(r, 'value'), r.attrs.has('checked'), r.attrs.has('disabled')]),
    ).toEqual([
      ['radio', 'var_small', true, false],
      ['radio', 'var_large', false, true],
    ]);
    expect(html).toMatch(/<label for="variant-2">Large · €14\.50 · Sold out<\/label>/);
    const quantity = named(fields, 'quantity')[0];
    expect([attr(quantity, 'type'), attr(quantity, 'value'), attr(quantity, 'min')]).toEqual(['number', '1', '1']);
    expect(named(fields, '_csrf').map((c) => attr(c, 'value'))).toEqual(['tok_123']);
    const button = fields.find((t) => t.name === 'button')!;
    expect([attr(button, 'type'), button.attrs.has('disabled'), textOf(html, button)]).toEqual([
      'submit',
      false,
      'Add to cart',
    ]);
    expect(html).toContain('<legend>Size</legend>');
    expect(html).toContain('From €12.50');
    expect(html).toContain('In stock');
  });

  it('asks nothing for a product with one default variant, and shows its one price', async () => {
    const only = { ...f.mug.variants[0]!, title: 'Default Title' };
    const html = await productPage({
      ...f.mug,
      price_max: 1250,
      options: [],
      variants: [only],
      selected_or_first_available_variant: only,
      has_only_default_variant: true,
    });
    const fields = formFields(html, formTo(html, '/cart/add'));
    expect(named(fields, 'id').map((t) => [attr(t, 'type'), attr(t, 'value')])).toEqual([['hidden', 'var_small']]);
    expect(fields.filter((t) => attr(t, 'type') === 'radio')).toEqual([]);
    expect(html).not.toContain('From');
    expect(html).toContain('<p class="price price-large">€12.50</p>');
  });

  it('cannot be added when sold out', async () => {
    const soldOut = f.mug.variants.map((v) => ({ ...v, available: false }));
    const html = await productPage({
      ...f.mug,
      available: false,
      variants: soldOut,
      selected_or_first_available_variant: soldOut[0]!,
    });
    const fields = formFields(html, formTo(html, '/cart/add'));
    expect(named(fields, 'id').every((r) => r.attrs.has('disabled'))).toBe(true);
    const button = fields.find((t) => t.name === 'button')!;
    expect(button.attrs.has('disabled')).toBe(true);
    expect(textOf(html, button)).toBe('Sold out');
  });
});

describe('the cart page', () => {
  it('changes quantities in one form posting updates[line key], removes a line with a form of its own, and goes to checkout', async () => {
    const html = await renderer.render('cart', f.pages.cart, { language: 'en' });
    const form = formTo(html, '/cart/update');
    expect(attr(form, 'method')).toBe('post');
    const fields = formFields(html, form);
    expect(
      named(fields, 'updates[var_small:1]').map((q) => [attr(q, 'type'), attr(q, 'value'), attr(q, 'min')]),
    ).toEqual([['number', '2', '0']]);
    expect(named(fields, 'updates[var_teapot:1]').map((q) => attr(q, 'value'))).toEqual(['1']);
    const buttons = fields.filter((t) => t.name === 'button');
    // The first submit button of the form is the one Enter presses: Update, not a Remove.
    const own = buttons.filter((b) => !b.attrs.has('form'));
    expect(own.map((b) => [textOf(html, b), attr(b, 'name') ?? null])).toEqual([
      ['Update cart', null],
      ['Check out', 'checkout'],
    ]);
    const removes = buttons.filter((b) => b.attrs.has('form'));
    expect(removes).toHaveLength(2);
    for (const [i, line] of f.cart.items.entries()) {
      const removeForm = formsOf(html).find((t) => attr(t, 'id') === attr(removes[i], 'form'))!;
      expect([attr(removeForm, 'method'), attr(removeForm, 'action')]).toEqual(['post', '/cart/change']);
      const hidden = formFields(html, removeForm);
      expect(named(hidden, 'id').map((h) => attr(h, 'value'))).toEqual([line.key]);
      expect(named(hidden, 'quantity').map((h) => attr(h, 'value'))).toEqual(['0']);
    }
    expect(textOf(html, removes[0]!)).toBe('Remove Blue mug');
    expect(html).toContain('<dd class="total">€64.00</dd>');
    expect(html).toContain('€12.50 each');
  });

  it('says so when the cart is empty, with no form', async () => {
    const html = await renderer.render(
      'cart',
      { ...f.pages.cart, cart: { item_count: 0, total_price: 0, items: [] } },
      { language: 'pt-PT' },
    );
    expect(html).toContain('O seu carrinho está vazio.');
    expect(html).not.toContain('action="/cart/update"');
  });
});

describe('the search page', () => {
  it('searches with a GET form named q, shows the count and the results', async () => {
    const html = await renderer.render('search', f.pages.search, { language: 'en' });
    const forms = formsOf(html).filter((t) => attr(t, 'action') === '/search');
    expect(forms).toHaveLength(2); // the header's and the page's
    for (const form of forms) {
      expect(attr(form, 'method')).toBe('get');
      expect(named(formFields(html, form), 'q').map((q) => attr(q, 'value'))).toEqual(['mug']);
    }
    expect(html).toContain('1 product found');
    expect(html).toContain('<a class="card-link" href="/products/blue-mug">');
  });

  it('has a "no results" state, and only the form before a search', async () => {
    const none = await renderer.render(
      'search',
      { ...f.pages.search, search: { terms: 'zebra', performed: true, results: [], results_count: 0 } },
      { language: 'pt-PT' },
    );
    expect(none).toContain('Sem resultados');
    expect(none).toContain('Nada corresponde a «zebra»');
    const before = await renderer.render(
      'search',
      { ...f.pages.search, search: { terms: '', performed: false, results: [], results_count: 0 } },
      { language: 'en' },
    );
    expect(before).toContain('<h1>Search</h1>');
    expect(before).not.toMatch(/No results|found/);
  });

  it('paginates: links to the previous and next pages and says where the reader is', async () => {
    const html = await renderer.render(
      'search',
      {
        ...f.pages.search,
        search: { ...f.pages.search.search, results_count: 30 },
        paginate: {
          current_page: 1,
          pages: 3,
          items: 30,
          page_size: 12,
          previous_url: null,
          next_url: '/search?q=mug&page=2',
        },
      },
      { language: 'en' },
    );
    expect(html).toContain('<a rel="next" href="/search?q=mug&amp;page=2">Next page</a>');
    expect(html).not.toContain('rel="prev"');
    expect(html).toContain('Page 1 of 3');
  });
});

describe('the collection and home pages', () => {
  it('list products as cards, with price ranges, sold-out badges and pagination', async () => {
    const html = await renderer.render('collection', f.pages.collection, { language: 'pt-PT' });
    expect(html).toContain('26 produtos');
    expect(html).toContain('<h2 class="card-title">Blue mug</h2>');
    expect(html).toContain('Desde 12,50');
    expect(html).toMatch(/Teapot<\/h2>[\s\S]*?39,00\s€[\s\S]*?Esgotado/);
    expect(html).toContain('<a rel="prev" href="/collections/kitchen?page=1">Página anterior</a>');
    expect(html).toContain('<a rel="next" href="/collections/kitchen?page=3">Página seguinte</a>');
    expect(html).toContain('Página 2 de 3');
    expect(html).toContain('<div class="rte"><p>Things for the kitchen.</p></div>');
  });

  it('shows featured collections with their products on the home page, or says there is nothing yet', async () => {
    const html = await renderer.render('index', f.pages.index, { language: 'en' });
    expect(html).toContain('<h2 id="featured-1">Kitchen</h2>');
    expect(html).toContain('<h3 class="card-title">Teapot</h3>');
    expect(html).toContain('<a href="/collections/kitchen">See all 26 products in Kitchen</a>');
    const empty = await renderer.render('index', { ...f.pages.index, featured_collections: [] }, { language: 'en' });
    expect(empty).toContain('This shop has no products on sale yet.');
  });
});

describe('the cookie banner', () => {
  it('asks on every page while no choice is recorded, with a plain form: Accept all and Reject all alike, and Choose', async () => {
    for (const template of ['index', 'product', 'cart', 'checkout', 'order', '404'] as const) {
      const html = await renderer.render(template, f.pages[template] as never, { language: 'en' });
      const banner = elementById(html, 'consent-title');
      expect(banner, template).toBe('Cookies');
      expect(html.indexOf('class="consent"')).toBeLessThan(html.indexOf('<main'));
    }
    const html = await renderer.render('product', f.pages.product, { language: 'en' });
    const form = formTo(html, '/consent/cookies');
    expect(attr(form, 'method')).toBe('post');
    const fields = formFields(html, form);
    const buttons = fields.filter((t) => t.name === 'button');
    expect(buttons.map((b) => [attr(b, 'name'), attr(b, 'value'), textOf(html, b)])).toEqual([
      ['method', 'accept-all', 'Accept all'],
      ['method', 'reject-all', 'Reject all'],
      ['method', 'custom', 'Save my choice'],
    ]);
    // Equally prominent: the same element, the same class (none), side by side.
    expect(buttons[0]!.attrs.get('class')).toBe(buttons[1]!.attrs.get('class'));
    const boxes = fields.filter((t) => attr(t, 'type') === 'checkbox' && t.attrs.has('name'));
    expect(boxes.map((b) => [attr(b, 'name'), attr(b, 'value'), b.attrs.has('checked')])).toEqual([
      ['statistical', '1', false],
      ['marketing', '1', false],
    ]);
    expect(named(fields, 'version').map((v) => attr(v, 'value'))).toEqual(['cookies-2026-11']);
    expect(named(fields, 'return_to').map((v) => attr(v, 'value'))).toEqual(['/products/blue-mug']);
    expect(named(fields, '_csrf').map((v) => attr(v, 'value'))).toEqual(['tok_123']);
    expect(html).toMatch(/<details>\s*<summary>Choose<\/summary>/);
    expect(html).toContain('Loja da Maria is the controller: it decides how these cookies are used.');
    expect(html).toContain(f.pages.product.consent.text);
  });

  it('keeps a way to change the choice once made: Cookie settings in the footer, and no banner', async () => {
    const consent = {
      ...f.pages.product.consent,
      show: false,
      categories: [
        { id: 'statistical' as const, checked: true },
        { id: 'marketing' as const, checked: false },
      ],
    };
    const html = await renderer.render('product', { ...f.pages.product, consent }, { language: 'pt-PT' });
    expect(html).not.toContain('class="consent"');
    const footer = html.slice(html.indexOf('<footer'));
    expect(footer).toContain('<summary>Definições de cookies</summary>');
    expect(footer).toContain('<input type="checkbox" id="consent-statistical" name="statistical" value="1" checked>');
    expect(footer).toContain('<input type="checkbox" id="consent-marketing" name="marketing" value="1">');
  });

  it('carries no CSRF field when the routes give none', async () => {
    const html = await renderer.render('product', { ...f.pages.product, csrf: null }, { language: 'en' });
    expect(html).not.toContain('name="_csrf"');
  });
});
