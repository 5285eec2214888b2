import { describe, expect, it } from 'vitest';
import {
  apiSignUp,
  browserAvailable,
  expectAccessible,
  newMerchant,
  openTab,
  signInTab,
  useBrowser,
} from './browser.js';

describe.skipIf(!browserAvailable)('a merchant opens a shop (#9)', () => {
  useBrowser();

  it('from the customer area, and the storefront opens at its own host', async () => {
    const m = newMerchant();
    await apiSignUp(m);
    const tab = await openTab();
    await signInTab(tab, m.email, m.password);
    await tab.page.goto('/account/shops');
    await tab.page.getByText('You have no shop yet.').waitFor();
    await expectAccessible(tab.page, 'shops');
    const slug = `loja-${Date.now().toString(36)}`;
    await tab.page.getByLabel('Name', { exact: true }).fill('Loja da Ana');
    await tab.page.getByLabel('Address name').fill(slug);
    // The plan is chosen with the shop: its first period's proforma is in Invoices at once.
    await tab.page.getByLabel('Plan').selectOption('business');
    await tab.page.getByRole('button', { name: 'Open a shop' }).click();
    await tab.page.getByText('Its first proforma invoice is in Invoices.').waitFor();
    const link = tab.page.getByRole('link', { name: new RegExp(`^${slug}\\.localhost`) });
    await link.waitFor();
    await link.click();
    await tab.page.getByRole('heading', { name: 'Loja da Ana' }).waitFor();
    expect(new URL(tab.page.url()).hostname).toBe(`${slug}.localhost`);
    await tab.page.goto('/account/invoices');
    await tab.page
      .getByText(/PF \d{4}\/\d+/)
      .first()
      .waitFor();
    expect(tab.consoleErrors, tab.consoleErrors.join('\n')).toEqual([]);
  });
});
