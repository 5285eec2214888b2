import { describe, expect, it } from 'vitest';
import {
  apiSignUp,
  baseUrl,
  browserAvailable,
  expectAccessible,
  newMerchant,
  openTab,
  signInTab,
  useBrowser,
} from './browser.js';

/** The server's own text of a notice in one language: what the page must show and record. */
async function noticeText(path: string, language: string): Promise<{ text: string; version: string }> {
  return (await fetch(`${baseUrl}${path}`, { headers: { 'accept-language': language } })).json() as Promise<{
    text: string;
    version: string;
  }>;
}

describe.skipIf(!browserAvailable)('the notice shown and recorded is in the language on screen', () => {
  useBrowser();

  it('a Portuguese browser sees the cookie banner in Portuguese, and the decision is recorded against that notice', async () => {
    const pt = await noticeText('/api/v1/consent/cookies/notice', 'pt-PT');
    const tab = await openTab({ locale: 'pt-PT', banner: true });
    await tab.page.goto('/plans');
    const banner = tab.page.getByRole('region', { name: 'Cookies' });
    await banner.getByText(pt.text).waitFor();
    await expectAccessible(tab.page, 'banner (pt-PT)');
    const decision = tab.page.waitForRequest(
      (r) => r.url().endsWith('/api/v1/consent/cookies') && r.method() === 'POST',
    );
    await banner.getByRole('button', { name: 'Rejeitar todos' }).click();
    expect((await decision).headers()['accept-language']).toBe('pt-PT');
    await banner.waitFor({ state: 'detached' });
    expect(tab.consoleErrors).toEqual([]);
  });

  it('the banner follows a switch of language before the decision', async () => {
    const en = await noticeText('/api/v1/consent/cookies/notice', 'en');
    const tab = await openTab({ locale: 'pt-PT', banner: true });
    await tab.page.goto('/');
    await tab.page.getByRole('button', { name: 'Aceitar todos' }).waitFor();
    await tab.page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
    const banner = tab.page.getByRole('region', { name: 'Cookies' });
    await banner.getByText(en.text).waitFor();
    const decision = tab.page.waitForRequest(
      (r) => r.url().endsWith('/api/v1/consent/cookies') && r.method() === 'POST',
    );
    await banner.getByRole('button', { name: 'Accept all' }).click();
    expect((await decision).headers()['accept-language']).toBe('en');
  });

  it('a Portuguese browser signs up with the marketing notice in Portuguese, and the consent on record is the pt-PT one', async () => {
    const pt = await noticeText('/api/v1/consent/notices/marketing', 'pt-PT');
    const tab = await openTab({ locale: 'pt-PT' });
    const m = newMerchant();
    await tab.page.goto('/signup');
    const form = tab.page.locator('form');
    await form.getByLabel('Nome', { exact: true }).fill(m.firstName);
    await form.getByLabel('Apelido').fill(m.lastName);
    await form.getByLabel('Email', { exact: true }).fill(m.email);
    await form.getByLabel('Palavra-passe').fill(m.password);
    await form.getByLabel('Telefone').fill(m.phone);
    await form.getByLabel('Morada', { exact: true }).fill(m.address.line1);
    await form.getByLabel('Código postal').fill(m.address.postalCode);
    await form.getByLabel('Localidade').fill(m.address.city);
    await form.getByLabel('País', { exact: true }).selectOption({ label: 'Portugal' });
    await form.getByLabel(/Li e aceito os/).check();
    await form.getByLabel(pt.text).check();
    await expectAccessible(tab.page, 'sign-up (pt-PT)');
    await form.getByRole('button', { name: 'Criar conta' }).click();
    await expect.poll(() => tab.page.url()).toBe(`${baseUrl}/account`);
    const consents = (await (await tab.page.request.get('/api/v1/account/consents')).json()) as {
      items: { purpose: string; granted: boolean; noticeLanguage: string; noticeVersion: string }[];
    };
    expect(consents.items).toEqual([
      expect.objectContaining({
        purpose: 'marketing',
        granted: true,
        noticeLanguage: 'pt-PT',
        noticeVersion: pt.version,
      }),
    ]);
    expect(tab.consoleErrors).toEqual([]);
  });

  it("switching language on the sign-up form shows that language's notice, unticked", async () => {
    const [pt, en] = await Promise.all([
      noticeText('/api/v1/consent/notices/marketing', 'pt-PT'),
      noticeText('/api/v1/consent/notices/marketing', 'en'),
    ]);
    const tab = await openTab({ locale: 'pt-PT' });
    await tab.page.goto('/signup');
    await tab.page.getByLabel(pt.text).check();
    await tab.page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
    const english = tab.page.getByLabel(en.text);
    await english.waitFor();
    expect(await english.isChecked()).toBe(false);
  });

  it('in the customer area, consent given in Portuguese is recorded against the pt-PT notice', async () => {
    const pt = await noticeText('/api/v1/consent/notices/marketing', 'pt-PT');
    const m = newMerchant();
    await apiSignUp(m);
    const tab = await openTab({ locale: 'pt-PT' });
    await signInTab(tab, m.email, m.password);
    await tab.page.goto('/account/privacy');
    await tab.page.getByText(pt.text).waitFor();
    await tab.page.getByRole('button', { name: 'Receber emails de marketing' }).click();
    await tab.page.getByRole('button', { name: 'Retirar consentimento' }).waitFor();
    const consents = (await (await tab.page.request.get('/api/v1/account/consents')).json()) as {
      items: { granted: boolean; noticeLanguage: string }[];
    };
    expect(consents.items.find((c) => c.granted)).toMatchObject({ noticeLanguage: 'pt-PT' });
  });

  it('dates read day first for en-GB and pt-PT readers', async () => {
    for (const [locale, pattern] of [
      ['en-GB', /in force since \d{1,2} [A-Z][a-z]{2} \d{4}\./],
      ['pt-PT', /em vigor desde \d{2}\/\d{2}\/\d{4}\./],
    ] as const) {
      const tab = await openTab({ locale });
      await tab.page.goto('/terms');
      await tab.page.getByText(pattern).waitFor();
      await tab.context.close();
    }
  });
});
