import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, signUp, staffSession, type TestApp } from '../../../test/harness.js';
import { startTestSmtp } from '../../../test/smtp.js';

// OWASP "Slow down online guessing attacks with device cookies": failures from unknown browsers
// lock out unknown browsers only; a browser that signed in before keeps its own count.
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({ env: { SMTP_URL: smtp.url, LOGIN_MAX_FAILURES: '3', LOGIN_BLOCK_BASE_SECONDS: '60' } });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

let ipCounter = 0;
const freshIp = () => `192.0.2.${++ipCounter}`;
const login = (email: string, password: string, opts: { ip?: string; cookie?: string } = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    remoteAddress: opts.ip ?? freshIp(),
    headers: opts.cookie ? { cookie: opts.cookie } : {},
  });
const deviceCookieOf = (res: LightMyRequestResponse) => {
  const c = res.cookies.find((x) => x.name === 'sr_device');
  return c ? `sr_device=${c.value}` : undefined;
};
const mailsTo = (to: string) => smtp.received.filter((m) => m.to.includes(to));

describe('device cookies', () => {
  it('are set on a successful sign-in, signed, scoped to the sign-in route, and carry no email', async () => {
    const { body, account } = await signUp(t.app);
    const res = await login(body.email, body.password);
    expect(res.statusCode).toBe(200);
    const c = res.cookies.find((x) => x.name === 'sr_device')!;
    expect(c).toBeDefined();
    expect(c.httpOnly).toBe(true);
    expect(c.path).toBe('/api/v1/auth/login');
    expect(new Date(c.expires!).getTime()).toBeGreaterThan(t.clock.now().getTime() + 7 * 86_400_000);
    expect(decodeURIComponent(c.value)).not.toContain(body.email);
    expect(decodeURIComponent(c.value)).not.toContain(body.email.split('@')[0]);
    expect(decodeURIComponent(c.value)).toContain(account.id);
  });

  it('keep the owner signing in while failures from elsewhere lock out unknown browsers (429 + Retry-After)', async () => {
    const { body } = await signUp(t.app);
    const device = deviceCookieOf(await login(body.email, body.password))!;
    for (let i = 0; i < 3; i++) expect((await login(body.email, 'wrong password!')).statusCode).toBe(401);
    const stranger = await login(body.email, body.password);
    expect(stranger.statusCode).toBe(429);
    expect(stranger.json()).toMatchObject({ status: 429, type: 'urn:sellrocket:problem:blocked' });
    expect(Number(stranger.headers['retry-after'])).toBe(60);
    expect((await login(body.email, body.password, { cookie: device })).statusCode).toBe(200);
  });

  it("count the owner's own failures per device cookie, without locking out anyone else", async () => {
    const { body } = await signUp(t.app);
    const device = deviceCookieOf(await login(body.email, body.password))!;
    for (let i = 0; i < 3; i++)
      expect((await login(body.email, 'wrong password!', { cookie: device })).statusCode).toBe(401);
    expect((await login(body.email, body.password, { cookie: device })).statusCode).toBe(429);
    expect((await login(body.email, body.password)).statusCode).toBe(200);
  });

  it('are not trusted when tampered with or naming another account', async () => {
    const { body } = await signUp(t.app);
    const other = await signUp(t.app);
    const device = deviceCookieOf(await login(body.email, body.password))!;
    const othersDevice = deviceCookieOf(await login(other.body.email, other.body.password))!;
    for (let i = 0; i < 3; i++) await login(body.email, 'wrong password!');
    const tampered = device.slice(0, -3) + (device.endsWith('AAA') ? 'BBB' : 'AAA');
    expect((await login(body.email, body.password, { cookie: tampered })).statusCode).toBe(429);
    expect((await login(body.email, body.password, { cookie: othersDevice })).statusCode).toBe(429);
    expect((await login(body.email, body.password, { cookie: device })).statusCode).toBe(200);
  });

  it('are not trusted once expired', async () => {
    const { body } = await signUp(t.app);
    const device = deviceCookieOf(await login(body.email, body.password))!;
    t.clock.advance(400 * 86_400_000);
    for (let i = 0; i < 3; i++) await login(body.email, 'wrong password!');
    expect((await login(body.email, body.password, { cookie: device })).statusCode).toBe(429);
  });
});

describe('failures count per account and per address', () => {
  it("a success on one account does not reset the address's count of failures against others", async () => {
    const ip = '198.51.100.77';
    const mine = await signUp(t.app);
    await login('victim-a@example.pt', 'wrong password!', { ip });
    await login('victim-b@example.pt', 'wrong password!', { ip });
    expect((await login(mine.body.email, mine.body.password, { ip })).statusCode).toBe(200);
    await login('victim-c@example.pt', 'wrong password!', { ip });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', remoteAddress: ip })).statusCode).toBe(429);
  });

  it('a success forgives the address its own mistakes on that account', async () => {
    const ip = '198.51.100.78';
    const { body } = await signUp(t.app);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 2; i++) await login(body.email, 'wrong password!', { ip });
      expect((await login(body.email, body.password, { ip })).statusCode).toBe(200);
    }
  });
});

describe('the owner is told', () => {
  it('by one email per lockout of their account, and none for unknown emails', async () => {
    const { body } = await signUp(t.app);
    for (let i = 0; i < 3; i++) await login(body.email, 'wrong password!');
    for (let i = 0; i < 3; i++) expect((await login(body.email, 'wrong password!')).statusCode).toBe(429);
    const mails = mailsTo(body.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.raw).toMatch(/sign-in/i);
    for (let i = 0; i < 3; i++) await login('nobody-here@example.pt', 'wrong password!');
    expect(mailsTo('nobody-here@example.pt')).toHaveLength(0);
  });

  it('staff sign-in sets a device cookie of its own, scoped to the staff sign-in route', async () => {
    const staff = await staffSession(t);
    expect(staff.cookie).toContain('sr_staff_device=');
  });
});
