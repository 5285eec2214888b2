import { readFileSync } from 'node:fs';
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

describe.skipIf(!browserAvailable)('staff console in Chromium', () => {
  useBrowser();

  it('signs in, finds an account, opens it, and the view is in the audit log', async () => {
    const m = newMerchant({ lastName: 'Staffsearch' });
    const { id } = await apiSignUp(m);
    const tab = await openTab();
    await tab.page.goto('/staff/signin');
    await expectAccessible(tab.page, 'staff sign-in');
    await tab.page.getByLabel('Email').fill(staffEmail);
    await tab.page.getByLabel('Password').fill(staffPassword);
    await tab.page.getByRole('button', { name: 'Sign in' }).click();
    await tab.page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    await tab.page.getByRole('searchbox', { name: 'Search accounts' }).fill(m.email);
    await tab.page.getByRole('button', { name: 'Search' }).click();
    const results = tab.page.getByRole('table', { name: 'Accounts' });
    await expect.poll(() => results.getByRole('row').count()).toBe(2);
    await expectAccessible(tab.page, 'staff accounts');
    await results.getByRole('link', { name: `Open ${m.email}` }).click();
    await tab.page.getByRole('heading', { name: `Account ${id}` }).waitFor();
    await tab.page.getByText('Your view of this account was written to the audit log.').waitFor();
    await expectAccessible(tab.page, 'staff account detail');

    const audit = await tab.page.request.get(`/api/v1/staff/audit?targetKind=account&targetId=${id}`);
    const entries = (await audit.json()).items as { action: string; actorKind: string }[];
    expect(entries.find((e) => e.action === 'staff.account.view')).toMatchObject({ actorKind: 'staff' });

    await tab.page.getByRole('link', { name: 'Audit log' }).click();
    await tab.page.getByText(/Audit chain intact: \d+ entries verified\./).waitFor();
    await tab.page.getByRole('table', { name: 'Audit log' }).getByText('staff.account.view').first().waitFor();
    await expectAccessible(tab.page, 'staff audit log');

    await tab.page.getByRole('link', { name: 'IP blocks' }).click();
    await tab.page.getByRole('heading', { name: 'IP blocks', level: 1 }).waitFor();
    await expectAccessible(tab.page, 'staff blocks');
    expect(tab.consoleErrors).toEqual([]);
  });
});

describe.skipIf(!browserAvailable)('processors register and records of processing in Chromium', () => {
  useBrowser();

  it('privacy staff edit the register, a transfer outside the EEA needs its safeguard, and the Art. 30 records download', async () => {
    const tab = await openTab({ expectedErrors: /status of 422/ });
    await signInTab(tab, staffEmail, staffPassword, true);
    await tab.page.goto('/staff/accounts');
    await tab.page.getByRole('link', { name: 'Processors and recipients' }).click();
    await tab.page.getByRole('heading', { name: 'Processors and recipients', level: 1 }).waitFor();
    await expectAccessible(tab.page, 'staff processors');
    await tab.page.getByRole('button', { name: 'Edit R8' }).click();
    const form = tab.page.getByRole('form', { name: 'Edit R8' });
    await form.getByLabel('Storage countries').fill('GB, US');
    await form.getByLabel('Transfer safeguard').fill('');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText(/leaves the EEA: record the safeguard/).waitFor();
    await form.getByLabel('Transfer safeguard').fill('Standard contractual clauses (Decision 2021/914)');
    await form.getByRole('button', { name: 'Save' }).click();
    await tab.page.getByText('Register updated.').waitFor();
    const row = tab.page
      .getByRole('table', { name: 'Processors and recipients' })
      .getByRole('row')
      .filter({ hasText: 'R8' });
    await row.getByText('GB, US').waitFor();
    const policy = (await (await fetch(`${baseUrl}/api/v1/privacy/policy`)).json()) as {
      recipients: { name: string; transferSafeguard: string | null; countries: string[] }[];
    };
    expect(policy.recipients.find((r) => r.name === 'Call centre')).toMatchObject({
      countries: ['GB', 'US'],
      transferSafeguard: 'Standard contractual clauses (Decision 2021/914)',
    });

    const [csv] = await Promise.all([
      tab.page.waitForEvent('download'),
      tab.page.getByRole('link', { name: 'Download records (CSV)' }).click(),
    ]);
    const text = readFileSync(await csv.path(), 'utf8');
    expect(text.split('\r\n')[0]).toBe(
      'record,subject,table,column,key,category,purposes,basis,retention,recipients,countries,safeguards',
    );
    expect(text).toMatch(/^controller,customer,account,email,/m);
    expect(tab.consoleErrors).toEqual([]);
  });
});

describe.skipIf(!browserAvailable)('public site in Chromium', () => {
  useBrowser();

  it('every public page is accessible and free of console errors', async () => {
    const tab = await openTab({ banner: true });
    for (const [path, heading] of [
      ['/', 'Your shop, your customers, their privacy'],
      ['/plans', 'Plans'],
      ['/privacy', 'Privacy policy'],
      ['/contact', 'Support and contact'],
      ['/signin', 'Sign in'],
      ['/signup', 'Create your account'],
    ] as const) {
      await tab.page.goto(path);
      await tab.page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await expectAccessible(tab.page, path);
    }
    expect(tab.consoleErrors).toEqual([]);
    expect(await tab.context.cookies()).toEqual([]);
  });

  it('speaks European Portuguese to a Portuguese browser, and switches language', async () => {
    const tab = await openTab({ locale: 'pt-PT' });
    await tab.page.goto('/');
    await tab.page
      .getByRole('heading', { level: 1, name: 'A sua loja, os seus clientes, a privacidade deles' })
      .waitFor();
    expect(await tab.page.evaluate(() => document.documentElement.lang)).toBe('pt-PT');
    await tab.page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
    await tab.page.getByRole('heading', { level: 1, name: 'Your shop, your customers, their privacy' }).waitFor();
    await tab.page.reload();
    await tab.page.getByRole('heading', { level: 1, name: 'Your shop, your customers, their privacy' }).waitFor();
  });

  it('is usable at 375 px wide: nothing runs off the side', async () => {
    const m = newMerchant();
    await apiSignUp(m);
    const tab = await openTab({ width: 375 });
    await signInTab(tab, m.email, m.password);
    for (const p of [
      '/',
      '/plans',
      '/contact',
      '/terms',
      '/privacy/request',
      '/signin',
      '/signup',
      '/no-such-page',
      '/account',
      '/account/profile',
      '/account/security',
      '/account/privacy',
    ]) {
      await tab.page.goto(p);
      await tab.page.getByRole('main').getByRole('heading', { level: 1 }).waitFor();
      const overflow = await tab.page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, p).toBeLessThanOrEqual(0);
    }
    const staff = await openTab({ width: 375 });
    await signInTab(staff, staffEmail, staffPassword, true);
    for (const p of [
      '/staff/accounts',
      '/staff/blocks',
      '/staff/requests',
      '/staff/processors',
      '/staff/audit',
      '/staff/two-factor',
    ]) {
      await staff.page.goto(p);
      await staff.page.getByRole('main').getByRole('heading', { level: 1 }).waitFor();
      const overflow = await staff.page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, p).toBeLessThanOrEqual(0);
    }
  });

  it('works with the keyboard alone: skip link, then the sign-in form', async () => {
    const m = newMerchant();
    await apiSignUp(m);
    const tab = await openTab();
    await tab.page.goto('/signin');
    await tab.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await tab.page.keyboard.press('Tab');
    expect(await tab.page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await tab.page.getByLabel('Email').focus();
    await tab.page.keyboard.type(m.email);
    await tab.page.keyboard.press('Tab');
    await tab.page.keyboard.type(m.password);
    await tab.page.keyboard.press('Enter');
    await tab.page.getByRole('heading', { name: 'Welcome, Ana' }).waitFor();
    expect(tab.page.url()).toBe(`${baseUrl}/account`);
  });
});
