import { describe, expect, it } from 'vitest';
import { baseUrl, browserAvailable, expectAccessible, openTab, useBrowser, type Tab } from './browser.js';

interface AnnexRow {
  table: string;
  column: string;
  label: string;
}
const annexOf = async (lang: string) =>
  ((await (await fetch(`${baseUrl}/api/v1/privacy/policy?lang=${lang}`)).json()) as { annex: { rows: AnnexRow[] } })
    .annex.rows;

const pageWidth = (tab: Tab) => tab.page.evaluate(() => document.documentElement.scrollWidth);
const mainText = (tab: Tab) => tab.page.getByRole('main').innerText();
/** Opens the part of "What we collect" about each kind of person (folded, layered). */
const openPeople = async (tab: Tab) => {
  for (const s of await tab.page.locator('.policy-person > summary').all()) await s.click();
};
const words = (text: string, list: string[]) =>
  text
    .toLowerCase()
    .split(/[^a-zà-ÿ]+/)
    .filter((w) => list.includes(w)).length;
const english = ['the', 'and', 'you', 'your', 'we', 'with', 'of', 'is', 'for'];
const portuguese = ['os', 'as', 'dos', 'das', 'que', 'não', 'para', 'com', 'sua', 'seus'];

describe.skipIf(!browserAvailable)('the privacy policy in Chromium', () => {
  useBrowser();

  it('reads as a policy, names every kind of data in words, and keeps every personal column in a folded technical annex', async () => {
    const rows = await annexOf('en');
    expect(rows.length).toBeGreaterThan(20);
    const tab = await openTab();
    await tab.page.goto('/privacy');
    await tab.page.getByRole('heading', { level: 2, name: 'What we collect and why' }).waitFor();
    const headings = await tab.page.getByRole('main').getByRole('heading', { level: 2 }).allInnerTexts();
    expect(headings.slice(0, 6)).toEqual([
      'Who is responsible for your data',
      'What we collect and why',
      'Where your data comes from',
      'Who receives your data, and where it is stored',
      'How long we keep it',
      'Your rights and how to use them',
    ]);
    expect(await mainText(tab)).not.toContain('Why we hold it, and for how long');
    await tab.page.getByRole('heading', { level: 3, name: 'If you have a merchant account' }).click();
    await tab.page.getByText('Why we hold it, and for how long').first().waitFor();
    await openPeople(tab);
    const folded = await mainText(tab);
    expect(rows.filter((r) => !folded.includes(r.label)).map((r) => r.label)).toEqual([]);
    expect(folded).not.toContain('account.first_name');
    expect(folded).toContain('https://ec.europa.eu/consumers/odr');
    await tab.page.getByRole('link', { name: 'Privacy request form' }).waitFor();
    await tab.page.getByRole('link', { name: 'https://www.cnpd.pt' }).waitFor();

    await tab.page.locator('#policy-annex summary').click();
    await tab.page
      .getByRole('region', { name: 'Technical annex: every item of personal data, field by field' })
      .waitFor();
    const open = await mainText(tab);
    expect(rows.map((r) => `${r.table}.${r.column}`).filter((c) => !open.includes(c))).toEqual([]);
    await expectAccessible(tab.page, 'privacy policy with its annex open');
    expect(tab.consoleErrors).toEqual([]);
  });

  it.each([
    ['en-GB', 'Privacy policy', 'Your rights and how to use them'],
    ['pt-PT', 'Política de privacidade', 'Os seus direitos e como exercê-los'],
  ])(
    'fits a 375 px screen without sideways scrolling (%s), the annex open or folded',
    async (locale, title, rights) => {
      const tab = await openTab({ width: 375, locale });
      await tab.page.goto('/privacy');
      await tab.page.getByRole('heading', { level: 1, name: title }).waitFor();
      await tab.page.getByRole('heading', { level: 2, name: rights }).waitFor();
      expect(await pageWidth(tab)).toBeLessThanOrEqual(375);
      await openPeople(tab);
      expect(await pageWidth(tab)).toBeLessThanOrEqual(375);
      await tab.page.locator('#policy-annex summary').click();
      const annex = tab.page.locator('#policy-annex [role="region"]');
      await annex.waitFor();
      expect(await pageWidth(tab)).toBeLessThanOrEqual(375);
      // The annex is wider than the screen: it scrolls inside its own box instead.
      expect(await annex.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
      await expectAccessible(tab.page, `privacy policy at 375 px (${locale})`);
      expect(tab.consoleErrors).toEqual([]);
    },
  );

  it('is written in European Portuguese for a Portuguese browser, and follows the language switch', async () => {
    const tab = await openTab({ locale: 'pt-PT' });
    await tab.page.goto('/privacy');
    await tab.page.getByRole('heading', { level: 2, name: 'Que dados recolhemos e para que fins' }).waitFor();
    await openPeople(tab);
    const text = await mainText(tab);
    expect(await tab.page.evaluate(() => document.documentElement.lang)).toBe('pt-PT');
    for (const phrase of [
      'Responsável pelo tratamento',
      'Endereço de correio eletrónico',
      'Enquanto a sua conta estiver aberta',
      'Comissão Nacional de Proteção de Dados',
      'Reino Unido',
    ]) {
      expect(text).toContain(phrase);
    }
    for (const phrase of ['What we collect', 'Email address', 'For as long as', 'Backup server'])
      expect(text).not.toContain(phrase);
    expect(words(text, portuguese)).toBeGreaterThan(20 * Math.max(1, words(text, english)));
    const labels = (await annexOf('pt-PT')).map((r) => r.label);
    expect(labels.filter((l) => !text.includes(l))).toEqual([]);
    await expectAccessible(tab.page, 'política de privacidade');

    await tab.page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
    await tab.page.getByRole('heading', { level: 2, name: 'What we collect and why' }).waitFor();
    expect(await mainText(tab)).not.toContain('Que dados recolhemos');
    expect(tab.consoleErrors).toEqual([]);
  });
});
