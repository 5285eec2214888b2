/**
 * Writes every template, rendered with the fixture data, to .tmp/theme-preview/ (or the folder
 * given), so the pages can be checked in a real browser: axe-core, Lighthouse, a look by eye.
 *
 *   npx tsx src/modules/storefront/theme/preview.ts [folder]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { escapeHtml } from '../../../core/html.js';
import {
  createThemeRenderer,
  themeTemplates,
  type CheckoutObject,
  type TemplateObjects,
  type ThemeTemplate,
} from './index.js';
import { fixtures } from './test-support/fixtures.js';

const outDir = path.resolve(process.argv[2] ?? '.tmp/theme-preview');
const renderer = createThemeRenderer();
const f = fixtures();

const checkoutState = (checkout: Partial<CheckoutObject>): TemplateObjects['checkout'] => ({
  ...f.pages.checkout,
  checkout: { ...f.checkout, ...checkout },
});

const variants: [string, ThemeTemplate, unknown][] = [
  ...themeTemplates.map((t): [string, ThemeTemplate, unknown] => [t, t, f.pages[t]]),
  [
    'checkout-errors',
    'checkout',
    checkoutState({
      email: 'maria@',
      errors: [
        { field: 'email', code: 'invalid_email' },
        { field: 'shipping_address.zip', code: 'invalid_zip' },
      ],
    }),
  ],
  ['checkout-shipping', 'checkout', checkoutState({ step: 'shipping', selected_shipping_rate_id: 'pt-mainland' })],
  [
    'checkout-payment',
    'checkout',
    checkoutState({ step: 'payment', errors: [{ field: 'card.number', code: 'invalid_card_number' }] }),
  ],
  ['cart-empty', 'cart', { ...f.pages.cart, cart: { item_count: 0, total_price: 0, items: [] } }],
  ['product-consented', 'product', { ...f.pages.product, consent: { ...f.pages.product.consent, show: false } }],
  [
    'index-yellow-brand',
    'index',
    { ...f.pages.index, shop: { ...f.pages.index.shop, primary_colour: '#ffe600', accent_colour: '#ffd400' } },
  ],
];

mkdirSync(outDir, { recursive: true });
const written: string[] = [];
for (const [name, template, data] of variants) {
  for (const language of ['en', 'pt-PT']) {
    const file = `${name}.${language}.html`;
    writeFileSync(path.join(outDir, file), await renderer.render(template, data as never, { language }));
    written.push(file);
  }
}
writeFileSync(
  path.join(outDir, 'index.html'),
  `<!doctype html><html lang="en"><meta charset="utf-8"><title>Theme preview</title><main><h1>Theme preview</h1><ul>${written
    .map((file) => `<li><a href="${escapeHtml(file)}">${escapeHtml(file)}</a></li>`)
    .join('')}</ul></main></html>\n`,
);
console.log(`${written.length} pages in ${outDir}`);
