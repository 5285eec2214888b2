import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  browserAvailable,
  expectAccessible,
  merchantWithShop,
  openTab,
  signInTab,
  type Tab,
  useBrowser,
} from './browser.js';

// Chromium reports each refused request (the upload and CSV the tests send wrong on purpose) on the console.
const expectedErrors = /status of 4(09|22)/;

/** A merchant with an empty shop, made through the API. */
const newShop = () => merchantWithShop({ slugPrefix: 'bo', name: 'Loja da Ana' });

const png = (colour: string) =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: colour } })
    .png()
    .toBuffer();

/** A shopper buys one unit of the first variant at the storefront, through its checkout API, in a browser. */
async function placeOrder(tab: Tab, storefront: string, variantId: string) {
  await tab.page.goto(`${storefront}/products/caneca-de-barcelos`);
  const status = await tab.page.evaluate(async (id) => {
    const json = { 'content-type': 'application/json' };
    await fetch('/cart/add.js', { method: 'POST', headers: json, body: JSON.stringify({ id, quantity: 1 }) });
    const res = await fetch('/checkout.js', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        email: 'beatriz.lopes@example.pt',
        shippingAddress: {
          firstName: 'Beatriz',
          lastName: 'Lopes',
          line1: 'Rua de Santa Catarina 300',
          postalCode: '4000-447',
          city: 'Porto',
          country: 'PT',
        },
        payment: { method: 'card', number: '4242 4242 4242 4242', expMonth: 8, expYear: 2035, cvc: '123' },
      }),
    });
    return res.status;
  }, variantId);
  expect(status).toBe(201);
}

describe.skipIf(!browserAvailable)('the merchant back office (#10)', () => {
  useBrowser();
  let shop: Awaited<ReturnType<typeof newShop>>;

  it('a merchant creates a product with two variants and images, activates it, and it is on the storefront', async () => {
    shop = await newShop();
    const tab = await openTab({ width: 1440, expectedErrors });
    const { page } = tab;
    await signInTab(tab, shop.m.email, shop.m.password);
    await page.goto('/account/shops');
    await page.getByRole('link', { name: 'Back office of Loja da Ana' }).click();
    await page.getByRole('heading', { name: 'Shop home' }).waitFor();
    await page.getByRole('navigation', { name: 'Shop back office' }).getByRole('link', { name: 'Products' }).click();
    await page.getByRole('link', { name: 'Add a product' }).click();
    await page.getByRole('heading', { name: 'New product' }).waitFor();

    await page.getByLabel('Title', { exact: true }).fill('Caneca de Barcelos');
    await page
      .getByLabel('Description', { exact: true })
      .fill('**Feita à mão** em Barcelos.\n\n<script>alert(1)</script>');
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('region', { name: 'Description preview' });
    await preview.locator('strong', { hasText: 'Feita à mão' }).waitFor();
    // Raw HTML is shown as text, as the storefront shows it.
    expect(await preview.textContent()).toContain('<script>');
    await page.getByRole('button', { name: 'Write' }).click();

    await page.getByRole('button', { name: 'Add an option' }).click();
    await page.getByLabel('Option 1 name').fill('Cor');
    await page.getByLabel('Option 1 values').fill('Azul, Verde');
    for (const [colour, sku] of [
      ['Azul', 'CAN-AZ'],
      ['Verde', 'CAN-VD'],
    ] as const) {
      await page.getByLabel(`SKU of ${colour}`).fill(sku);
      await page.getByLabel(`Price of ${colour} in euros`).fill('12,50');
      await page.getByLabel(`Stock of ${colour}`).fill('10');
    }
    await page.getByRole('button', { name: 'Save product' }).click();
    await page.getByRole('heading', { name: 'Edit Caneca de Barcelos' }).waitFor();
    expect(page.url()).toMatch(/\/products\/[\w-]+$/);

    // An image through the file input, with its alt text.
    await page.getByLabel('Alt text for the images you upload').fill('Caneca azul');
    await page.getByLabel('Choose images').setInputFiles({
      name: 'azul.png',
      mimeType: 'image/png',
      buffer: await png('#2050c0'),
    });
    await page.getByText('Image 1', { exact: true }).waitFor();
    await expect.poll(() => page.getByLabel('Alt text of image 1').inputValue()).toBe('Caneca azul');

    // A second one dropped on the drop zone.
    await page.getByLabel('Alt text for the images you upload').fill('Caneca verde');
    const bytes = [...(await png('#20a050'))];
    const drop = await page.evaluateHandle((b) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(b)], 'verde.png', { type: 'image/png' }));
      return dt;
    }, bytes);
    await page.locator('.dropzone').dispatchEvent('drop', { dataTransfer: drop });
    await page.getByText('Image 2', { exact: true }).waitFor();

    // A script named .png is refused, and the page says why.
    await page.getByLabel('Choose images').setInputFiles({
      name: 'not-an-image.png',
      mimeType: 'image/png',
      buffer: Buffer.from('#!/bin/sh\necho hello\n'),
    });
    await page.getByRole('alert').filter({ hasText: 'not-an-image.png was not accepted' }).waitFor();

    // Reorder: the green one first.
    await page.getByRole('button', { name: 'Move image 2 up' }).click();
    await expect.poll(() => page.getByLabel('Alt text of image 1').inputValue()).toBe('Caneca verde');

    await page.getByRole('radio', { name: 'Active' }).check();
    await page.getByRole('button', { name: 'Save product' }).click();
    await page.getByText('Product saved.').waitFor();
    await expectAccessible(page, 'product editor with images');

    await page.goto(`${shop.storefront}/products/caneca-de-barcelos`);
    await page.getByRole('heading', { name: 'Caneca de Barcelos' }).waitFor();
    expect(await page.textContent('body')).toContain('Verde');
    expect(await page.locator('picture img[alt="Caneca verde"]').count()).toBeGreaterThan(0);
    expect(tab.consoleErrors, tab.consoleErrors.join('\n')).toEqual([]);
  }, 180_000);

  it('orders, shoppers, stock, CSV, theme and settings work, every page is accessible and fits a phone', async () => {
    const products = (await shop.api('GET', `/api/v1/shops/${shop.shopId}/products`)) as {
      items: { variants: { id: string; sku: string }[] }[];
    };
    const azul = products.items[0]!.variants.find((v) => v.sku === 'CAN-AZ')!;
    const shopper = await openTab();
    await placeOrder(shopper, shop.storefront, azul.id);

    const tab = await openTab({ width: 1440, expectedErrors });
    const { page } = tab;
    await signInTab(tab, shop.m.email, shop.m.password);
    const at = `/account/shops/${shop.shopId}`;
    const visited: string[] = [];
    const visit = async (path: string, heading: string | RegExp, label: string) => {
      await page.goto(`${at}${path}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await expectAccessible(page, label);
      visited.push(path);
    };

    await visit('', 'Shop home', 'home');
    expect(await page.locator('.stat-figure').first().textContent()).toBe('1');

    // Bulk stock edit; the variant running low shows on the home page.
    await visit('/products', 'Products', 'products list');
    await page.getByRole('button', { name: 'Edit stock on this page' }).click();
    await page.getByLabel('Stock of CAN-VD').fill('2');
    await page.getByRole('button', { name: 'Save stock' }).click();
    await page.getByText('1 stock count saved.').waitFor();
    await page.getByRole('navigation', { name: 'Shop back office' }).getByRole('link', { name: 'Home' }).click();
    await page.getByRole('link', { name: 'Edit Caneca de Barcelos (CAN-VD)' }).waitFor();

    // Filters come from the address.
    await page.goto(`${at}/products?stock=low`);
    await page.getByRole('link', { name: 'Caneca de Barcelos' }).waitFor();
    await page.goto(`${at}/products?q=nothing-like-this`);
    await page.getByText('No product matches.').waitFor();

    // CSV out, and an import refused with its per-row report.
    await visit('/products', 'Products', 'products list');
    const csv = await page.request.get(`/api/v1/shops/${shop.shopId}/products/export`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('CAN-AZ');
    await page.getByLabel('CSV file to import').setInputFiles({
      name: 'products.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Handle,Title,Variant SKU,Variant Price\nprato,Prato,PR-1,not a price\n'),
    });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Nothing was imported' })
      .getByText('row 2: Variant Price')
      .waitFor();

    await visit('/products/new', 'New product', 'new product');

    // Deleting a product is asked first, then it leaves the list.
    const prato = await shop.api('POST', `/api/v1/shops/${shop.shopId}/products`, {
      title: 'Prato de Barcelos',
      variants: [{ sku: 'PRATO-1', priceCents: 900, stock: 1 }],
    });
    await visit(`/products/${prato.id as string}`, 'Edit Prato de Barcelos', 'product editor without images');
    await page.getByRole('button', { name: 'Delete product' }).click();
    await page
      .getByRole('dialog', { name: 'Delete this product?' })
      .getByRole('button', { name: 'Delete product' })
      .click();
    await page.getByText('Product deleted.').waitFor();
    await page.getByRole('heading', { name: 'Products', level: 1 }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: 'Prato de Barcelos' }).count()).toBe(0);
    visited.pop();

    await visit('/orders', 'Orders', 'orders list');
    await page.getByLabel('Order number or email').fill('beatriz');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/q=beatriz/);
    const orderLink = page.getByRole('link', { name: /^Order #?\d+/ });
    await orderLink.click();
    await page.getByRole('heading', { name: /^Order / }).waitFor();
    const orderPath = new URL(page.url()).pathname.slice(at.length);
    await visit(orderPath, /^Order /, 'order detail');
    expect(await page.textContent('main')).toContain('CAN-AZ');
    expect(await page.textContent('main')).toContain('4242');
    await page.getByLabel('Tracking number (optional)').fill('RR123456785PT');
    await page.getByRole('button', { name: 'Mark as sent' }).click();
    await page.getByText('Order marked as sent; the shopper is emailed.').waitFor();
    await page.getByText('RR123456785PT').first().waitFor();
    await page.getByLabel('Refund part of it').check();
    await page.getByLabel('Amount to refund (€)').fill('2,50');
    await page.getByRole('button', { name: 'Refund this amount' }).click();
    await page.getByText('Refund made.').waitFor();

    await visit('/shoppers', 'Shoppers', 'shoppers list');
    await page.getByRole('link', { name: 'beatriz.lopes@example.pt' }).click();
    await page.getByRole('heading', { name: 'beatriz.lopes@example.pt' }).waitFor();
    const shopperPath = new URL(page.url()).pathname.slice(at.length);
    await visit(shopperPath, 'beatriz.lopes@example.pt', 'shopper detail');
    const zip = await page.request.get(
      (await page.getByRole('link', { name: 'Export data' }).getAttribute('href')) ?? '',
    );
    expect(zip.status()).toBe(200);
    expect(zip.headers()['content-type']).toContain('application/zip');

    // Edit code: a snippet that does not parse is refused naming its file and line; a good one goes live.
    await visit('/theme', 'Theme', 'theme');
    await page.getByRole('link', { name: 'Edit code' }).click();
    await page.getByRole('heading', { name: 'Edit theme code' }).waitFor();
    await page.getByLabel('New snippet name').fill('promo');
    await page.getByRole('button', { name: 'Add snippet' }).click();
    const source = page.getByLabel('Liquid source of snippets/promo.liquid');
    await source.fill('<p>Promo</p>\n{% if %}');
    await page.getByRole('button', { name: 'Save and make live' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'snippets/promo.liquid' })
      .getByText(/Line 2/)
      .first()
      .waitFor();
    await source.fill('<p>Promo</p>');
    await page.getByRole('button', { name: 'Save and make live' }).click();
    await page.getByText('Version 1 is live.').waitFor();
    await expectAccessible(page, 'theme code');
    visited.push('/theme/code');
    await visit('/theme', 'Theme', 'theme with a version');
    await page.getByText('Version 1 of your changes is live.').waitFor();

    await visit('/settings', 'Settings', 'settings');
    await page.getByLabel('Shop name').fill('Loja da Ana Costa');
    await page.getByLabel('Mainland Portugal').fill('abc');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Use an amount in euros, e.g. 4.90').waitFor();
    await page.getByLabel('Mainland Portugal').fill('4,90');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    await page.locator('.crumbs').getByText('Loja da Ana Costa').waitFor();
    // Who runs the shop, and its logo: both shown on the storefront.
    await page.getByLabel('Legal name').fill('Ana Costa, Unipessoal Lda.');
    await page.getByLabel('Contact email', { exact: true }).fill('not an email');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Not a valid email address').waitFor();
    await page.getByLabel('Contact email', { exact: true }).fill('ola@ana.example');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').first().waitFor();
    await page
      .getByLabel('Logo file')
      .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: await png('#334455') });
    await page.getByRole('button', { name: 'Upload the logo' }).click();
    await page.getByText('Logo saved.').waitFor();
    await page.getByRole('img', { name: 'The current logo' }).waitFor();
    await expectAccessible(page, 'settings with a logo');
    const front = await openTab();
    await front.page.goto(shop.storefront);
    await front.page.locator('.site-footer').getByText('Ana Costa, Unipessoal Lda.').waitFor();
    await front.page.locator('.site-name img[alt="Loja da Ana Costa"]').waitFor();
    await front.context.close();

    // The same pages on a phone: nothing wider than the screen.
    const phone = await openTab({ width: 375 });
    await signInTab(phone, shop.m.email, shop.m.password);
    const product = (await shop.api('GET', `/api/v1/shops/${shop.shopId}/products`)) as { items: { id: string }[] };
    for (const path of [...visited, `/products/${product.items[0]!.id}`]) {
      await phone.page.goto(`${at}${path}`);
      await phone.page.getByRole('heading', { level: 1 }).waitFor();
      await phone.page.locator('main p, main table, main form').first().waitFor();
      const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${path} at 375 px`).toBeLessThanOrEqual(375);
    }

    // Erasure, last: asked first, with what invoiced orders keep.
    await page.goto(`${at}${shopperPath}`);
    await page.getByRole('button', { name: 'Erase' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase this shopper?' });
    await dialog.getByText(/invoiced keep their fiscal fields/).waitFor();
    await expectAccessible(page, 'erase dialog');
    await dialog.getByRole('button', { name: 'Erase' }).click();
    await page.getByText('The shopper was erased.').waitFor();
    await page.getByRole('heading', { name: 'Shoppers' }).waitFor();
    expect(tab.consoleErrors, tab.consoleErrors.join('\n')).toEqual([]);
    expect(phone.consoleErrors, phone.consoleErrors.join('\n')).toEqual([]);
  }, 300_000);

  it('speaks European Portuguese', async () => {
    const tab = await openTab({ locale: 'pt-PT' });
    await signInTab(tab, shop.m.email, shop.m.password);
    await tab.page.goto(`/account/shops/${shop.shopId}/products`);
    await tab.page.getByRole('heading', { name: 'Produtos', level: 1 }).waitFor();
    await tab.page.getByRole('link', { name: 'Adicionar um produto' }).waitFor();
    await tab.page
      .getByRole('navigation', { name: 'Gestão da loja' })
      .getByRole('link', { name: 'Encomendas' })
      .click();
    await tab.page.getByRole('heading', { name: 'Encomendas', level: 1 }).waitFor();
    await expectAccessible(tab.page, 'orders in pt-PT');
  });
});
