import { describe, expect, it } from 'vitest';
import {
  browserAvailable,
  expectAccessible,
  linkIn,
  merchantWithShop,
  openTab,
  signInTab,
  staffEmail,
  staffPassword,
  type Tab,
  useBrowser,
} from './browser.js';

/**
 * A merchant with a shop selling a mug in two colours, made through the API: making it in the
 * back office (variants, images) is what back-office.e2e proves; here it is only the stage.
 */
async function shopWithMug() {
  const shop = await merchantWithShop({ slugPrefix: 'sh', name: 'Loja do Rui' });
  await shop.api('POST', `/api/v1/shops/${shop.shopId}/products`, {
    title: 'Caneca de Barcelos',
    status: 'active',
    options: [{ name: 'Cor', values: ['Azul', 'Verde'] }],
    variants: [
      { sku: 'CAN-AZ', priceCents: 1250, stock: 10, options: ['Azul'] },
      { sku: 'CAN-VD', priceCents: 1250, stock: 10, options: ['Verde'] },
    ],
  });
  return shop;
}

/** The merchant, signed in to the back office in a tab of their own. */
async function merchantTab(shop: Awaited<ReturnType<typeof shopWithMug>>): Promise<Tab> {
  const tab = await openTab({ width: 1440 });
  await signInTab(tab, shop.m.email, shop.m.password);
  return tab;
}

describe.skipIf(!browserAvailable)('a shopper at a shop, and the shop answering them (#10)', () => {
  useBrowser();
  let shop: Awaited<ReturnType<typeof shopWithMug>>;
  let shopper: Tab;
  const email = `rui.${process.pid}.${Date.now()}@example.pt`;

  it('a shopper signs up, confirms the email, buys signed in, and sees the tracking number the merchant added', async () => {
    shop = await shopWithMug();
    shopper = await openTab();
    const { page } = shopper;

    await page.goto(`${shop.storefront}/`);
    await page.getByRole('link', { name: 'Account', exact: true }).click();
    await page.waitForURL(/\/account\/login/);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await expectAccessible(page, 'storefront sign-in');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.waitForURL(/\/account\/register/);
    await page.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
    await expectAccessible(page, 'storefront register');
    await page.getByLabel('First name').fill('Rui');
    await page.getByLabel('Last name').fill('Pereira');
    // exact: the newsletter box's label mentions email too.
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill('lantern orchard velvet comet');
    await page.getByRole('button', { name: 'Create account' }).click();
    // Back at the account the Account link was going to, with the welcome notice.
    await page.waitForURL(/\/account\?notice=welcome$/);
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await page.getByText('Your account is ready. We sent you an email to confirm your address.').waitFor();
    await page.getByText(/Confirm your email to see your orders/).waitFor();

    const confirm = await linkIn(email, /(http:\/\/[^\s]+\/account\/confirm\?token=[^\s]+)/);
    await page.goto(confirm);
    await page.getByText('Your email is confirmed. Your orders are below.').waitFor();
    await page.getByText('You have no orders yet.').waitFor();
    await expectAccessible(page, 'storefront account');

    // The storefront's own checkout, signed in: the order is the account's by its email.
    await page.goto(`${shop.storefront}/products/caneca-de-barcelos`);
    await page.getByRole('heading', { name: 'Caneca de Barcelos' }).waitFor();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.waitForURL(/\/cart$/);
    await page.getByRole('button', { name: 'Check out' }).click();
    await page.waitForURL(/\/checkout/);
    await page.getByText(/Signed in as Rui/).waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('First name').fill('Rui');
    await page.getByLabel('Last name').fill('Pereira');
    await page.getByLabel('Address', { exact: true }).fill('Rua das Flores 12');
    await page.getByLabel('Postal code').fill('4050-262');
    await page.getByLabel('City').fill('Porto');
    await page.getByLabel('Country').selectOption('PT');
    await page.getByRole('button', { name: 'Continue to shipping' }).click();
    await page.waitForURL(/step=shipping/);
    await page.getByRole('button', { name: 'Continue to payment' }).click();
    await page.waitForURL(/step=payment/);
    await page.getByLabel(/^Card/).first().check();
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByLabel('Expiry month').fill('08');
    await page.getByLabel('Expiry year').fill('2035');
    await page.getByLabel('Security code (CVC)').fill('123');
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.waitForURL(/\/orders\/[\w-]+$/);
    await page.getByRole('heading', { name: /Thank you for your order/ }).waitFor();

    // The merchant sends it with a tracking number, in the back office.
    const merchant = await merchantTab(shop);
    await merchant.page.goto(`/account/shops/${shop.shopId}/orders`);
    await merchant.page.getByRole('link', { name: /^Order #?\d+/ }).click();
    await merchant.page.getByRole('heading', { name: /^Order / }).waitFor();
    expect(await merchant.page.textContent('main')).toContain(email);
    await merchant.page.getByLabel('Tracking number (optional)').fill('RR987654321PT');
    await merchant.page.getByRole('button', { name: 'Mark as sent' }).click();
    await merchant.page.getByText('Order marked as sent; the shopper is emailed.').waitFor();

    // The shopper finds it from their account page.
    await page.goto(`${shop.storefront}/`);
    await page.getByRole('link', { name: 'Account', exact: true }).click();
    await page.waitForURL(/\/account$/);
    await page.getByRole('table', { name: 'Your orders' }).getByRole('link').first().click();
    await page.waitForURL(/\/account\/orders\/\d+$/);
    await page.getByRole('heading', { level: 1, name: /^Order / }).waitFor();
    await page.getByText('RR987654321PT').waitFor();
    expect(await page.textContent('main')).toContain('Azul');
    await expectAccessible(page, 'storefront account order');

    expect(shopper.consoleErrors, shopper.consoleErrors.join('\n')).toEqual([]);
    expect(merchant.consoleErrors, merchant.consoleErrors.join('\n')).toEqual([]);
  }, 180_000);

  it('the shopper asks for their data, the merchant answers it in the back office, and the mailed link gives a ZIP', async () => {
    const { page } = shopper;
    await page.goto(`${shop.storefront}/account`);
    await page.getByRole('link', { name: 'See or delete the data this shop holds about you' }).click();
    await page.waitForURL(/\/account\/privacy$/);
    await page.getByRole('heading', { level: 1, name: 'Your data and privacy' }).waitFor();
    await page.getByLabel('A copy of my data').check();
    await page.getByRole('button', { name: 'Send the request' }).click();
    await page.getByText('Your request was sent to the shop. You will get the answer by email.').waitFor();
    await page.getByText(/A copy of my data: Waiting for the shop/).waitFor();
    await expectAccessible(page, 'storefront account privacy');
    // And erasure too, for the merchant's other actions (one open request per kind is allowed).
    await page.getByLabel('Delete my data').check();
    await page.getByRole('button', { name: 'Send the request' }).click();
    await page.getByText(/Delete my data: Waiting for the shop/).waitFor();

    const merchant = await merchantTab(shop);
    const mp = merchant.page;
    await mp.goto(`/account/shops/${shop.shopId}`);
    await mp
      .getByRole('navigation', { name: 'Shop back office' })
      .getByRole('link', { name: 'Privacy requests' })
      .click();
    await mp.getByRole('heading', { level: 1, name: 'Privacy requests' }).waitFor();
    await mp.getByText(/the controller of its shoppers’ data and SellRocket its processor/).waitFor();
    const open = mp.getByRole('table', { name: 'Waiting for an answer' });
    const access = open.getByRole('row').filter({ hasText: 'Copy of their data' }).filter({ hasText: email });
    const erasure = open.getByRole('row').filter({ hasText: 'Erasure of their data' }).filter({ hasText: email });
    await access.waitFor();
    expect(await access.textContent()).toContain('Their account');
    await expectAccessible(mp, 'back office privacy requests');

    // Extend: the reason is asked for beside its field, then sent; an extension is granted once.
    await erasure.getByRole('button', { name: 'Extend' }).click();
    const extend = mp.getByRole('dialog', { name: 'Extend the time to answer' });
    await extend.getByRole('radio', { name: 'Two months' }).check();
    await extend.getByRole('button', { name: 'Extend' }).click();
    await extend.getByText('Write the reason: the shopper is told it.').waitFor();
    await expectAccessible(mp, 'extend dialog with an error');
    await extend.getByLabel('Reason').fill('Your orders span several years and we are gathering them all.');
    await extend.getByRole('button', { name: 'Extend' }).click();
    await mp.getByText('Request extended.').waitFor();
    await erasure.getByText(/Extended: Your orders span several years/).waitFor();
    await expect.poll(() => erasure.getByRole('button', { name: 'Extend' }).count()).toBe(0);
    await linkIn(email, /(needs more time)/);

    // Answer the access request: confirmed first.
    await access.getByRole('button', { name: 'Answer' }).click();
    const answer = mp.getByRole('dialog', { name: 'Send this shopper a copy of their data?' });
    await answer.getByText(/is emailed a link to download everything this shop holds/).waitFor();
    await expectAccessible(mp, 'answer dialog');
    await answer.getByRole('button', { name: 'Answer' }).click();
    await mp.getByText('Request answered.').waitFor();
    await expect.poll(() => access.count()).toBe(0);

    // The erasure's dialog says what invoiced orders keep; cancelled here, then refused.
    await erasure.getByRole('button', { name: 'Answer' }).click();
    const erase = mp.getByRole('dialog', { name: 'Erase this shopper’s data?' });
    await erase.getByText(/Orders that were invoiced keep their fiscal fields/).waitFor();
    await erase.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => erase.count()).toBe(0);
    await erasure.getByRole('button', { name: 'Refuse' }).click();
    const refuse = mp.getByRole('dialog', { name: 'Refuse this request' });
    await refuse.getByLabel('Reason').fill('This e2e test keeps the shopper for the download below.');
    await refuse.getByRole('button', { name: 'Refuse' }).click();
    await mp.getByText('Request refused.').waitFor();

    await mp
      .getByRole('navigation', { name: 'Requests to show' })
      .getByRole('link', { name: 'Answered or refused' })
      .click();
    const closed = mp.getByRole('table', { name: 'Answered or refused' });
    await closed.getByRole('row').filter({ hasText: 'Copy of their data' }).getByText('Answered').first().waitFor();
    await closed
      .getByRole('row')
      .filter({ hasText: 'Erasure of their data' })
      .getByText(/Refused: This e2e test/)
      .waitFor();
    await expectAccessible(mp, 'back office closed privacy requests');
    // On a phone the queue scrolls inside its table, not the page.
    const phone = await openTab({ width: 375 });
    await signInTab(phone, shop.m.email, shop.m.password);
    await phone.page.goto(`/account/shops/${shop.shopId}/privacy?status=closed`);
    await phone.page.getByRole('table', { name: 'Answered or refused' }).waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // The shopper's mail: a link on the shop's host that gives the archive.
    const download = await linkIn(email, /(http:\/\/[^\s]+\/privacy\/download\?token=[^\s]+)/);
    expect(new URL(download).origin).toBe(shop.storefront);
    await page.goto(`${shop.storefront}/account/privacy`);
    await page.getByText(/A copy of my data: Answered/).waitFor();
    // Fetched from the shop's page itself: Node cannot resolve <slug>.localhost, Chromium can.
    const zip = await page.evaluate(async (url) => {
      const res = await fetch(url);
      const bytes = new Uint8Array(await res.arrayBuffer());
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        magic: String.fromCharCode(...bytes.slice(0, 2)),
      };
    }, download);
    expect(zip).toEqual({ status: 200, type: 'application/zip', magic: 'PK' });
    expect(shopper.consoleErrors, shopper.consoleErrors.join('\n')).toEqual([]);
    expect(merchant.consoleErrors, merchant.consoleErrors.join('\n')).toEqual([]);
  }, 180_000);

  it('the privacy queue speaks European Portuguese', async () => {
    const tab = await openTab({ locale: 'pt-PT' });
    await signInTab(tab, shop.m.email, shop.m.password);
    await tab.page.goto(`/account/shops/${shop.shopId}`);
    await tab.page
      .getByRole('navigation', { name: 'Gestão da loja' })
      .getByRole('link', { name: 'Pedidos de privacidade' })
      .click();
    await tab.page.getByRole('heading', { level: 1, name: 'Pedidos de privacidade' }).waitFor();
    await tab.page.getByText('Nenhum pedido aguarda resposta.').waitFor();
    await expectAccessible(tab.page, 'privacy requests in pt-PT');
  });

  it('staff see which shops have overdue requests, counts only', async () => {
    const staff = await openTab();
    await signInTab(staff, staffEmail, staffPassword, true);
    await staff.page.goto('/staff/accounts');
    await staff.page
      .getByRole('navigation', { name: 'Staff console' })
      .getByRole('link', { name: 'Shops with overdue requests' })
      .click();
    await staff.page.getByRole('heading', { level: 1, name: 'Shops with overdue requests' }).waitFor();
    // Nothing here is a month old: the list is empty, and says so.
    await staff.page.getByText('No shop has an overdue privacy request.').waitFor();
    await expectAccessible(staff.page, 'staff overdue shops');
    expect(staff.consoleErrors, staff.consoleErrors.join('\n')).toEqual([]);
  });
});
