import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFailed } from 'vitest';

export const { baseUrl, staffEmail, staffPassword, outbox } = inject('e2e');
/** False when the global setup found no Chromium (and CI is not set): the suites skip. */
export const browserAvailable = baseUrl !== '';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let browser: Browser;

/** One headless Chromium per test file, with the flags this machine needs. */
export function useBrowser() {
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });
}

export interface Tab {
  context: BrowserContext;
  page: Page;
  consoleErrors: string[];
  requests: string[];
}

/**
 * A fresh browser profile (its own cookies) with one page. Console errors and every requested
 * URL are collected; a failing test leaves a screenshot in test-results/.
 */
export async function openTab(
  opts: { locale?: string; width?: number; expectedErrors?: RegExp; banner?: boolean; javaScript?: boolean } = {},
): Promise<Tab> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    javaScriptEnabled: opts.javaScript ?? true,
    locale: opts.locale ?? 'en-GB',
    viewport: { width: opts.width ?? 1280, height: 900 },
  });
  if (!opts.banner) {
    // Most tests are not about cookies: a decision already made keeps the banner from covering the page.
    const notice = (await (await fetch(`${baseUrl}/api/v1/consent/cookies/notice`)).json()) as { version: string };
    await context.addCookies([{ name: 'sr_consent', value: `${notice.version}.00.e2e0000000000000000`, url: baseUrl }]);
  }
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !opts.expectedErrors?.test(m.text())) consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
  onTestFailed(async ({ task }) => {
    const dir = path.resolve('test-results');
    mkdirSync(dir, { recursive: true });
    await page
      .screenshot({
        path: path.join(dir, `${task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80)}.png`),
        fullPage: true,
      })
      .catch(() => undefined);
  });
  return { context, page, consoleErrors, requests };
}

/** axe-core in the page; fails on serious or critical violations. */
export async function expectAccessible(page: Page, label: string) {
  await page.evaluate(axeSource); // through DevTools, so the page's CSP does not apply
  const result = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(
            ctx: Document,
            opts: object,
          ): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 3),
    }));
  });
  const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `${label}: ${JSON.stringify(serious)}`).toEqual([]);
}

let counter = 0;
export function newMerchant(overrides: Record<string, unknown> = {}) {
  counter++;
  return {
    firstName: 'Ana',
    lastName: 'Costa',
    email: `ana.${process.pid}.${counter}.${Date.now()}@example.pt`,
    password: 'correct horse battery staple',
    phone: '+351912345678',
    address: { line1: 'Rua Augusta 1', postalCode: '1100-048', city: 'Lisboa', country: 'PT' },
    acceptTerms: true,
    ...overrides,
  };
}

/** Seeds through the API (as tests should), returning the session cookie it got. */
export async function apiSignUp(body: ReturnType<typeof newMerchant>): Promise<{ id: string; cookie: string }> {
  const res = await fetch(`${baseUrl}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { id: ((await res.json()) as { id: string }).id, cookie };
}

/** Signs a browser profile in through the API and hands it the cookie, skipping the form. */
export async function signInTab(tab: Tab, email: string, password: string, staff = false) {
  const res = await tab.page.request.post(staff ? '/api/v1/staff/auth/login' : '/api/v1/auth/login', {
    data: { email, password },
  });
  expect(res.status()).toBe(200);
}

/** A merchant (signed up through the API) with one shop, and a client for the merchant's API. */
export async function merchantWithShop(opts: { slugPrefix: string; name: string }) {
  const m = newMerchant();
  const { cookie } = await apiSignUp(m);
  const api = async (method: 'GET' | 'POST', to: string, body?: object) => {
    const res = await fetch(`${baseUrl}${to}`, {
      method,
      headers: { 'content-type': 'application/json', cookie },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (res.status >= 300) throw new Error(`${to}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const slug = `${opts.slugPrefix}-${Date.now().toString(36)}`;
  const shop = await api('POST', '/api/v1/shops', { slug, name: opts.name });
  return {
    m,
    api,
    shopId: shop.id as string,
    storefront: `http://${slug}.localhost:${new URL(baseUrl).port}`,
  };
}

/** The newest mail in the server's outbox addressed to `to` (and matching `pattern`), soft line breaks undone. */
export function mailTo(to: string, pattern?: RegExp): string | undefined {
  if (!existsSync(outbox)) return undefined;
  return readdirSync(outbox)
    .sort()
    .map((f) =>
      readFileSync(path.join(outbox, f), 'utf8')
        .replace(/=\r?\n/g, '')
        .replace(/=3D/g, '='),
    )
    .filter((m) => m.includes(`To: ${to}`) && (!pattern || pattern.test(m)))
    .at(-1);
}

/** The first group `pattern` finds in the newest mail to `to`, waited for (mail may be sent after the answer). */
export async function linkIn(to: string, pattern: RegExp): Promise<string> {
  await expect.poll(() => mailTo(to, pattern) !== undefined, { timeout: 30_000, interval: 500 }).toBe(true);
  return pattern.exec(mailTo(to, pattern)!)![1]!;
}
