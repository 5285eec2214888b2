import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readZip } from '../test/zip.js';
import {
  apiSignUp,
  baseUrl,
  browserAvailable,
  expectAccessible,
  mailTo,
  newMerchant,
  openTab,
  signInTab,
  staffEmail,
  staffPassword,
  useBrowser,
} from './browser.js';

describe.skipIf(!browserAvailable)('data-subject requests in Chromium', () => {
  useBrowser();

  it('a customer downloads their data, then asks for erasure, which staff approve', async () => {
    const m = newMerchant({ lastName: 'Erasable' });
    const { id } = await apiSignUp(m);
    const tab = await openTab();
    await signInTab(tab, m.email, m.password);
    await tab.page.goto('/account/privacy');
    await tab.page.getByRole('button', { name: 'Download my data' }).click();
    await tab.page.getByLabel('Confirm with your password').fill(m.password);
    await tab.page.getByRole('button', { name: 'Send request' }).click();
    await tab.page.getByText(/Request received\. We will answer by/).waitFor();
    await expectAccessible(tab.page, 'privacy with requests');

    // The export runs as a background job on the server (polled every few seconds).
    const link = tab.page.getByRole('link', { name: 'Download' });
    // Counted only once the page has drawn the request row: right after a reload the table is still loading.
    const requestRow = tab.page
      .getByRole('table', { name: 'Your data requests' })
      .getByRole('row')
      .filter({ hasText: 'Access' });
    await expect
      .poll(
        async () => {
          await tab.page.reload();
          await requestRow.waitFor();
          return link.count();
        },
        { timeout: 30_000, interval: 1500 },
      )
      .toBe(1);
    const [download] = await Promise.all([tab.page.waitForEvent('download'), link.click()]);
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');

    await tab.page.getByRole('button', { name: 'Erase my account' }).click();
    await tab.page.getByText(/It cannot be undone/).waitFor();
    await tab.page.getByLabel('Confirm with your password').fill(m.password);
    await tab.page.getByRole('button', { name: 'Send request' }).click();
    await tab.page.getByText(/Request received/).waitFor();

    const staff = await openTab();
    await signInTab(staff, staffEmail, staffPassword, true);
    await staff.page.goto('/staff/requests');
    const queue = staff.page.getByRole('table', { name: 'Requests' });
    const row = queue.getByRole('row').filter({ hasText: 'Erasure' }).filter({ hasText: 'Received' }).first();
    await row.waitFor();
    await expectAccessible(staff.page, 'staff requests');
    const requestId = (await row.getByRole('link').textContent())!;
    const group = row.getByRole('group');
    await group.getByRole('button', { name: 'Approve' }).click();
    await staff.page.getByText('Request updated.').waitFor();
    await staff.page.goto(`/staff/requests/${requestId}`); // the job may already have finished it
    await staff.page.getByRole('heading', { name: `Request ${requestId}` }).waitFor();
    const history = staff.page.getByRole('table', { name: 'History' });
    await history.getByText('privacy.request.approve').waitFor();
    await expectAccessible(staff.page, 'staff request detail');

    await expect
      .poll(
        async () =>
          (
            await fetch(`${baseUrl}/api/v1/auth/login`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ email: m.email, password: m.password }),
            })
          ).status,
        { timeout: 30_000, interval: 1500 },
      )
      .toBe(401);
    const gone = await staff.page.request.get(`/api/v1/staff/accounts/${id}`);
    expect(gone.status()).toBe(404);
    expect(tab.consoleErrors).toEqual([]);
    expect(staff.consoleErrors).toEqual([]);
  });

  it('a visitor asks through the public form, confirms from the emailed link, and downloads the answer from another', async () => {
    const email = `visitor.${process.pid}.${Date.now()}@example.org`;
    const tab = await openTab();
    await tab.page.goto('/');
    await tab.page.getByRole('link', { name: 'Make a privacy request' }).click();
    await tab.page.getByRole('heading', { level: 1, name: 'Make a privacy request' }).waitFor();
    await expectAccessible(tab.page, 'public request form');
    await tab.page.getByLabel('Email').fill(email);
    await tab.page.getByLabel('What do you ask for?').selectOption('access');
    await tab.page.getByRole('button', { name: 'Send request' }).click();
    await tab.page.getByText('Check your inbox').waitFor();
    const verifyLink = /(http:\/\/[^\s]+\/privacy\/request\/verify\?token=[A-Za-z0-9_%-]+)/;
    const link = verifyLink.exec(mailTo(email, verifyLink) ?? '')?.[1];
    expect(link).toBeTruthy();
    await tab.page.goto(link!);
    const confirmed = tab.page.getByText(/Your request is confirmed\. We will answer by .*Your reference: (req_\w+)/);
    await confirmed.waitFor();
    const requestId = /req_\w+/.exec((await confirmed.textContent())!)![0];

    const staff = await openTab();
    await signInTab(staff, staffEmail, staffPassword, true);
    expect((await staff.page.request.post(`/api/v1/staff/privacy/requests/${requestId}/approve`)).status()).toBe(200);
    // The export runs as a background job; its email carries a one-time download link.
    const withLink = /(http:\/\/[^\s]+\/privacy\/request\/download\?token=[A-Za-z0-9_%-]+)/;
    await expect.poll(() => mailTo(email, withLink) !== undefined, { timeout: 30_000, interval: 1000 }).toBe(true);
    const downloadLink = withLink.exec(mailTo(email, withLink)!)![1]!;
    await tab.page.goto(downloadLink);
    await tab.page.getByRole('heading', { level: 1, name: 'Your data' }).waitFor();
    await expectAccessible(tab.page, 'public download');
    const [download] = await Promise.all([
      tab.page.waitForEvent('download'),
      tab.page.getByRole('button', { name: 'Download my data' }).click(),
    ]);
    const zip = await readZip(await download.path());
    expect(zip.get('report.html')).toMatch(/We found no account or other record of you/);
    expect(tab.consoleErrors).toEqual([]);
  });
});
