import { describe, expect, it } from 'vitest';
import { browserAvailable, expectAccessible, openTab, useBrowser } from './browser.js';

const optionalScript = `<script type="text/plain" data-consent="statistical" data-src="/stats-probe.js"></script>`;

describe.skipIf(!browserAvailable)('cookie banner in Chromium (K1–K4)', () => {
  useBrowser();

  it('sets no optional cookie or script before consent; "Reject all" is as prominent as "Accept all"', async () => {
    const tab = await openTab({ banner: true });
    await tab.page.goto('/plans');
    const banner = tab.page.getByRole('region', { name: 'Cookies' });
    await banner.waitFor();
    await expectAccessible(tab.page, 'banner');
    const accept = banner.getByRole('button', { name: 'Accept all' });
    const reject = banner.getByRole('button', { name: 'Reject all' });
    expect(await accept.getAttribute('class')).toBe(await reject.getAttribute('class'));
    const [a, r] = [await accept.boundingBox(), await reject.boundingBox()];
    expect(Math.abs(a!.height - r!.height)).toBeLessThan(1);
    expect(await tab.context.cookies()).toEqual([]);
    // An optional script declared on the page stays inert until its category is consented to.
    await tab.page.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), optionalScript);
    await reject.click();
    await banner.waitFor({ state: 'detached' });
    const cookies = await tab.context.cookies();
    expect(cookies.map((c) => c.name)).toEqual(['sr_consent']);
    expect(cookies[0]!.value).toMatch(/^cookies-[\w-]+\.00\./);
    expect(cookies[0]!.expires * 1000 - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
    expect(cookies[0]!.expires * 1000 - Date.now()).toBeLessThan(30.1 * 86_400_000);
    expect(tab.requests.some((u) => u.includes('stats-probe'))).toBe(false);
    await tab.page.reload();
    await tab.page.getByRole('heading', { level: 1, name: 'Plans' }).waitFor();
    expect(await tab.page.getByRole('region', { name: 'Cookies' }).count()).toBe(0);
  });

  it('honours Global Privacy Control as a refusal of marketing, and logs the decision with country and browser', async () => {
    const tab = await openTab({ banner: true });
    await tab.context.addInitScript(() => Object.defineProperty(navigator, 'globalPrivacyControl', { value: true }));
    await tab.page.goto('/');
    const banner = tab.page.getByRole('region', { name: 'Cookies' });
    await banner.getByText(/Global Privacy Control/).waitFor();
    const response = tab.page.waitForResponse('**/api/v1/consent/cookies');
    await banner.getByRole('button', { name: 'Accept all' }).click();
    const body = await (await response).json();
    expect(body).toMatchObject({ statistical: true, marketing: false });
    const cookie = (await tab.context.cookies()).find((c) => c.name === 'sr_consent')!;
    expect(cookie.value).toMatch(/\.10\./);
  });

  it('asks again when the notice changed (or the 30-day cookie expired), and never in the customer area', async () => {
    const tab = await openTab({ banner: true });
    await tab.page.goto('/');
    const origin = new URL(tab.page.url()).origin;
    await tab.context.addCookies([
      { name: 'sr_consent', value: 'cookies-2020-01.11.oldvisitor000000000', url: origin },
    ]);
    await tab.page.reload();
    await tab.page.getByRole('region', { name: 'Cookies' }).waitFor();
    await tab.context.clearCookies();
    await tab.page.goto('/account');
    await tab.page.getByRole('heading', { level: 1 }).waitFor();
    await tab.page.waitForLoadState('networkidle');
    expect(await tab.page.getByRole('region', { name: 'Cookies' }).count()).toBe(0);
  });
});
