import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, staffSession, type TestApp } from '../../../test/harness.js';
import { startTestSmtp } from '../../../test/smtp.js';
import { checkoutBody, shopper, shopWithProducts } from '../../../test/shop-fixture.js';
import { readZip } from '../../../test/zip.js';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({ env: { SMTP_URL: smtp.url } });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

type Shop = Awaited<ReturnType<typeof shopWithProducts>>;
let n = 0;
const newEmail = () => `rosa.${process.pid}.${++n}@example.pt`;
const password = 'lavender tractor oceanic 42';

/** A shopper's browser at one shop, posting plain forms as the theme's pages do. */
function browser(shop: Shop, ip = '127.0.0.1') {
  const b = shopper(t, shop.host);
  const form = (url: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      remoteAddress: ip,
      headers: {
        host: shop.host,
        'content-type': 'application/x-www-form-urlencoded',
        ...(b.cookie ? { cookie: b.cookie } : {}),
      },
      payload: new URLSearchParams(fields).toString(),
    });
  const keep = async (res: Awaited<ReturnType<typeof form>>) => {
    const set = res.cookies.find((c) => c.name === 'sr_shopper');
    if (set) b.cookie = [b.cookie, `sr_shopper=${set.value}`].filter(Boolean).join('; ');
    return res;
  };
  return {
    b,
    get: (url: string) => b.send('GET', url),
    post: async (url: string, fields: Record<string, string>) => keep(await form(url, fields)),
  };
}

const linkIn = (mail: string | undefined, path: string) => {
  const m = new RegExp(`https?://[^\\s]+${path.replace('/', '\\/')}\\?token=([^\\s]+)`).exec(mail ?? '');
  expect(m, mail).not.toBeNull();
  return decodeURIComponent(m![1]!);
};

/** What a shopper gives a shop besides their account: a saved address and an order placed signed in. */
async function giveDetails(
  shop: Shop,
  s: Awaited<ReturnType<typeof register>>,
  email: string,
  tag: string,
  phone: string,
) {
  const saved = await s.post('/account/addresses', {
    'address[first_name]': 'Rosa',
    'address[last_name]': 'Mota',
    'address[address1]': `Beco Secreto ${tag}`,
    'address[zip]': '4700-001',
    'address[city]': 'Braga',
    'address[country_code]': 'PT',
    'address[phone]': phone,
  });
  expect(saved.statusCode).toBe(303);
  const session = s.b.cookie;
  await s.b.add(shop.variants[0]!);
  const placed = await s.b.checkout(
    checkoutBody(undefined, {
      email,
      shippingAddress: {
        firstName: 'Rosa',
        lastName: 'Mota',
        line1: `Rua da Entrega ${tag}`,
        line2: `Porta ${tag}`,
        postalCode: '4050-262',
        city: 'Porto',
        country: 'PT',
      },
    }),
  );
  expect(placed.statusCode, placed.body).toBe(201);
  s.b.cookie = session;
  return placed.json().order as { id: string };
}

async function register(shop: Shop, email: string, extra: Record<string, string> = {}) {
  const s = browser(shop);
  const res = await s.post('/account/register', {
    first_name: 'Rosa',
    last_name: 'Mota',
    email,
    password,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(303);
  expect(res.headers.location).toBe('/account?notice=welcome');
  return s;
}

describe('shopper accounts at a shop (#10 §3)', () => {
  it('signs up, confirms the email, buys, and sees the order with its tracking number', async () => {
    const shop = await shopWithProducts(t, [5]);
    const email = newEmail();
    const s = await register(shop, email);
    const home = await s.get('/account');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Rosa Mota');
    expect(home.body).toContain('Confirm your email to see your orders');
    // A guest order with this email, placed before the account existed, shows once the email is proved.
    const guest = shopper(t, shop.host);
    await guest.add(shop.variants[0]!);
    const placed = await guest.checkout(checkoutBody(undefined, { email }));
    expect(placed.statusCode, placed.body).toBe(201);
    const order = placed.json().order as { id: string; number: number };
    expect((await s.get(`/account/orders/${order.number}`)).statusCode).toBe(404);

    const confirm = await s.get(
      `/account/confirm?token=${encodeURIComponent(linkIn(smtp.lastTo(email), '/account/confirm'))}`,
    );
    expect(confirm.headers.location).toBe('/account?notice=email_confirmed');
    const after = await s.get('/account');
    expect(after.body).toContain(`/account/orders/${order.number}`);

    const fulfil = await t.app.inject({
      method: 'POST',
      url: `/api/v1/shops/${shop.shopId}/orders/${order.id}/fulfil`,
      headers: { cookie: shop.merchant.cookie },
      payload: { trackingNumber: 'RR987654321PT' },
    });
    expect(fulfil.statusCode, fulfil.body).toBe(200);
    const detail = await s.get(`/account/orders/${order.number}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('RR987654321PT');
  });

  it('offers sign-in at the checkout, and fills it from the account once signed in', async () => {
    const shop = await shopWithProducts(t, [5]);
    const email = newEmail();
    const guest = browser(shop);
    await guest.b.add(shop.variants[0]!);
    const asGuest = await guest.get('/checkout');
    expect(asGuest.statusCode).toBe(200);
    expect(asGuest.body).toContain('href="/account/login?return_to=%2Fcheckout"');
    const s = await register(shop, email);
    await s.post('/account/addresses', {
      'address[first_name]': 'Rosa',
      'address[last_name]': 'Mota',
      'address[address1]': 'Rua de Cedofeita 100',
      'address[zip]': '4050-180',
      'address[city]': 'Porto',
      'address[country_code]': 'PT',
    });
    const session = s.b.cookie;
    await s.b.add(shop.variants[0]!);
    // The fixture's browser keeps the newest cookie only: both go along, as a real browser's would.
    s.b.cookie = `${session}; ${s.b.cookie}`;
    const signedIn = await s.get('/checkout');
    expect(signedIn.body).toContain('Signed in as Rosa Mota.');
    expect(signedIn.body).toContain(`value="${email}"`);
    expect(signedIn.body).toContain('value="Rua de Cedofeita 100"');
  });

  it('keeps the same email at two shops apart: two accounts, and a cookie from one means nothing at the other', async () => {
    const a = await shopWithProducts(t, [5]);
    const b = await shopWithProducts(t, [5]);
    const email = newEmail();
    const atA = await register(a, email);
    // Not known at B: signing in there with A's password fails, and A's cookie is not a session at B.
    const atB = browser(b);
    const refused = await atB.post('/account/login', { email, password });
    expect(refused.statusCode).toBe(401);
    atB.b.cookie = atA.b.cookie;
    const crossed = await atB.get('/account');
    expect(crossed.statusCode).toBe(303);
    expect(crossed.headers.location).toMatch(/^\/account\/login/);
    // B gets its own account for the same email, with its own password.
    await register(b, email, { password: 'quiet harbour lantern 77' });
    const rows = await t.platform.db
      .selectFrom('shopper_account')
      .select(['shop_id', 'shopper_id'])
      .where('shop_id', 'in', [a.shopId, b.shopId])
      .execute();
    expect(new Set(rows.map((r) => r.shop_id))).toEqual(new Set([a.shopId, b.shopId]));
    expect(new Set(rows.map((r) => r.shopper_id)).size).toBe(2);
    const cookie = atA.b.cookie.match(/sr_shopper=[^;]+/)![0];
    const session = await t.app.inject({ method: 'GET', url: '/account', headers: { host: a.host, cookie } });
    expect(session.statusCode).toBe(200);
  });

  it('refuses a second account for the same email at the same shop, and weak passwords', async () => {
    const shop = await shopWithProducts(t, [5]);
    const email = newEmail();
    await register(shop, email);
    const again = await browser(shop).post('/account/register', {
      first_name: 'Rosa',
      last_name: 'Mota',
      email,
      password,
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('There is already an account with this email at this shop');
    const weak = await browser(shop).post('/account/register', {
      first_name: 'Rosa',
      last_name: 'Mota',
      email: newEmail(),
      password: 'password123',
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.body).toContain('aria-invalid="true"');
  });

  it('throttles wrong passwords like a merchant’s sign-in (S1)', async () => {
    const shop = await shopWithProducts(t, [5]);
    const email = newEmail();
    await register(shop, email);
    const s = browser(shop, '203.0.113.77');
    const statuses: number[] = [];
    for (let i = 0; i < t.config.login.maxFailures + 1; i++)
      statuses.push((await s.post('/account/login', { email, password: 'wrong wrong wrong 1' })).statusCode);
    expect(statuses.slice(0, t.config.login.maxFailures - 1).every((x) => x === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Blocked means blocked: the right password is refused too while it lasts, from anywhere.
    const right = await browser(shop, '203.0.113.78').post('/account/login', { email, password });
    expect(right.statusCode).toBe(429);
    expect(right.body).toContain('Too many attempts');
  });

  it('resets a password by emailed link: the old sessions end and the new password works', async () => {
    const shop = await shopWithProducts(t, [5]);
    const email = newEmail();
    const s = await register(shop, email);
    const ask = await browser(shop).post('/account/reset', { email });
    expect(ask.statusCode).toBe(200);
    // The same answer for an email with no account here.
    const unknown = await browser(shop).post('/account/reset', { email: newEmail() });
    expect(unknown.body).toContain('If there is an account with this email');
    const token = linkIn(smtp.lastTo(email), '/account/reset');
    expect((await browser(shop).get(`/account/reset?token=${encodeURIComponent(token)}`)).statusCode).toBe(200);
    const newPassword = 'marble cactus violin 2031';
    const done = await browser(shop).post('/account/reset', { token, password: newPassword });
    expect(done.headers.location).toBe('/account/login?notice=password_changed');
    expect((await s.get('/account')).statusCode).toBe(303);
    expect((await browser(shop).post('/account/reset', { token, password: newPassword })).statusCode).toBe(410);
    const signIn = await browser(shop).post('/account/login', { email, password: newPassword });
    expect(signIn.statusCode).toBe(303);
    expect(signIn.headers.location).toBe('/account');
  });

  it('records newsletter decisions with the text shown, and saves addresses checked like the checkout’s', async () => {
    const shop = await shopWithProducts(t, [5]);
    const email = newEmail();
    const s = await register(shop, email, { newsletter: '1' });
    const off = await s.post('/account/newsletter', { newsletter: '0' });
    expect(off.headers.location).toBe('/account?notice=newsletter_off');
    const decisions = await t.platform.db
      .selectFrom('shopper_newsletter_consent')
      .select(['granted', 'method', 'notice_version', 'notice_hash'])
      .where('shop_id', '=', shop.shopId)
      .orderBy('recorded_at')
      .orderBy('method', 'desc')
      .execute();
    expect(decisions.map((d) => [d.granted, d.method])).toEqual([
      [true, 'sign-up'],
      [false, 'account'],
    ]);
    expect(decisions[0]!.notice_hash).toMatch(/^[0-9a-f]{64}$/);

    const bad = await s.post('/account/addresses', {
      'address[first_name]': 'Rosa',
      'address[last_name]': 'Mota',
      'address[address1]': 'Rua Direita 1',
      'address[zip]': '12',
      'address[city]': 'Braga',
      'address[country_code]': 'PT',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('id="address-zip-error"');
    const good = await s.post('/account/addresses', {
      'address[first_name]': 'Rosa',
      'address[last_name]': 'Mota',
      'address[address1]': 'Rua Direita 1',
      'address[zip]': '4700-001',
      'address[city]': 'Braga',
      'address[country_code]': 'PT',
    });
    expect(good.headers.location).toBe('/account?notice=address_saved');
    expect((await s.get('/account')).body).toContain('Rua Direita 1');
  });
});

describe("the merchant's privacy queue (#10 §4)", () => {
  const api = (s: Shop, method: 'GET' | 'POST', path: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/shops/${s.shopId}${path}`,
      headers: { cookie: s.merchant.cookie },
      ...(payload ? { payload } : {}),
    });

  it('takes an access request from the account, lists it (audited), and mails the answer as a download', async () => {
    const shop = await shopWithProducts(t, [5]);
    const email = newEmail();
    const s = await register(shop, email, { newsletter: '1' });
    await giveDetails(shop, s, email, 'A7', '912 345 601');
    const asked = await s.post('/account/privacy', { kind: 'access' });
    expect(asked.headers.location).toBe('/account/privacy?notice=request_sent');
    expect((await s.post('/account/privacy', { kind: 'access' })).statusCode).toBe(409);
    expect(smtp.lastTo(shop.email)).toContain('Answer it in the back office');

    const queue = await api(shop, 'GET', '/privacy-requests?status=open');
    expect(queue.statusCode, queue.body).toBe(200);
    const [request] = queue.json().items;
    expect(request).toMatchObject({ kind: 'access', via: 'account', email, status: 'open', overdue: false });
    const due = new Date(request.dueAt).getTime() - new Date(request.createdAt).getTime();
    expect(due).toBeLessThanOrEqual(30 * 86_400_000);

    const answered = await api(shop, 'POST', `/privacy-requests/${request.id}/answer`);
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json().status).toBe('answered');
    const token = linkIn(smtp.lastTo(email), '/privacy/download');
    const zip = await t.app.inject({
      method: 'GET',
      url: `/privacy/download?token=${encodeURIComponent(token)}`,
      headers: { host: shop.host },
    });
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    // Every value they gave the shop: account, saved address, the order's addresses, the newsletter decision.
    const files = await readZip(zip.rawPayload);
    const every = [...files.values()].join('\n');
    for (const given of [email, 'Rosa', 'Mota', 'Beco Secreto A7', '+351912345601', 'Rua da Entrega A7', 'Porta A7'])
      expect(every, given).toContain(given);
    expect(files.get('data/shopper_newsletter_consent.json')).toMatch(/"granted"\s*:\s*true/);
    expect([...files.keys()]).toEqual(
      expect.arrayContaining(['data/shopper_account.json', 'data/shopper_address.json']),
    );
    expect(files.get('data/shopper_account.json')).not.toContain('argon2');
    // The link is this shop's: at another shop's host it opens nothing.
    const other = await shopWithProducts(t, [1]);
    const elsewhere = await t.app.inject({
      method: 'GET',
      url: `/privacy/download?token=${encodeURIComponent(token)}`,
      headers: { host: other.host },
    });
    expect(elsewhere.statusCode).toBe(410);
    // A week later the archive is gone, and so is the link.
    t.clock.advance(7 * 86_400_000 + 1000);
    try {
      await t.platform.jobs.runDue();
      const late = await t.app.inject({
        method: 'GET',
        url: `/privacy/download?token=${encodeURIComponent(token)}`,
        headers: { host: shop.host },
      });
      expect(late.statusCode).toBe(410);
      const row = await t.platform.db
        .selectFrom('shop_privacy_request')
        .select('download_file')
        .where('id', '=', request.id)
        .executeTakeFirstOrThrow();
      expect(row.download_file).toBeNull();
    } finally {
      t.clock.advance(-(7 * 86_400_000 + 1000));
    }
    const audited = await t.platform.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'shop.privacy-request.%')
      .execute();
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'shop.privacy-request.opened',
        'shop.privacy-request.list',
        'shop.privacy-request.answered',
      ]),
    );
  });

  it('answers an erasure request within the shop only, and extends with a reason', async () => {
    const a = await shopWithProducts(t, [5]);
    const b = await shopWithProducts(t, [5]);
    const email = newEmail();
    const s = await register(a, email);
    const inA = await giveDetails(a, s, email, 'A9', '912 345 609');
    await giveDetails(b, await register(b, email), email, 'B9', '912 345 619');
    await s.post('/account/privacy', { kind: 'erasure' });
    const [request] = (await api(a, 'GET', '/privacy-requests')).json().items;
    const extended = await api(a, 'POST', `/privacy-requests/${request.id}/extend`, {
      months: 1,
      reason: 'Our bookkeeper must check the invoices first.',
    });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(new Date(extended.json().dueAt) > new Date(request.dueAt)).toBe(true);
    expect(smtp.lastTo(email)).toContain('Our bookkeeper must check the invoices first.');
    const again = await api(a, 'POST', `/privacy-requests/${request.id}/extend`, { months: 1, reason: 'More.' });
    expect(again.statusCode).toBe(409);

    expect((await api(a, 'POST', `/privacy-requests/${request.id}/answer`)).statusCode).toBe(200);
    const accounts = await t.platform.db
      .selectFrom('shopper_account')
      .innerJoin('shopper', (j) =>
        j
          .onRef('shopper.shop_id', '=', 'shopper_account.shop_id')
          .onRef('shopper.id', '=', 'shopper_account.shopper_id'),
      )
      .select('shopper_account.shop_id')
      .where('shopper.email', '=', email)
      .execute();
    expect(accounts.map((r) => r.shop_id)).toEqual([b.shopId]);
    // The request stays as the shop's proof it was answered, without the email.
    const kept = await t.platform.db
      .selectFrom('shop_privacy_request')
      .select(['email', 'status', 'shopper_id'])
      .where('shop_id', '=', a.shopId)
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow();
    expect(kept).toEqual({ email: '[erased]', status: 'answered', shopper_id: null });
    // A's order keeps what an invoice shows, nothing else of them.
    const order = await t.platform.db
      .selectFrom('shop_order')
      .selectAll()
      .where('id', '=', inA.id)
      .executeTakeFirstOrThrow();
    expect(order).toMatchObject({ shopper_id: null, bill_first_name: 'Rosa', ship_line2: null });
    // A full dump of every table, shop B's rows aside, finds nothing else of them.
    const tables = await sql<{ table_name: string; has_shop: boolean }>`
      select t.table_name, exists (select 1 from information_schema.columns c
        where c.table_schema = t.table_schema and c.table_name = t.table_name and c.column_name = 'shop_id') as has_shop
      from information_schema.tables t where t.table_schema = 'public' and t.table_type = 'BASE TABLE'`.execute(
      t.platform.db,
    );
    let dump = '';
    for (const { table_name, has_shop } of tables.rows) {
      const rows = has_shop
        ? await sql<{
            x: string;
          }>`select r::text as x from ${sql.table(table_name)} r where r.shop_id is distinct from ${b.shopId}`.execute(
            t.platform.db,
          )
        : await sql<{ x: string }>`select r::text as x from ${sql.table(table_name)} r`.execute(t.platform.db);
      dump += rows.rows.map((r) => `${table_name}: ${r.x}\n`).join('');
    }
    // (The billing address, line 2 included, is the invoice's: held.)
    for (const gone of [email, 'Beco Secreto A9', '+351912345609'])
      expect(
        dump.split('\n').filter((l) => l.includes(gone)),
        gone,
      ).toEqual([]);
    expect(dump).toContain('Rua da Entrega A9'); // the invoiced order's billing address, under legal hold
    expect(smtp.lastTo(email)).toContain('has erased your data');
  });

  it('takes a public request once its email is confirmed, and shows staff overdue counts without content', async () => {
    const shop = await shopWithProducts(t, [5]);
    const email = newEmail();
    const form = await browser(shop).post('/privacy/request', { email, kind: 'access' });
    expect(form.headers.location).toBe('/privacy/request?sent=1');
    expect((await api(shop, 'GET', '/privacy-requests')).json().items).toEqual([]);
    const token = linkIn(smtp.lastTo(email), '/privacy/request/verify');
    const verified = await browser(shop).get(`/privacy/request/verify?token=${encodeURIComponent(token)}`);
    expect(verified.headers.location).toBe('/privacy/request?verified=opened');
    const again = await browser(shop).get(`/privacy/request/verify?token=${encodeURIComponent(token)}`);
    expect(again.headers.location).toBe('/privacy/request?verified=already');
    expect((await api(shop, 'GET', '/privacy-requests')).json().items).toHaveLength(1);

    t.clock.advance(32 * 86_400_000);
    try {
      const staff = await staffSession(t, ['privacy']);
      const overdue = await t.app.inject({
        method: 'GET',
        url: '/api/v1/staff/shop-privacy-overdue',
        headers: { cookie: staff.cookie },
      });
      expect(overdue.statusCode, overdue.body).toBe(200);
      const mine = overdue.json().items.find((x: { shopId: string }) => x.shopId === shop.shopId);
      expect(mine).toMatchObject({ overdue: 1 });
      expect(overdue.body).not.toContain(email);
    } finally {
      t.clock.advance(-32 * 86_400_000);
    }
  });

  it('forwards a verified request made to SellRocket to each shop where the email is a shopper, and says which', async () => {
    const a = await shopWithProducts(t, [5]);
    const b = await shopWithProducts(t, [5]);
    const c = await shopWithProducts(t, [5]);
    const email = newEmail();
    await register(a, email);
    const guest = shopper(t, b.host);
    await guest.add(b.variants[0]!);
    expect((await guest.checkout(checkoutBody(undefined, { email }))).statusCode).toBe(201);
    const asked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/privacy/public-requests',
      payload: { email, type: 'erasure' },
    });
    expect(asked.statusCode).toBe(202);
    const token = /verify\?token=([^\s]+)/.exec(smtp.lastTo(email)!)![1]!;
    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/v1/privacy/public-requests/verify',
      payload: { token: decodeURIComponent(token) },
    });
    expect(verified.statusCode, verified.body).toBe(201);
    expect(new Set(verified.json().forwardedTo)).toEqual(
      new Set([`Loja ${a.slug.split('-').at(-1)}`, `Loja ${b.slug.split('-').at(-1)}`]),
    );
    expect(smtp.lastTo(email)).toContain('we have sent your request to them as well');
    for (const shop of [a, b]) {
      const [item] = (await api(shop, 'GET', '/privacy-requests')).json().items;
      expect(item).toMatchObject({ kind: 'erasure', via: 'platform', email, status: 'open' });
    }
    expect((await api(c, 'GET', '/privacy-requests')).json().items).toEqual([]);
  });
});
