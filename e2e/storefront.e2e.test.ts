import { describe, expect, it } from 'vitest';
import { apiSignUp, baseUrl, browserAvailable, expectAccessible, newMerchant, openTab, useBrowser } from './browser.js';

/** A shop with a collection and two products, made through the merchant API. */
async function stockedShop() {
  const { cookie } = await apiSignUp(newMerchant());
  const call = async (path: string, body: object) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string; handle: string };
  };
  const slug = `sf-${Date.now().toString(36)}`;
  const shop = await call('/api/v1/shops', { slug, name: 'Loja Sem Scripts' });
  await call(`/api/v1/shops/${shop.id}/collections`, { title: 'Cerâmica', handle: 'ceramica' });
  await call(`/api/v1/shops/${shop.id}/products`, {
    title: 'Prato pintado à mão',
    status: 'active',
    description: 'Pintado em Caldas da Rainha.',
    options: [{ name: 'Tamanho', values: ['20 cm', '27 cm'] }],
    variants: [
      { sku: 'PR-20', priceCents: 1800, stock: 4, options: ['20 cm'] },
      { sku: 'PR-27', priceCents: 2600, stock: 0, options: ['27 cm'] },
    ],
    collections: ['ceramica'],
  });
  await call(`/api/v1/shops/${shop.id}/products`, {
    title: 'Caneca',
    status: 'active',
    variants: [{ sku: 'CAN', priceCents: 900, stock: 9 }],
    collections: ['ceramica'],
  });
  const port = new URL(baseUrl).port;
  return { storefront: `http://${slug}.localhost:${port}` };
}

describe.skipIf(!browserAvailable)('the storefront in a browser without JavaScript (#9)', () => {
  useBrowser();

  it('a shopper browses a collection, opens a product and searches; every page is accessible', async () => {
    const { storefront } = await stockedShop();
    const tab = await openTab({ javaScript: false, locale: 'pt-PT' });
    // axe runs as a script, so each page is checked again in a tab that allows one: the page
    // itself has none, so both tabs show the same document.
    const checker = await openTab({ locale: 'pt-PT' });
    const accessible = async (label: string) => {
      await checker.page.goto(tab.page.url());
      await expectAccessible(checker.page, label);
    };
    await tab.page.goto(`${storefront}/`);
    await tab.page.getByRole('heading', { level: 1 }).first().waitFor();
    await accessible('storefront home with the cookie banner');
    await tab.page.getByRole('link', { name: 'Cerâmica' }).first().click();
    await tab.page.waitForURL(/\/collections\/ceramica/);
    await accessible('collection');
    await tab.page
      .getByRole('link', { name: /Prato pintado à mão/ })
      .first()
      .click();
    await tab.page.waitForURL(/\/products\/prato-pintado-a-mao/);
    await tab.page.getByRole('heading', { name: 'Prato pintado à mão' }).waitFor();
    await accessible('product');
    const search = tab.page.getByRole('searchbox').first();
    await search.fill('caneca');
    await search.press('Enter');
    await tab.page.waitForURL(/\/search\?q=caneca/);
    await tab.page
      .getByRole('link', { name: /Caneca/ })
      .first()
      .waitFor();
    await accessible('search results');
    // Nothing was fetched from any other host.
    expect(tab.requests.filter((u) => !u.startsWith(storefront))).toEqual([]);
  });

  it('is usable at 375 px', async () => {
    const { storefront } = await stockedShop();
    const tab = await openTab({ width: 375 });
    await tab.page.goto(`${storefront}/products/prato-pintado-a-mao`);
    await tab.page.getByRole('heading', { name: 'Prato pintado à mão' }).waitFor();
    const overflow = await tab.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(tab.page, 'product at 375 px');
  });
});
