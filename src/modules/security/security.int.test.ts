import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieFrom, createTestApp, signUp, staffSession, type TestApp } from '../../../test/harness.js';

const login = (
  t: TestApp,
  email: string,
  password: string,
  remoteAddress: string,
  headers: Record<string, string> = {},
) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress, headers });

describe('failed sign-ins block the account name and the IP (S1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ persistent: true, env: { LOGIN_MAX_FAILURES: '3', LOGIN_BLOCK_BASE_SECONDS: '60' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('blocks after LOGIN_MAX_FAILURES in a row, with Retry-After, even for the right password, and across a restart', async () => {
    const { body } = await signUp(t.app);
    for (let i = 0; i < 3; i++)
      expect((await login(t, body.email, 'wrong password!', `192.0.2.${10 + i}`)).statusCode).toBe(401);
    const blocked = await login(t, body.email, body.password, '192.0.2.99');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(blocked.headers['retry-after'])).toBe(60);
    await t.restart();
    expect((await login(t, body.email, body.password, '192.0.2.98')).statusCode).toBe(429);
    t.clock.advance(61_000);
    expect((await login(t, body.email, body.password, '192.0.2.97')).statusCode).toBe(200);
  });

  it('grows the block each time it is earned again', async () => {
    const { body } = await signUp(t.app);
    const durations: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 3; i++) await login(t, body.email, 'wrong password!', `192.0.2.${50 + round * 3 + i}`);
      const res = await login(t, body.email, body.password, '192.0.2.100');
      expect(res.statusCode).toBe(429);
      durations.push(Number(res.headers['retry-after']));
      t.clock.advance(durations.at(-1)! * 1000 + 1000);
    }
    expect(durations).toEqual([60, 120, 240]);
  });

  it('blocks an IP that fails against many names, for every route, across a restart', async () => {
    const ip = '198.51.100.66';
    for (let i = 0; i < 3; i++) await login(t, `ghost${i}@example.pt`, 'wrong password!', ip);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/account', remoteAddress: ip });
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    await t.restart();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', remoteAddress: ip })).statusCode).toBe(429);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/account', remoteAddress: '198.51.100.67' })).statusCode,
    ).toBe(401);
  });

  it('does not let X-Forwarded-For dodge a block when no proxy is trusted', async () => {
    const ip = '198.51.100.70';
    for (let i = 0; i < 3; i++) await login(t, `nobody${i}@example.pt`, 'wrong password!', ip);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/account',
      remoteAddress: ip,
      headers: { 'x-forwarded-for': '203.0.113.1' },
    });
    expect(res.statusCode).toBe(429);
  });

  it('a success resets the run of failures', async () => {
    const { body } = await signUp(t.app);
    for (let i = 0; i < 2; i++) await login(t, body.email, 'wrong password!', '192.0.2.150');
    expect((await login(t, body.email, body.password, '192.0.2.150')).statusCode).toBe(200);
    for (let i = 0; i < 2; i++) await login(t, body.email, 'wrong password!', '192.0.2.150');
    expect((await login(t, body.email, body.password, '192.0.2.150')).statusCode).toBe(200);
  });
});

describe('request bursts (S1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ persistent: true, env: { RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW: '1 minute' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 429 with Retry-After past the limit, keeps the block across a restart, and staff can lift it', async () => {
    const ip = '203.0.113.200';
    t.clock.set(new Date(Math.ceil(t.clock.now().getTime() / 60_000) * 60_000 + 5_000)); // 5 s into a window
    for (let i = 0; i < 5; i++)
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', remoteAddress: ip })).statusCode).not.toBe(
        429,
      );
    const over = await t.app.inject({ method: 'GET', url: '/api/v1/account', remoteAddress: ip });
    expect(over.statusCode).toBe(429);
    expect(over.json()).toMatchObject({ status: 429, type: 'urn:sellrocket:problem:blocked' });
    expect(Number(over.headers['retry-after'])).toBe(55);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/account', remoteAddress: '203.0.113.201' })).statusCode,
    ).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/healthz', remoteAddress: ip })).statusCode).toBe(200);

    await t.restart();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', remoteAddress: ip })).statusCode).toBe(429);

    const staff = await staffSession(t, ['support']);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/staff/security/blocks',
      headers: { cookie: staff.cookie },
      remoteAddress: '198.51.100.200',
    });
    expect(list.statusCode).toBe(200);
    const block = (list.json().items as { id: string; ip: string; reason: string }[]).find((b) => b.ip === ip)!;
    const reads = await t.platform.db
      .selectFrom('audit_log')
      .select(['actor_id', 'action'])
      .where('action', '=', 'security.blocks.read')
      .execute();
    expect(reads).toEqual([{ actor_id: staff.staff.id, action: 'security.blocks.read' }]);
    expect(block.reason).toBe('rate-limit');
    const lift = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/staff/security/blocks/${block.id}`,
      headers: { cookie: staff.cookie },
      remoteAddress: '198.51.100.200',
    });
    expect(lift.statusCode).toBe(200);
    expect(lift.json().liftedAt).not.toBeNull();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', remoteAddress: ip })).statusCode).toBe(401);
    const audit = await t.platform.audit.listForTarget({ kind: 'block', id: block.id });
    expect(audit.map((a) => a.action)).toContain('security.block.lift');
  });

  it('counts one IP across two app servers on the same database', async () => {
    // Two platforms on one database: each flushes its counts, and the total decides.
    const ip = '203.0.113.210';
    const other = await (
      await import('../../../src/platform.js')
    ).createPlatform({
      config: t.config,
      clock: t.clock,
      database: t.platform.database,
      secrets: t.platform.secrets,
      onError: (e) => {
        throw e;
      },
    });
    const otherApp = await (await import('../../../src/app.js')).buildApp(other, { startBackgroundWork: false });
    try {
      for (let i = 0; i < 3; i++) await t.app.inject({ method: 'GET', url: '/api/v1/account', remoteAddress: ip });
      for (let i = 0; i < 3; i++) await otherApp.inject({ method: 'GET', url: '/api/v1/account', remoteAddress: ip });
      await t.platform.rateStore.flush();
      await other.rateStore.flush();
      await t.platform.rateStore.flush();
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', remoteAddress: ip })).statusCode).toBe(429);
      expect((await otherApp.inject({ method: 'GET', url: '/api/v1/account', remoteAddress: ip })).statusCode).toBe(
        429,
      );
    } finally {
      await otherApp.close();
    }
  });
});

describe('blocks are staff business', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses customers, anonymous callers and staff without the role', async () => {
    const customer = await signUp(t.app);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/staff/security/blocks' })).statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/staff/security/blocks',
          headers: { cookie: customer.cookie },
        })
      ).statusCode,
    ).toBe(401);
    const billing = await staffSession(t, ['billing']);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/staff/security/blocks', headers: { cookie: billing.cookie } }))
        .statusCode,
    ).toBe(403);
    const admin = await staffSession(t, ['admin']);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/staff/security/blocks', headers: { cookie: admin.cookie } }))
        .statusCode,
    ).toBe(200);
  });

  it('lifting an unknown block is a 404', async () => {
    const admin = await staffSession(t);
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: '/api/v1/staff/security/blocks/blk_nope',
          headers: { cookie: admin.cookie },
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('behind a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('takes the client IP from X-Forwarded-For and marks the cookie Secure over https', async () => {
    const { body } = await signUp(t.app);
    t.clock.advance(1000);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: body.email, password: body.password },
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': '203.0.113.99', 'x-forwarded-proto': 'https' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'sr_session')!.secure).toBe(true);
    const history = await t.app.inject({
      method: 'GET',
      url: '/api/v1/account/access-history',
      headers: { cookie: cookieFrom(res) },
    });
    expect(history.json().items[0].ip).toBe('203.0.113.99');
  });

  it('ignores X-Forwarded-For from an address that is not the proxy', async () => {
    const { body } = await signUp(t.app);
    t.clock.advance(1000);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: body.email, password: body.password },
      remoteAddress: '198.51.100.5',
      headers: { 'x-forwarded-for': '203.0.113.98' },
    });
    const history = await t.app.inject({
      method: 'GET',
      url: '/api/v1/account/access-history',
      headers: { cookie: cookieFrom(res) },
    });
    expect(history.json().items[0].ip).toBe('198.51.100.5');
  });
});
