import { describe, expect, it } from 'vitest';
import {
  apiSignUp,
  browserAvailable,
  expectAccessible,
  newMerchant,
  openTab,
  signInTab,
  staffEmail,
  staffPassword,
  useBrowser,
  type Tab,
} from './browser.js';

/** Nothing runs off the side of a 375 px wide screen. */
async function fitsNarrowScreen(tab: Tab, label: string) {
  const overflow = await tab.page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, label).toBeLessThanOrEqual(0);
}

/** A customer who gave a Portuguese NIF: their documents are made out to their company, at 23 % VAT. */
const company = () => newMerchant({ lastName: 'Invoiced', company: 'Flores Lda', nif: 'PT501964843' });

/** The staff admin, signed in to the console in a browser profile of their own. */
async function staffTab(opts: { width?: number } = {}) {
  // Refusals the test provokes on purpose (an unknown account, a paid proforma) log a failed request.
  const tab = await openTab({ ...opts, expectedErrors: /status of 4(04|09|22)/ });
  await signInTab(tab, staffEmail, staffPassword, true);
  return tab;
}

/** A proforma issued through the staff API (as tests seed), due `days` from now (negative: already past). */
async function issueByApi(staff: Tab, accountId: string, days: number) {
  const res = await staff.page.request.post('/api/v1/staff/billing/proformas', {
    data: {
      accountId,
      dueAt: new Date(Date.now() + days * 86_400_000).toISOString(),
      lines: [{ description: 'Plan Pro, January 2027', quantity: 1, unitCents: 1999 }],
    },
  });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string; name: string };
}

describe.skipIf(!browserAvailable)('billing in Chromium', () => {
  useBrowser();

  it('staff issue a proforma and record its transfer; the customer reads the invoice, its ATCUD and its PDF', async () => {
    const m = company();
    const { id: accountId } = await apiSignUp(m);

    const staff = await staffTab();
    await staff.page.goto('/staff/accounts');
    await staff.page.getByRole('navigation', { name: 'Staff console' }).getByRole('link', { name: 'Billing' }).click();
    await staff.page.getByRole('heading', { level: 1, name: 'Billing' }).waitFor();
    await staff.page.getByText(/written to the audit log/).waitFor();
    await expectAccessible(staff.page, 'staff billing');

    const issue = staff.page.getByRole('form', { name: 'Issue a proforma invoice' });
    // Due in 14 days unless changed (a date field holds the reader's own calendar day).
    const inTwoWeeks = await staff.page.evaluate(() => {
      const d = new Date(Date.now() + 14 * 86_400_000);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    expect(await issue.getByLabel('Due date').inputValue()).toBe(inTwoWeeks);

    // Nothing filled in: each missing field says so, beside it.
    await issue.getByRole('button', { name: 'Issue proforma invoice' }).click();
    await issue.getByLabel('Account id').and(staff.page.locator('[aria-invalid="true"]')).waitFor();
    const first = issue.getByRole('group', { name: 'Line 1' });
    await first.getByText('Fill this in').waitFor();
    await first.getByText('An amount in euros, e.g. 19.99').waitFor();

    // An account that does not exist: the server's 404, in words.
    await issue.getByLabel('Account id').fill('acc_nobody');
    await first.getByLabel('Description').fill('Plan Pro, December 2026');
    await first.getByLabel('Quantity').fill('1');
    await first.getByLabel('Unit price (€, before VAT)').fill('19.99');
    await issue.getByRole('button', { name: 'Issue proforma invoice' }).click();
    await issue.getByRole('alert').getByText('There is no account with this id.').waitFor();

    // Lines are added and removed by keyboard; a new line takes the focus.
    await issue.getByLabel('Account id').fill(accountId);
    const add = issue.getByRole('button', { name: 'Add a line' });
    await add.focus();
    await staff.page.keyboard.press('Enter');
    const second = issue.getByRole('group', { name: 'Line 2' });
    await expect.poll(() => second.getByLabel('Description').evaluate((e) => e === document.activeElement)).toBe(true);
    await staff.page.keyboard.type('Extra storage, 10 GB');
    await second.getByLabel('Quantity').fill('2');
    await second.getByLabel('Unit price (€, before VAT)').fill('5,00');
    await add.click();
    await issue.getByRole('group', { name: 'Line 3' }).waitFor();
    await issue.getByRole('button', { name: 'Remove line 3' }).click();
    await expect.poll(() => issue.getByRole('group', { name: /^Line \d$/ }).count()).toBe(2);

    // 19.99 + 2 × 5.00 = 29.99 before VAT; 23 % VAT 6.90; 36.89 in all.
    await issue.getByRole('button', { name: 'Issue proforma invoice' }).click();
    const issued = issue.getByRole('status').filter({ hasText: /^Proforma invoice PF \d{4}\/\d+ issued: €36\.89/ });
    await issued.waitFor();
    const proformaName = /PF \d{4}\/\d+/.exec((await issued.textContent())!)![0];
    const proformaId = (await issued.locator('code').textContent())!;
    expect(proformaId).toMatch(/^doc_/);

    // The transfer form is ready for the proforma just issued.
    const transfer = staff.page.getByRole('form', { name: 'Transfer received' });
    expect(await transfer.getByLabel('Proforma invoice id').inputValue()).toBe(proformaId);
    expect(await transfer.getByLabel('Method').inputValue()).toBe('transfer');
    await transfer.getByLabel('Transfer reference').fill('TRF 2026-12-08 001');
    await transfer.getByLabel('Method').selectOption({ label: 'Bank transfer' });
    await transfer.getByRole('button', { name: 'Record the payment' }).click();
    const invoiced = transfer.getByRole('status').filter({ hasText: /^Invoice FT \d{4}\/\d+ issued/ });
    await invoiced.waitFor();
    const said = /Invoice (FT \d{4}\/\d+) issued, ATCUD (\S+), for €36\.89\./.exec((await invoiced.textContent())!)!;
    const invoiceName = said[1]!;
    const atcud = said[2]!;
    expect(atcud).toMatch(/^SRFT\d{4}-\d+$/);
    await expectAccessible(staff.page, 'staff billing, proforma issued and paid');

    // A paid proforma cannot be cancelled: asked for confirmation first, then refused in words (409).
    const cancel = staff.page.getByRole('form', { name: 'Cancel a proforma invoice' });
    expect(await cancel.getByLabel('Proforma invoice id').inputValue()).toBe(proformaId);
    await cancel.getByRole('button', { name: 'Cancel proforma' }).click();
    const confirm = staff.page.getByRole('dialog', { name: 'Cancel this proforma invoice?' });
    await confirm.getByText(`Proforma invoice ${proformaId} will be marked cancelled.`, { exact: false }).waitFor();
    await expectAccessible(staff.page, 'staff billing, confirming a cancellation');
    await confirm.getByRole('button', { name: 'Cancel proforma' }).click();
    await cancel
      .getByRole('alert')
      .getByText(/^Only an open proforma invoice can be cancelled/)
      .waitFor();
    await confirm.waitFor({ state: 'hidden' });

    // An unknown proforma: the server's 404, in words.
    await transfer.getByLabel('Proforma invoice id').fill('doc_nothing');
    await transfer.getByLabel('Transfer reference').fill('TRF 2026-12-08 002');
    await transfer.getByRole('button', { name: 'Record the payment' }).click();
    await transfer.getByRole('alert').getByText('There is no proforma invoice with this id.').waitFor();
    expect(staff.consoleErrors).toEqual([]);

    // A second proforma, already past its due date, for the customer to see as overdue.
    const overdue = await issueByApi(staff, accountId, -1);

    const tab = await openTab();
    await signInTab(tab, m.email, m.password);
    await tab.page.goto('/account');
    await tab.page
      .getByRole('navigation', { name: 'Account sections' })
      .getByRole('link', { name: 'Invoices' })
      .click();
    await tab.page.getByRole('heading', { level: 1, name: 'Invoices' }).waitFor();
    const list = tab.page.getByRole('table', { name: 'Invoices' });
    await expect.poll(() => list.getByRole('row').count()).toBe(4); // header + three documents
    const row = (name: string) =>
      list.getByRole('row').filter({ has: tab.page.getByRole('link', { name: new RegExp(`^Open the .* ${name}$`) }) });
    await row(invoiceName).getByText('Issued', { exact: true }).waitFor();
    await row(invoiceName).getByText('€36.89', { exact: true }).waitFor();
    await row(proformaName).getByText('Paid', { exact: true }).waitFor();
    await row(proformaName).getByText('€36.89', { exact: true }).waitFor();
    await row(overdue.name).getByText('Overdue', { exact: true }).waitFor();
    await row(overdue.name).getByText('€24.59', { exact: true }).waitFor();
    await expectAccessible(tab.page, 'account invoices');

    // By keyboard: the invoice's name opens it.
    const open = list.getByRole('link', { name: `Open the invoice ${invoiceName}` });
    await open.focus();
    await tab.page.keyboard.press('Enter');
    await tab.page.getByRole('heading', { level: 1, name: `Invoice ${invoiceName}` }).waitFor();
    expect(tab.page.url()).toMatch(/\/account\/invoices\/doc_[^/]+$/);
    const main = tab.page.getByRole('main');
    await main.getByText(atcud, { exact: true }).waitFor();
    const lines = main.getByRole('table', { name: 'Lines' });
    await lines.getByRole('row').filter({ hasText: 'Extra storage, 10 GB' }).getByText('€10.00').waitFor();
    await main.getByText('VAT 23 % (Portuguese VAT, mainland)').waitFor();
    await main.locator('dd').getByText('€36.89', { exact: true }).waitFor();
    await main
      .locator('address')
      .getByText(/Flores Lda/)
      .waitFor();
    await main
      .locator('address')
      .getByText(/VAT number \(NIF\): PT501964843/)
      .waitFor();
    await main.getByText(/by bank transfer/).waitFor();
    await expectAccessible(tab.page, 'account invoice');

    // The PDF: a plain same-origin link, answered with the session cookie.
    const pdfLink = main.getByRole('link', { name: `Download PDF of ${invoiceName}` });
    expect(await pdfLink.getAttribute('download')).toBe('');
    const pdf = await tab.page.request.get((await pdfLink.getAttribute('href'))!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // The proforma it settles is one link away.
    await main.getByRole('link', { name: proformaName, exact: true }).click();
    await tab.page.getByRole('heading', { level: 1, name: `Proforma invoice ${proformaName}` }).waitFor();
    await main.getByText('Paid', { exact: true }).waitFor();
    await main.getByRole('link', { name: invoiceName, exact: true }).waitFor();

    // The overdue proforma says how to pay it; there is no card payment yet.
    await tab.page.getByRole('link', { name: 'All invoices' }).click();
    await list.getByRole('link', { name: `Open the proforma invoice ${overdue.name}` }).click();
    await tab.page.getByRole('heading', { level: 1, name: `Proforma invoice ${overdue.name}` }).waitFor();
    await main
      .getByRole('alert')
      .getByText(`Pay by bank transfer quoting ${overdue.name}; card payment comes next.`, { exact: false })
      .waitFor();
    expect(await main.getByRole('button').count()).toBe(0);
    await expectAccessible(tab.page, 'account overdue proforma');

    // Staff cancel it, after confirming, by keyboard; the customer then sees it cancelled.
    const cancelId = cancel.getByLabel('Proforma invoice id');
    await cancelId.fill(overdue.id);
    await cancelId.press('Enter');
    await confirm.waitFor();
    await expect
      .poll(() =>
        confirm.getByRole('button', { name: 'Cancel proforma' }).evaluate((e) => e === document.activeElement),
      )
      .toBe(true);
    await staff.page.keyboard.press('Enter');
    await cancel.getByRole('status').getByText(`Proforma invoice ${overdue.name} cancelled.`).waitFor();
    await tab.page.reload();
    await main.getByText('Cancelled', { exact: true }).waitFor();
    await main.getByText('This proforma invoice was cancelled: it can no longer be paid.').waitFor();
    expect(tab.consoleErrors).toEqual([]);
    expect(staff.consoleErrors).toEqual([]);
  });

  it('both pages fit a 375 px wide screen, and read in Portuguese with euros as Portugal writes them', async () => {
    const m = company();
    const { id: accountId } = await apiSignUp(m);
    const staff = await staffTab({ width: 375 });
    await staff.page.goto('/staff/billing');
    await staff.page.getByRole('main').getByRole('heading', { level: 1, name: 'Billing' }).waitFor();
    const issue = staff.page.getByRole('form', { name: 'Issue a proforma invoice' });
    await issue.getByLabel('Account id').fill(accountId);
    const first = issue.getByRole('group', { name: 'Line 1' });
    await first.getByLabel('Description').fill('Plan Pro, December 2026');
    await first.getByLabel('Unit price (€, before VAT)').fill('19.99');
    await issue.getByRole('button', { name: 'Add a line' }).click();
    await issue.getByRole('group', { name: 'Line 2' }).getByLabel('Description').fill('Setup');
    await issue.getByRole('group', { name: 'Line 2' }).getByLabel('Unit price (€, before VAT)').fill('0');
    await issue.getByRole('button', { name: 'Issue proforma invoice' }).click();
    await issue
      .getByRole('status')
      .getByText(/^Proforma invoice PF \d{4}\/\d+ issued: €24\.59/)
      .waitFor();
    await fitsNarrowScreen(staff, '/staff/billing');
    await expectAccessible(staff.page, 'staff billing at 375 px');

    const tab = await openTab({ width: 375, locale: 'pt-PT' });
    await signInTab(tab, m.email, m.password);
    await tab.page.goto('/account/invoices');
    await tab.page.getByRole('main').getByRole('heading', { level: 1, name: 'Faturas' }).waitFor();
    const list = tab.page.getByRole('table', { name: 'Faturas' });
    const open = list.getByRole('link', { name: /^Abrir a fatura pró-forma PF / });
    await open.waitFor();
    await list.getByText('A aguardar pagamento', { exact: true }).waitFor();
    await list.getByText(/^24,59\s€$/).waitFor();
    await fitsNarrowScreen(tab, '/account/invoices');
    await expectAccessible(tab.page, 'account invoices at 375 px (pt-PT)');
    await open.click();
    await tab.page.getByRole('heading', { level: 1, name: /^Fatura pró-forma PF / }).waitFor();
    await tab.page.getByText(/Pague por transferência bancária indicando PF \d{4}\/\d+;/).waitFor();
    await tab.page.getByRole('link', { name: /^Descarregar PDF de PF / }).waitFor();
    await fitsNarrowScreen(tab, '/account/invoices/$id');
    await expectAccessible(tab.page, 'account invoice at 375 px (pt-PT)');
    expect(tab.consoleErrors).toEqual([]);
    expect(staff.consoleErrors).toEqual([]);
  });
});
