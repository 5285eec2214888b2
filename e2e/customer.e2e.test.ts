import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import {
  apiSignUp,
  browserAvailable,
  expectAccessible,
  newMerchant,
  openTab,
  signInTab,
  useBrowser,
  baseUrl,
} from './browser.js';

const totp = (secret: string, offsetSeconds = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

describe.skipIf(!browserAvailable)('customer area in Chromium', () => {
  useBrowser();

  it('signs up through the form and lands in the customer area', async () => {
    const tab = await openTab();
    const m = newMerchant();
    await tab.page.goto('/signup');
    await expectAccessible(tab.page, 'sign-up');
    const form = tab.page.locator('form');
    await form.getByLabel('First name').fill(m.firstName);
    await form.getByLabel('Last name').fill(m.lastName);
    await form.getByLabel('Email', { exact: true }).fill(m.email);
    await form.getByLabel('Password').fill(m.password);
    await form.getByLabel('Phone').fill('912 345 678');
    await form.getByLabel('Address', { exact: true }).fill(m.address.line1);
    await form.getByLabel('Postal code').fill(m.address.postalCode);
    await form.getByLabel('City').fill(m.address.city);
    await form.getByLabel('Country', { exact: true }).selectOption({ label: 'Portugal' });
    await form.getByRole('button', { name: 'Create account' }).click();
    await form.getByText('Accept the terms of service to open an account.').waitFor();
    await form.getByLabel(/I have read and accept the/).check();
    await form.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => tab.page.url()).toBe(`${baseUrl}/account`);
    await tab.page.getByRole('heading', { name: 'Welcome, Ana' }).waitFor();
    await expectAccessible(tab.page, 'account overview');
    expect(tab.consoleErrors).toEqual([]);
  });

  it("validates as the user types and shows the server's field errors next to the field", async () => {
    const tab = await openTab({ expectedErrors: /status of 4(09|22)/ });
    const existing = newMerchant();
    await apiSignUp(existing);
    await tab.page.goto('/signup');
    const form = tab.page.locator('form');
    await form.getByLabel('Email', { exact: true }).fill('not-an-email');
    await tab.page.getByText('Enter a valid email address').waitFor();
    const m = newMerchant({ nif: '123456780' });
    await form.getByLabel('First name').fill(m.firstName);
    await form.getByLabel('Last name').fill(m.lastName);
    await form.getByLabel('Email', { exact: true }).fill(m.email);
    await form.getByLabel('Password').fill(m.password);
    await form.getByLabel('Phone').fill(m.phone);
    await form.getByLabel('NIF / VAT number (optional)').fill('123456780');
    await form.getByLabel('Address', { exact: true }).fill(m.address.line1);
    await form.getByLabel('Postal code').fill(m.address.postalCode);
    await form.getByLabel('City').fill(m.address.city);
    await form.getByLabel('Country', { exact: true }).selectOption('PT');
    await form.getByLabel(/I have read and accept the/).check();
    await form.getByRole('button', { name: 'Create account' }).click();
    const nif = form.getByLabel('NIF / VAT number (optional)');
    await expect.poll(() => nif.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await nif.getAttribute('aria-describedby'))!;
    expect(await tab.page.locator(`[id="${describedBy.split(' ')[0]}"]`).textContent()).toMatch(/Portuguese NIF/);
    expect(tab.consoleErrors).toEqual([]);
  });

  it("shows the password's strength as it is typed and refuses a guessable one (the email counts)", async () => {
    const tab = await openTab();
    await tab.page.goto('/signup');
    const form = tab.page.locator('form');
    await form.getByLabel('First name').fill('Ana');
    await form.getByLabel('Last name').fill('Costa');
    await form.getByLabel('Email', { exact: true }).fill('ana.costa@example.pt');
    const password = form.getByLabel('Password');
    // Strong on its own (zxcvbn scores it 4), but it is the person's own email.
    await password.fill('ana.costa@example.pt');
    await form.getByText('Password strength: very weak').waitFor();
    await form.getByRole('button', { name: 'Create account' }).click();
    await form.getByText('Too easy to guess: add more words, or less common ones').waitFor();
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    await password.fill('correct horse battery staple');
    await form.getByText(/^Password strength: (strong|very strong)$/).waitFor();
    expect(await password.getAttribute('aria-invalid')).toBeNull();
    await expectAccessible(tab.page, 'sign-up with strength');
    expect(tab.consoleErrors).toEqual([]);
  });

  it('shows the error for a wrong password', async () => {
    const tab = await openTab({ expectedErrors: /status of 401/ });
    const m = newMerchant();
    await apiSignUp(m);
    await tab.page.goto('/signin');
    await tab.page.getByLabel('Email').fill(m.email);
    await tab.page.getByLabel('Password').fill('not my password at all');
    await tab.page.getByRole('button', { name: 'Sign in' }).click();
    await tab.page.getByRole('alert').filter({ hasText: 'The email or password is not correct.' }).waitFor();
    await expectAccessible(tab.page, 'sign-in with error');
    expect(tab.page.url()).toBe(`${baseUrl}/signin`);
    expect(tab.consoleErrors).toEqual([]);
  });

  it('edits the profile and the change persists after a reload', async () => {
    const tab = await openTab();
    const m = newMerchant();
    await apiSignUp(m);
    await signInTab(tab, m.email, m.password);
    await tab.page.goto('/account/profile');
    await expectAccessible(tab.page, 'profile');
    await tab.page.getByLabel('City').fill('Coimbra');
    await tab.page.getByLabel('Company (optional)').fill('Costa & Filhos, Lda.');
    await tab.page.getByRole('button', { name: 'Save changes' }).click();
    await tab.page.getByText('Your changes are saved.').waitFor();
    await tab.page.reload();
    await expect.poll(() => tab.page.getByLabel('City').inputValue()).toBe('Coimbra');
    expect(await tab.page.getByLabel('Company (optional)').inputValue()).toBe('Costa & Filhos, Lda.');
    expect(tab.consoleErrors).toEqual([]);
  });

  it('withdraws marketing consent in one click and shows when it was given', async () => {
    const tab = await openTab();
    const m = newMerchant({ marketingConsent: true });
    await apiSignUp(m);
    await signInTab(tab, m.email, m.password);
    await tab.page.goto('/account/privacy');
    await tab.page.getByText(/You agreed to receive marketing emails on/).waitFor();
    await expectAccessible(tab.page, 'privacy');
    await tab.page.getByRole('button', { name: 'Withdraw consent' }).click();
    await tab.page.getByText('You do not receive marketing emails.').waitFor();
    await tab.page.reload();
    await tab.page.getByText('You do not receive marketing emails.').waitFor();
    const history = tab.page.getByRole('table', { name: 'Consent history' });
    await expect.poll(() => history.getByRole('row').count()).toBe(3); // header + given + withdrawn
    await tab.page.getByRole('table', { name: 'Access history' }).getByText('127.0.0.1').first().waitFor();
    expect(tab.consoleErrors).toEqual([]);
  });

  it('enrols TOTP with the QR code page and then signs in with a code', async () => {
    const tab = await openTab({ expectedErrors: /status of 401/ });
    const m = newMerchant();
    await apiSignUp(m);
    await signInTab(tab, m.email, m.password);
    await tab.page.goto('/account/security');
    await tab.page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await tab.page.getByRole('img', { name: /QR code/ }).waitFor();
    await expectAccessible(tab.page, 'security (enrolment)');
    const secret = (await tab.page.getByTestId('totp-secret').textContent())!;
    await tab.page.getByLabel('Authentication code').fill(await totp(secret));
    await tab.page.getByLabel('Current password').fill(m.password);
    await tab.page.getByRole('button', { name: 'Confirm' }).click();
    await tab.page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    expect(await tab.page.getByRole('list', { name: 'Your recovery codes' }).getByRole('listitem').count()).toBe(10);
    await tab.page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await tab.page.goto('/signin');
    await tab.page.getByLabel('Email').fill(m.email);
    await tab.page.getByLabel('Password').fill(m.password);
    await tab.page.getByRole('button', { name: 'Sign in' }).click();
    const code = tab.page.getByLabel('Authentication code');
    await code.waitFor();
    await code.fill(await totp(secret, 30)); // the next step: the enrolment code is spent
    await tab.page.getByRole('button', { name: 'Sign in' }).click();
    await tab.page.getByRole('heading', { name: 'Welcome, Ana' }).waitFor();
    expect(tab.consoleErrors).toEqual([]);
  });

  it('revokes another session', async () => {
    const tab = await openTab();
    const m = newMerchant();
    const other = await apiSignUp(m); // a session on "another device"
    await signInTab(tab, m.email, m.password);
    await tab.page.goto('/account/security');
    const sessions = tab.page.getByRole('table', { name: 'Active sessions' });
    await expect.poll(() => sessions.getByRole('row').count()).toBe(3);
    await expectAccessible(tab.page, 'security');
    await sessions.getByRole('button', { name: /^Sign out session/ }).click();
    await expect.poll(() => sessions.getByRole('row').count()).toBe(2);
    const res = await fetch(`${baseUrl}/api/v1/account`, { headers: { cookie: other.cookie } });
    expect(res.status).toBe(401);
    expect(tab.consoleErrors).toEqual([]);
  });

  it('keeps only the strictly necessary session cookie and makes no third-party request (K2)', async () => {
    const tab = await openTab({ banner: true });
    const m = newMerchant();
    await apiSignUp(m);
    await signInTab(tab, m.email, m.password);
    for (const p of ['/account', '/account/profile', '/account/security', '/account/privacy']) {
      await tab.page.goto(p);
      await tab.page.getByRole('main').getByRole('heading', { level: 1 }).waitFor();
    }
    // The session, and the device cookie that keeps failed sign-ins elsewhere from locking this person out.
    const cookies = await tab.context.cookies();
    expect(cookies.map((c) => c.name).sort()).toEqual(['sr_device', 'sr_session']);
    expect(cookies.find((c) => c.name === 'sr_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(cookies.find((c) => c.name === 'sr_device')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
      path: '/api/v1/auth/login',
    });
    const foreign = tab.requests.filter((u) => !u.startsWith(baseUrl) && !u.startsWith('data:'));
    expect(foreign).toEqual([]);
  });
});
