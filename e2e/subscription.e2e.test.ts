import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  browserAvailable,
  expectAccessible,
  mailTo,
  merchantWithShop,
  openTab,
  signInTab,
  useBrowser,
  type Tab,
} from './browser.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** A card that has not expired: December, two years on. */
const expYear = String(new Date().getFullYear() + 2);

/** The customer's open proforma invoices, as the API lists them (newest first). */
async function openProformas(tab: Tab) {
  const res = await tab.page.request.get('/api/v1/account/invoices');
  expect(res.status()).toBe(200);
  const { items } = (await res.json()) as { items: { id: string; name: string; kind: string; status: string }[] };
  return items.filter((d) => d.kind === 'proforma' && d.status === 'open');
}

/** Types a card into the Pay now form and sends it; returns the Idempotency-Key the attempt carried. */
async function payWith(tab: Tab, form: Locator, number: string) {
  await form.getByLabel('Card number').fill(number);
  await form.getByLabel('Expiry month (MM)').fill('12');
  await form.getByLabel('Expiry year (YYYY)').fill(expYear);
  await form.getByLabel('Security code (CVC)').fill('123');
  const sent = tab.page.waitForRequest((r) => /\/api\/v1\/account\/invoices\/[^/]+\/pay$/.test(r.url()));
  await form.getByRole('button', { name: /^Pay €/ }).click();
  const request = await sent;
  // The card goes to the server in the body of this one request, and nowhere else.
  expect(request.method()).toBe('POST');
  return request.headers()['idempotency-key']!;
}

/** Once answered, whatever the answer, the card's fields are empty again. */
async function expectCardCleared(form: Locator) {
  for (const label of ['Card number', 'Expiry month (MM)', 'Expiry year (YYYY)', 'Security code (CVC)'])
    await expect.poll(() => form.getByLabel(label).inputValue()).toBe('');
}

/** Nothing runs off the side of a 375 px wide screen. */
async function fitsNarrowScreen(tab: Tab, label: string) {
  const overflow = await tab.page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, label).toBeLessThanOrEqual(0);
}

describe.skipIf(!browserAvailable)('a shop on a plan, paid by card, in Chromium', () => {
  useBrowser();

  it('a merchant chooses the Business plan, pays its proforma with Pay now (a declined card first) and downloads the invoice', async () => {
    const name = `Loja Plano ${Date.now().toString(36)}`;
    const shop = await merchantWithShop({ slugPrefix: 'plano', name });
    // The refusals this test provokes on purpose (a mistyped number, a declined card) log a failed request.
    const tab = await openTab({ expectedErrors: /status of 4(02|22)/ });
    await signInTab(tab, shop.m.email, shop.m.password);

    // The plan is a part of the shop's back office.
    await tab.page.goto(`/account/shops/${shop.shopId}`);
    await tab.page
      .getByRole('navigation', { name: 'Shop back office' })
      .getByRole('link', { name: 'Plan', exact: true })
      .click();
    await tab.page.getByRole('heading', { level: 1, name: 'Plan' }).waitFor();
    expect(tab.page.url()).toMatch(new RegExp(`/account/shops/${shop.shopId}/plan$`));
    const main = tab.page.getByRole('main');
    await main.getByText(/^This shop runs under no plan yet\./).waitFor();
    // Each plan's price by the month and by the year, which costs ten months (VAT excluded).
    const planCard = (plan: string) =>
      main.locator('.grid-3 > section.card').filter({ has: tab.page.getByRole('heading', { level: 3, name: plan }) });
    await planCard('Starter').getByText('€9 / month', { exact: true }).waitFor();
    await planCard('Starter').getByText('or €90 a year').waitFor();
    await planCard('Business').getByText('€29 / month', { exact: true }).waitFor();
    await planCard('Business').getByText('or €290 a year').waitFor();
    await planCard('Business').getByText('Unlimited products').waitFor();
    await planCard('Scale').getByText('or €790 a year').waitFor();
    await main.getByText('Prices exclude VAT. A year costs ten months.').waitFor();
    await expectAccessible(tab.page, 'plan, none chosen');

    // Monthly unless changed.
    expect(await main.getByLabel('Every month').isChecked()).toBe(true);
    await main.getByRole('button', { name: 'Choose this plan: Business, monthly' }).click();
    const chosen = main.getByRole('status').filter({ hasText: 'The Business plan is yours.' });
    await chosen.waitFor();
    const current = main.locator('section.card').filter({ has: tab.page.getByRole('heading', { name: 'Your plan' }) });
    const fact = (term: string) => current.locator(`xpath=.//dt[normalize-space()="${term}"]/following-sibling::dd[1]`);
    await expect.poll(() => fact('Plan').textContent()).toBe('Business');
    expect(await fact('Billing period').textContent()).toBe('Monthly');
    expect(await fact('Price').textContent()).toBe('€29 / month');
    expect(await fact('Status').textContent()).toBe('Active');
    const sub = (await (await tab.page.request.get(`/api/v1/shops/${shop.shopId}/subscription`)).json()) as {
      subscription: { planId: string; period: string; currentPeriodEnd: string };
    };
    expect(sub.subscription).toMatchObject({ planId: 'business', period: 'monthly' });
    const periodEnd = await tab.page.evaluate(
      (iso) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' }).format(new Date(iso)),
      sub.subscription.currentPeriodEnd,
    );
    expect(await fact('Current period ends').textContent()).toBe(periodEnd);
    // No second plan can be chosen while this one runs.
    expect(await main.getByRole('button', { name: /^Choose this plan/ }).count()).toBe(0);
    await planCard('Business').getByText('Your plan', { exact: true }).waitFor();
    await expectAccessible(tab.page, 'plan, Business chosen');

    // Its first proforma is in Invoices, a link away.
    const [proforma] = await openProformas(tab);
    expect(proforma).toBeDefined();
    await chosen.getByRole('link', { name: 'Invoices' }).click();
    await tab.page.getByRole('heading', { level: 1, name: 'Invoices' }).waitFor();
    const list = tab.page.getByRole('table', { name: 'Invoices' });
    const row = (doc: string) =>
      list.getByRole('row').filter({ has: tab.page.getByRole('link', { name: new RegExp(`^Open the .* ${doc}$`) }) });
    // €29.00 and 23 % VAT for a final consumer in mainland Portugal.
    await row(proforma!.name).getByText('Awaiting payment', { exact: true }).waitFor();
    await row(proforma!.name).getByText('€35.67', { exact: true }).waitFor();

    // Pay now opens the card form, the keyboard on its first field.
    await row(proforma!.name)
      .getByRole('button', { name: `Pay now for ${proforma!.name}` })
      .click();
    const form = tab.page.getByRole('form', { name: `Pay ${proforma!.name} by card` });
    await form.waitFor();
    await expect.poll(() => form.getByLabel('Card number').evaluate((e) => e === document.activeElement)).toBe(true);
    const autocomplete = async (label: string) => form.getByLabel(label).getAttribute('autocomplete');
    expect(await autocomplete('Card number')).toBe('cc-number');
    expect(await autocomplete('Expiry month (MM)')).toBe('cc-exp-month');
    expect(await autocomplete('Expiry year (YYYY)')).toBe('cc-exp-year');
    expect(await autocomplete('Security code (CVC)')).toBe('cc-csc');
    await main.getByText('€35.67, VAT included.', { exact: false }).waitFor();
    await expectAccessible(tab.page, 'invoices, paying by card');

    // Nothing typed: each field says so, and nothing is sent.
    await form.getByRole('button', { name: 'Pay €35.67' }).click();
    await form.getByText('The expiry month is 1 to 12.').waitFor();
    expect(await form.getByLabel('Card number').getAttribute('aria-invalid')).toBe('true');

    // A mistyped number: the server's 422, beside the card number.
    const mistyped = await payWith(tab, form, '4242 4242 4242 4241');
    expect(mistyped).toMatch(uuid);
    await form.getByRole('alert').filter({ hasText: 'Some card details are not valid: see below.' }).waitFor();
    const numberError = form.locator('.field', { has: tab.page.getByLabel('Card number') }).locator('.field-error');
    await expect.poll(() => numberError.textContent()).toMatch(/not valid/);
    await expectCardCleared(form);

    // A declined card: the 402's reason beside the card number, nothing charged, the fields cleared.
    const declined = await payWith(tab, form, '4000 0000 0000 0002');
    expect(declined).toMatch(uuid);
    expect(declined).not.toBe(mistyped);
    await form.getByRole('alert').filter({ hasText: 'The payment was declined: nothing was charged.' }).waitFor();
    await expect.poll(() => numberError.textContent()).toBe('The card was declined by its bank.');
    await expectCardCleared(form);
    await expectAccessible(tab.page, 'invoices, card declined');
    expect((await openProformas(tab)).map((d) => d.id)).toContain(proforma!.id);

    // Typing again clears what was said of the card; the test card that approves pays it.
    await form.getByLabel('Card number').fill('4');
    await expect.poll(() => numberError.count()).toBe(0);
    const approved = await payWith(tab, form, '4242 4242 4242 4242');
    expect(approved).toMatch(uuid);
    expect(approved).not.toBe(declined);
    const paid = main.locator('section.card').filter({
      has: tab.page.getByRole('heading', { level: 2, name: `${proforma!.name} is paid` }),
    });
    const thanks = paid
      .getByRole('status')
      .filter({ hasText: /^Thank you\. Invoice FT \d{4}\/\d+ was issued for €35\.67/ });
    await thanks.waitFor();
    const invoiceName = /FT \d{4}\/\d+/.exec((await thanks.textContent())!)![0];
    await form.waitFor({ state: 'detached' });
    await paid.getByRole('link', { name: `Open the invoice ${invoiceName}` }).waitFor();
    await expectAccessible(tab.page, 'invoices, paid by card');

    // The invoice's PDF, one link away.
    const pdfLink = paid.getByRole('link', { name: `Download PDF of ${invoiceName}` });
    const pdf = await tab.page.request.get((await pdfLink.getAttribute('href'))!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // The list has moved on: the proforma paid, its invoice issued, nothing left to pay.
    await row(proforma!.name).getByText('Paid', { exact: true }).waitFor();
    await row(invoiceName).getByText('Issued', { exact: true }).waitFor();
    expect(await list.getByRole('button', { name: /^Pay now/ }).count()).toBe(0);
    expect(await openProformas(tab)).toEqual([]);

    // The plan is cancelled at the merchant's request, after a confirmation: it runs to the period's end.
    await tab.page.goto(`/account/shops/${shop.shopId}/plan`);
    await current.getByRole('button', { name: 'Cancel plan' }).click();
    const confirm = tab.page.getByRole('dialog', { name: 'Cancel this plan?' });
    await confirm.getByText(`The shop keeps the Business plan until ${periodEnd}`, { exact: false }).waitFor();
    await expectAccessible(tab.page, 'plan, confirming the cancellation');
    await confirm.getByRole('button', { name: 'Cancel plan' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await expect.poll(() => fact('Status').textContent()).toBe('Cancellation requested');
    await current.getByText(`it ends on ${periodEnd}`, { exact: false }).waitFor();
    expect(await current.getByRole('button', { name: 'Cancel plan' }).count()).toBe(0);
    expect(tab.consoleErrors, tab.consoleErrors.join('\n')).toEqual([]);
  });

  it('the merchant has emails and notices written in Portuguese, chosen on the profile page', async () => {
    const shop = await merchantWithShop({ slugPrefix: 'idioma', name: `Loja Idioma ${Date.now().toString(36)}` });
    const tab = await openTab();
    await signInTab(tab, shop.m.email, shop.m.password);
    await tab.page.goto('/account/profile');
    const form = tab.page.getByRole('form', { name: 'Language of emails and notices' });
    const select = form.getByLabel('Write to me in');
    await expect.poll(() => select.inputValue()).toBe('en');
    await expectAccessible(tab.page, 'profile, notice language');
    await select.selectOption({ label: 'Português' });
    await form.getByRole('button', { name: 'Save the language' }).click();
    await tab.page.getByText('Emails and notices will be written in Português.').waitFor();
    const account = (await (await tab.page.request.get('/api/v1/account')).json()) as { language: string };
    expect(account.language).toBe('pt-PT');
    // The page itself stays in the language on screen; the choice holds after a reload.
    await tab.page.reload();
    await tab.page.getByRole('heading', { level: 2, name: 'Language of emails and notices' }).waitFor();
    await expect.poll(() => select.inputValue()).toBe('pt-PT');

    // The next notice is written in Portuguese: the proforma of a plan chosen now.
    await shop.api('POST', `/api/v1/shops/${shop.shopId}/subscription`, { planId: 'starter', period: 'yearly' });
    await expect
      .poll(() => mailTo(shop.m.email, /A sua fatura pr/) !== undefined, { timeout: 30_000, interval: 500 })
      .toBe(true);
    expect(tab.consoleErrors).toEqual([]);
  });

  it('the plan page and the card form fit a 375 px wide screen, and read in Portuguese', async () => {
    const shop = await merchantWithShop({ slugPrefix: 'estreita', name: `Loja Estreita ${Date.now().toString(36)}` });
    const tab = await openTab({ width: 375, locale: 'pt-PT' });
    await signInTab(tab, shop.m.email, shop.m.password);
    await tab.page.goto(`/account/shops/${shop.shopId}/plan`);
    const main = tab.page.getByRole('main');
    await main.getByRole('heading', { level: 1, name: 'Plano' }).waitFor();
    await main.getByText('Os preços não incluem IVA. Um ano custa dez meses.').waitFor();
    // Yearly: the Scale plan at ten months' price.
    await main.getByLabel('Todos os anos (dois meses grátis)').check();
    await main.getByRole('button', { name: 'Escolher este plano: Scale, anual' }).click();
    await main.getByRole('status').filter({ hasText: 'O plano Scale é seu.' }).waitFor();
    await main.getByText(/^790\s€ \/ ano$/).waitFor();
    await fitsNarrowScreen(tab, '/account/shops/$shopId/plan');
    await expectAccessible(tab.page, 'plan at 375 px (pt-PT)');

    await main.getByRole('status').getByRole('link', { name: 'Faturas' }).click();
    await main.getByRole('heading', { level: 1, name: 'Faturas' }).waitFor();
    await main.getByRole('button', { name: /^Pagar agora a PF / }).click();
    const form = tab.page.getByRole('form', { name: /^Pagar PF \d{4}\/\d+ com cartão$/ });
    await form.getByLabel('Número do cartão').waitFor();
    // 790 € and 23 % VAT.
    await form.getByRole('button', { name: /^Pagar 971,70\s€$/ }).waitFor();
    await fitsNarrowScreen(tab, '/account/invoices, paying');
    await expectAccessible(tab.page, 'card form at 375 px (pt-PT)');
    expect(tab.consoleErrors).toEqual([]);
  });
});
