import { describe, expect, it } from 'vitest';
import {
  apiSignUp,
  baseUrl,
  browserAvailable,
  expectAccessible,
  newMerchant,
  openTab,
  signInTab,
  staffEmail,
  staffPassword,
  useBrowser,
} from './browser.js';

describe.skipIf(!browserAvailable)('addresses in Chromium', () => {
  useBrowser();

  it('reloading any page of the app opens that page', async () => {
    const tab = await openTab();
    for (const [path, heading] of [
      ['/terms', 'Terms of service'],
      ['/privacy/request', 'Make a privacy request'],
      ['/plans', 'Plans'],
    ] as const) {
      await tab.page.goto(path);
      await tab.page.reload();
      await tab.page.getByRole('heading', { level: 1, name: heading }).waitFor();
    }
    expect(tab.consoleErrors).toEqual([]);
  });

  it('an unknown address shows the site\'s own "not found" page, in either language', async () => {
    const tab = await openTab({ width: 375 });
    const res = await tab.page.goto('/no/such/page');
    expect(res?.headers()['content-type']).toMatch(/^text\/html/);
    await tab.page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await tab.page.getByText('There is no page at /no/such/page.').waitFor();
    await expectAccessible(tab.page, 'not found');
    expect(
      await tab.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
    await tab.page.getByRole('combobox', { name: 'Language' }).selectOption('pt-PT');
    await tab.page.getByRole('heading', { level: 1, name: 'Página não encontrada' }).waitFor();
    await tab.page.getByRole('link', { name: 'Ir para a página inicial' }).click();
    await expect.poll(() => tab.page.url()).toBe(`${baseUrl}/`);
    // The API keeps its own answer for an unknown path.
    const api = await tab.page.request.get('/api/v1/no-such-thing');
    expect(api.status()).toBe(404);
    expect(api.headers()['content-type']).toMatch(/^application\/problem\+json/);
  });

  it("an unknown address inside the customer area keeps the area's frame", async () => {
    const m = newMerchant();
    await apiSignUp(m);
    const tab = await openTab();
    await signInTab(tab, m.email, m.password);
    await tab.page.goto('/account/nothing-here');
    await tab.page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await tab.page.getByRole('navigation', { name: 'Account sections' }).waitFor();
  });

  it('the staff search lives in the address: reloading keeps the query and its answer', async () => {
    const m = newMerchant({ lastName: 'Addresssearch' });
    await apiSignUp(m);
    const tab = await openTab();
    await signInTab(tab, staffEmail, staffPassword, true);
    await tab.page.goto('/staff/accounts');
    await tab.page.getByRole('searchbox', { name: 'Search accounts' }).fill(m.email);
    await tab.page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => new URL(tab.page.url()).searchParams.get('q')).toBe(m.email);
    await tab.page.reload();
    const results = tab.page.getByRole('table', { name: 'Accounts' });
    await expect.poll(() => results.getByRole('row').count()).toBe(2);
    expect(await tab.page.getByRole('searchbox', { name: 'Search accounts' }).inputValue()).toBe(m.email);
  });
});
