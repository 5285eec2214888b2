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
  type Tab,
} from './browser.js';

const subject = 'Confirm your privacy request';
const body = /asked SellRocket for an? access request for this email address/;

/** Nothing runs off the side of a 375 px wide screen. */
async function fitsNarrowScreen(tab: Tab, label: string) {
  const overflow = await tab.page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, label).toBeLessThanOrEqual(0);
}

/**
 * Signing up sends no email; a privacy request made without signing in mails the address (its
 * verification link), and the address is the customer's: it is their correspondence.
 */
async function askByEmail(email: string) {
  const asked = await fetch(`${baseUrl}/api/v1/privacy/public-requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, type: 'access' }),
  });
  expect(asked.status).toBe(202);
}

describe.skipIf(!browserAvailable)('emails and the outbox in Chromium', () => {
  useBrowser();

  it('a customer reads an email SellRocket sent them, and staff find it in the outbox (audited)', async () => {
    const m = newMerchant({ lastName: 'Mailreader' });
    const { cookie } = await apiSignUp(m);
    await askByEmail(m.email);
    // Delivered to the test's mail server just after the answer: waited for, so the page shows it as sent.
    await expect
      .poll(
        async () => {
          const res = await fetch(`${baseUrl}/api/v1/account/emails`, { headers: { cookie } });
          const list = (await res.json()) as { items: { subject: string | null; status: string }[] };
          return list.items.find((i) => i.subject === subject)?.status;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe('sent');

    const tab = await openTab();
    await signInTab(tab, m.email, m.password);
    await tab.page.goto('/account');
    await tab.page.getByRole('navigation', { name: 'Account sections' }).getByRole('link', { name: 'Emails' }).click();
    await tab.page.getByRole('heading', { level: 1, name: 'Emails' }).waitFor();
    const emails = tab.page.getByRole('table', { name: 'Emails' });
    const open = emails.getByRole('link', { name: `Open the email “${subject}”` });
    await open.waitFor();
    await emails.getByRole('row').filter({ hasText: subject }).getByText('Sent', { exact: true }).waitFor();
    await expectAccessible(tab.page, 'account emails');

    // By keyboard: the link, then the toggle.
    await open.focus();
    await tab.page.keyboard.press('Enter');
    await tab.page.getByRole('heading', { level: 1, name: subject }).waitFor();
    expect(tab.page.url()).toMatch(/\/account\/emails\/[^/]+$/);
    await tab.page.locator('pre.mail-text').getByText(body).waitFor();
    await expectAccessible(tab.page, 'account email (text)');

    const toggle = tab.page.getByRole('button', { name: 'Show as HTML' });
    await toggle.focus();
    await tab.page.keyboard.press('Enter');
    const frame = tab.page.getByTitle(`${subject}, as HTML`);
    await frame.waitFor();
    // The HTML part is only ever in a sandboxed frame, never in the page.
    expect(await frame.getAttribute('sandbox')).toBe('');
    await tab.page.frameLocator('iframe.mail-html').getByText(body).waitFor();
    expect(await tab.page.locator('main').innerHTML()).not.toContain('<p>Someone');
    await expectAccessible(tab.page, 'account email (HTML)');
    await tab.page.getByRole('button', { name: 'Show as text' }).click();
    await tab.page.locator('pre.mail-text').getByText(body).waitFor();
    expect(tab.consoleErrors).toEqual([]);

    const staff = await openTab();
    await signInTab(staff, staffEmail, staffPassword, true);
    await staff.page.goto('/staff/accounts');
    await staff.page.getByRole('navigation', { name: 'Staff console' }).getByRole('link', { name: 'Outbox' }).click();
    await staff.page.getByRole('heading', { level: 1, name: 'Outbox' }).waitFor();
    await staff.page.getByText(/each message opened is recorded in the audit log/).waitFor();
    await staff.page.getByText(/no SMTP_URL/).waitFor();
    const filters = staff.page.getByRole('search', { name: 'Find messages' });
    await filters.getByLabel('Status').selectOption({ label: 'Sent' });
    await filters.getByLabel('Recipient address').fill(m.email);
    await filters.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => new URL(staff.page.url()).searchParams.get('to')).toBe(m.email);
    const outbox = staff.page.getByRole('table', { name: 'Outbox' });
    await expect.poll(() => outbox.getByRole('row').count()).toBe(2); // header + the one message
    const message = outbox.getByRole('link', { name: `Open the message “${subject}”` });
    await message.waitFor();
    await outbox.getByText(m.email).waitFor();
    await expectAccessible(staff.page, 'staff outbox');

    await message.click();
    await staff.page.getByRole('heading', { level: 1, name: subject }).waitFor();
    await staff.page.getByText('Your reading of this message was written to the audit log.').waitFor();
    await staff.page.locator('pre.mail-text').getByText(body).waitFor();
    await expectAccessible(staff.page, 'staff outbox message');
    await staff.page.getByRole('button', { name: 'Show as HTML' }).click();
    await staff.page.frameLocator('iframe.mail-html').getByText(body).waitFor();
    expect(await staff.page.getByTitle(`${subject}, as HTML`).getAttribute('sandbox')).toBe('');

    const id = new URL(staff.page.url()).pathname.split('/').at(-1)!;
    const audit = await staff.page.request.get(`/api/v1/staff/audit?targetKind=mail&targetId=${id}`);
    const entries = (await audit.json()).items as { action: string; actorKind: string }[];
    expect(entries.find((e) => e.action === 'mail.read')).toMatchObject({ actorKind: 'staff' });
    expect(staff.consoleErrors).toEqual([]);
  });

  it('both pages, and a message, fit a 375 px wide screen', async () => {
    const m = newMerchant();
    await apiSignUp(m);
    const tab = await openTab({ width: 375 });
    await signInTab(tab, m.email, m.password);
    await tab.page.goto('/account/emails');
    await tab.page.getByRole('main').getByRole('heading', { level: 1, name: 'Emails' }).waitFor();
    await tab.page.getByText('SellRocket has not sent you any email yet.').waitFor();
    await fitsNarrowScreen(tab, '/account/emails (none)');

    await askByEmail(m.email);
    await tab.page.reload();
    await tab.page.getByRole('link', { name: `Open the email “${subject}”` }).click();
    await tab.page.locator('pre.mail-text').getByText(body).waitFor();
    await fitsNarrowScreen(tab, '/account/emails/$id');

    const staff = await openTab({ width: 375 });
    await signInTab(staff, staffEmail, staffPassword, true);
    await staff.page.goto(`/staff/outbox?to=${encodeURIComponent(m.email)}`);
    await staff.page.getByRole('main').getByRole('heading', { level: 1, name: 'Outbox' }).waitFor();
    const open = staff.page.getByRole('table', { name: 'Outbox' }).getByRole('link', { name: /^Open the message/ });
    await open.waitFor();
    await fitsNarrowScreen(staff, '/staff/outbox');
    await open.click();
    await staff.page.locator('pre.mail-text').getByText(body).waitFor();
    await fitsNarrowScreen(staff, '/staff/outbox/$id');
    await expectAccessible(staff.page, 'staff outbox message at 375 px');
  });
});
