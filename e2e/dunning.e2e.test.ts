import { describe, expect, it } from 'vitest';
import {
  browserAvailable,
  expectAccessible,
  merchantWithShop,
  openTab,
  signInTab,
  staffEmail,
  staffPassword,
  useBrowser,
  type Tab,
} from './browser.js';

/** The storefront's status, as a shopper's browser gets it (Node cannot resolve <slug>.localhost; Chromium can). */
async function storefrontStatus(front: Tab, url: string) {
  return (await front.page.goto(url))?.status();
}

describe.skipIf(!browserAvailable)('dunning and the account lifecycle in Chromium', () => {
  useBrowser();

  it('staff suspend a shop for non-payment; its storefront is unavailable until the merchant pays the open proforma', async () => {
    const name = `Loja Dunning ${Date.now().toString(36)}`;
    const shop = await merchantWithShop({ slugPrefix: 'dunning', name });
    await shop.api('POST', `/api/v1/shops/${shop.shopId}/subscription`, { planId: 'business', period: 'monthly' });
    const front = await openTab();
    expect(await storefrontStatus(front, shop.storefront)).toBe(200);

    // The staff admin opens the billing overview: the shop's first proforma is due.
    const staff = await openTab();
    await signInTab(staff, staffEmail, staffPassword, true);
    await staff.page.goto('/staff/accounts');
    await staff.page.getByRole('navigation', { name: 'Staff console' }).getByRole('link', { name: 'Billing' }).click();
    await staff.page.getByRole('heading', { level: 2, name: 'Who owes what' }).waitFor();
    const table = (caption: string) => staff.page.getByRole('table', { name: caption, exact: true });
    const rowOf = (caption: string) => table(caption).getByRole('row').filter({ hasText: name });
    const due = rowOf('Due');
    await due.waitFor();
    await due.getByText('€35.67', { exact: true }).waitFor();
    await due.getByText('None yet', { exact: true }).waitFor();
    await expectAccessible(staff.page, 'staff billing overview');
    const said = (text: string | RegExp) =>
      staff.page.getByRole('main').getByRole('status').filter({ hasText: text }).waitFor();

    // Notice of cancellation: the number of days is checked, then given, then withdrawn.
    await due.getByRole('button', { name: `Give notice to ${name}` }).click();
    const notice = staff.page.getByRole('dialog', { name: `Give ${name} notice of cancellation?` });
    const days = notice.getByLabel('Days of notice');
    expect(await days.inputValue()).toBe('30');
    await expectAccessible(staff.page, 'staff billing, giving notice');
    await days.fill('0');
    await notice.getByRole('button', { name: 'Give notice' }).click();
    await notice.getByText('A whole number of days from 1 to 365').waitFor();
    await days.fill('10');
    await notice.getByRole('button', { name: 'Give notice' }).click();
    await notice.waitFor({ state: 'hidden' });
    await said(`Notice given: the plan of ${name} is cancelled on`);
    const inTenDays = await staff.page.evaluate(() =>
      new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' }).format(new Date(Date.now() + 10 * 86_400_000)),
    );
    await rowOf('Under notice of cancellation').getByText(inTenDays).waitFor();
    await rowOf('Under notice of cancellation')
      .getByRole('button', { name: `Withdraw notice to ${name}` })
      .click();
    await said(`The notice of cancellation to ${name} was withdrawn.`);
    await expect.poll(() => staff.page.getByRole('main').getByRole('row').filter({ hasText: name }).count()).toBe(1);
    // And given again, for the 30 days the schedule gives.
    await due.getByRole('button', { name: `Give notice to ${name}` }).click();
    await notice.getByRole('button', { name: 'Give notice' }).click();
    await said(`Notice given: the plan of ${name} is cancelled on`);
    await rowOf('Under notice of cancellation').waitFor();

    // Suspended, after a confirmation: the shop is listed as such, and may be reactivated instead.
    await due.getByRole('button', { name: `Suspend ${name}` }).click();
    const suspend = staff.page.getByRole('dialog', { name: `Suspend ${name}?` });
    await suspend.getByText(/^Its storefront goes off the web now/).waitFor();
    await suspend.getByRole('button', { name: 'Suspend' }).click();
    await suspend.waitFor({ state: 'hidden' });
    await said(`${name} is suspended: its storefront is off the web. The customer was emailed.`);
    await rowOf('Suspended for non-payment').waitFor();
    await due.getByRole('button', { name: `Reactivate ${name}` }).waitFor();
    expect(await due.getByRole('button', { name: `Suspend ${name}` }).count()).toBe(0);
    await expectAccessible(staff.page, 'staff billing, shop suspended');

    // The storefront answers 503 with the neutral unavailable page, naming nothing.
    await expect.poll(() => storefrontStatus(front, shop.storefront)).toBe(503);
    await front.page.getByRole('heading', { level: 1, name: 'Temporarily unavailable' }).waitFor();
    expect(await front.page.content()).not.toContain(name);
    expect(await storefrontStatus(front, `${shop.storefront}/products`)).toBe(503);

    // The merchant sees why on the plan page, with the way back.
    const tab = await openTab();
    await signInTab(tab, shop.m.email, shop.m.password);
    await tab.page.goto(`/account/shops/${shop.shopId}/plan`);
    const main = tab.page.getByRole('main');
    const banner = main.getByRole('alert').filter({
      hasText: 'This shop is suspended for non-payment: pay the open proforma in Invoices to bring it back.',
    });
    await banner.waitFor();
    const inThirtyDays = await tab.page.evaluate(() =>
      new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' }).format(new Date(Date.now() + 30 * 86_400_000)),
    );
    await main
      .getByRole('alert')
      .filter({ hasText: `that this shop’s plan will be cancelled on ${inThirtyDays}` })
      .waitFor();
    await main.getByText('Suspended for non-payment', { exact: true }).waitFor();
    await expectAccessible(tab.page, 'plan, suspended and under notice');

    // It pays the open proforma by card, from Invoices.
    await banner.getByRole('link', { name: 'Invoices' }).click();
    await tab.page.getByRole('heading', { level: 1, name: 'Invoices' }).waitFor();
    const pay = tab.page.getByRole('button', { name: /^Pay now for PF / });
    await expect.poll(() => pay.count()).toBe(1);
    await pay.click();
    const form = tab.page.getByRole('form', { name: /^Pay PF \d{4}\/\d+ by card$/ });
    await form.getByLabel('Card number').fill('4242424242424242');
    await form.getByLabel('Expiry month (MM)').fill('7');
    await form.getByLabel('Expiry year (YYYY)').fill(String(new Date().getFullYear() + 3));
    await form.getByLabel('Security code (CVC)').fill('314');
    await form.getByRole('button', { name: 'Pay €35.67' }).click();
    await main
      .getByRole('status')
      .filter({ hasText: /^Thank you\. Invoice FT \d{4}\/\d+ was issued for €35\.67/ })
      .waitFor();

    // The payment brings the shop back, and withdraws the notice: nothing is overdue any more.
    await expect.poll(() => storefrontStatus(front, shop.storefront)).toBe(200);
    await front.page.getByRole('heading', { name }).waitFor();
    await tab.page.goto(`/account/shops/${shop.shopId}/plan`);
    const current = main.locator('section.card').filter({ has: tab.page.getByRole('heading', { name: 'Your plan' }) });
    await current.getByText('Active', { exact: true }).waitFor();
    expect(await main.getByRole('alert').count()).toBe(0);

    // The staff overview no longer lists the shop: not suspended, not under notice, owing nothing.
    await staff.page.reload();
    await staff.page.getByRole('heading', { level: 3, name: 'Suspended for non-payment' }).waitFor();
    await staff.page.getByRole('heading', { level: 3, name: 'Overdue' }).waitFor();
    await expect.poll(() => staff.page.getByRole('main').getByRole('row').filter({ hasText: name }).count()).toBe(0);

    // The billing run, now: it says what it did.
    await staff.page.getByRole('button', { name: 'Run billing now' }).click();
    await said(
      /^Billing ran: \d+ proforma invoices? issued, \d+ reminders? and \d+ overdue notices? sent, \d+ shops? suspended, \d+ plans? cancelled\.$/,
    );
    expect(await staff.page.getByRole('main').getByRole('row').filter({ hasText: name }).count()).toBe(0);
    expect(staff.consoleErrors, staff.consoleErrors.join('\n')).toEqual([]);
    expect(tab.consoleErrors, tab.consoleErrors.join('\n')).toEqual([]);
  });
});
