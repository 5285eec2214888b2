import { describe, expect, it } from 'vitest';
import { browserAvailable, expectAccessible, merchantWithShop, openTab, useBrowser } from './browser.js';

/** A shop selling one mug, made through the merchant API. */
async function shopWithMug() {
  const shop = await merchantWithShop({ slugPrefix: 'co', name: 'Loja da Caneca' });
  await shop.api('POST', `/api/v1/shops/${shop.shopId}/products`, {
    title: 'Caneca de grés',
    status: 'active',
    variants: [{ sku: 'CAN-G', priceCents: 1450, stock: 3 }],
  });
  return { storefront: shop.storefront, orders: () => shop.api('GET', `/api/v1/shops/${shop.shopId}/orders`) };
}

describe.skipIf(!browserAvailable)('checkout in a browser without JavaScript (#9)', () => {
  useBrowser();

  it('a shopper adds a product to the cart, checks out by card and sees the confirmation; the merchant sees the order', async () => {
    const { storefront, orders } = await shopWithMug();
    const tab = await openTab({ javaScript: false });
    const checker = await openTab();
    const accessible = async (label: string) => {
      await checker.context.addCookies(await tab.context.cookies());
      await checker.page.goto(tab.page.url());
      await expectAccessible(checker.page, label);
    };
    await tab.page.goto(`${storefront}/products/caneca-de-gres`);
    await tab.page.getByRole('button', { name: 'Add to cart' }).click();
    await tab.page.waitForURL(/\/cart$/);
    await tab.page
      .getByRole('link', { name: /Caneca de grés/ })
      .first()
      .waitFor();
    await accessible('cart');
    await tab.page.getByRole('button', { name: 'Check out' }).click();
    await tab.page.waitForURL(/\/checkout/);
    await accessible('checkout: information');
    await tab.page.getByLabel('Email').fill('beatriz.lopes@example.pt');
    await tab.page.getByLabel('First name').fill('Beatriz');
    await tab.page.getByLabel('Last name').fill('Lopes');
    await tab.page.getByLabel('Address', { exact: true }).fill('Rua de Santa Catarina 300');
    await tab.page.getByLabel('Postal code').fill('4000-447');
    await tab.page.getByLabel('City').fill('Porto');
    await tab.page.getByLabel('Country').selectOption('PT');
    await tab.page.getByRole('button', { name: 'Continue to shipping' }).click();
    await tab.page.waitForURL(/step=shipping/);
    await accessible('checkout: shipping');
    await tab.page.getByRole('button', { name: 'Continue to payment' }).click();
    await tab.page.waitForURL(/step=payment/);
    await tab.page.getByLabel(/^Card/).first().check();
    await tab.page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await tab.page.getByLabel('Expiry month').fill('08');
    await tab.page.getByLabel('Expiry year').fill('2035');
    await tab.page.getByLabel('Security code (CVC)').fill('123');
    await accessible('checkout: payment');
    await tab.page.getByRole('button', { name: /^Pay / }).click();
    await tab.page.waitForURL(/\/orders\/[\w-]+$/);
    await tab.page.getByRole('heading', { name: /Thank you for your order/ }).waitFor();
    expect(await tab.page.textContent('body')).toContain('4242');
    await accessible('order confirmation');
    const list = await orders();
    expect(list).toMatchObject({ total: 1, items: [{ status: 'paid', email: 'beatriz.lopes@example.pt' }] });
    expect(tab.requests.filter((u) => !u.startsWith(storefront))).toEqual([]);
  });
});
