import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieFrom, createTestApp, signUp, type TestApp } from '../../../test/harness.js';
import { invitationToken } from '../../../test/members.js';
import { shopWithProducts } from '../../../test/shop-fixture.js';
import { permissions } from './permissions.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const day = 86_400_000;

/** An owner with a shop, and a person they invited with `given`, whose session works on the owner's account. */
async function ownerAndUser(given: string[]) {
  const owner = await shopWithProducts(t, [5]);
  const user = await signUp(t.app, {}, '198.51.100.77');
  const invite = await t.app.inject({
    method: 'POST',
    url: '/api/v1/account/users/invitations',
    headers: { cookie: owner.merchant.cookie },
    payload: { email: user.body.email, permissions: given },
  });
  expect(invite.statusCode, invite.body).toBe(201);
  const token = (await invitationToken(t, user.body.email))!;
  const accept = await t.app.inject({
    method: 'POST',
    url: `/api/v1/invitations/${token}/accept`,
    headers: { cookie: user.cookie },
  });
  expect(accept.statusCode, accept.body).toBe(200);
  const acting = await t.app.inject({
    method: 'PUT',
    url: '/api/v1/account/acting',
    headers: { cookie: user.cookie },
    payload: { accountId: owner.merchant.account.id },
  });
  expect(acting.statusCode, acting.body).toBe(204);
  return { owner, user, token };
}

/** A route's path with its parameters filled: the owner's shop for :shopId, a made-up id for the rest. */
const pathOf = (url: string, shopId: string) =>
  url.replace(':shopId', shopId).replace(/:([A-Za-z]+)/g, (_m, name: string) => `no_such_${name.toLowerCase()}_0001`);

describe('users of an account and their permissions (S7, #11 §1)', () => {
  it('gives every customer route an access rule', () => {
    const customerRoutes = t.app.routeTable.filter((r) => r.url.startsWith('/api/v1/') && r.access !== undefined);
    expect(customerRoutes.length).toBeGreaterThan(60);
    for (const r of customerRoutes)
      expect([...permissions, 'self', 'member', 'owner'], `${r.method} ${r.url}`).toContain(r.access);
  });

  it('refuses (403) every route that needs a permission the user lacks, and every owner-only route', async () => {
    const { owner, user } = await ownerAndUser([]);
    const guarded = t.app.routeTable.filter(
      (r) => r.access !== undefined && r.access !== 'self' && r.access !== 'member',
    );
    const answers: string[] = [];
    for (const route of guarded) {
      const res = await t.app.inject({
        method: route.method as 'GET',
        url: pathOf(route.url, owner.shopId),
        headers: { cookie: user.cookie },
      });
      if (res.statusCode !== 403) answers.push(`${route.method} ${route.url} → ${res.statusCode}`);
    }
    expect(answers).toEqual([]);
    expect(guarded.length).toBeGreaterThan(50);
  });

  it('lets each permission open its own routes and no others', async () => {
    for (const permission of permissions) {
      const { owner, user } = await ownerAndUser([permission]);
      for (const route of t.app.routeTable.filter((r) => r.access !== undefined && r.access !== 'self')) {
        if (route.method !== 'GET' || (route.url.includes(':') && !/^[^:]*:shopId[^:]*$/.test(route.url))) continue;
        const res = await t.app.inject({
          method: 'GET',
          url: pathOf(route.url, owner.shopId),
          headers: { cookie: user.cookie },
        });
        const allowed = route.access === permission || route.access === 'member';
        if (allowed) expect(res.statusCode, `${permission}: GET ${route.url}`).not.toBe(403);
        else expect(res.statusCode, `${permission}: GET ${route.url}`).toBe(403);
      }
    }
  });

  it("works on the owner's shop with the shops permission, keeps the person's own things apart, and ends at once on removal", async () => {
    const { owner, user } = await ownerAndUser(['shops']);
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: user.cookie } });
    expect((await get(`/api/v1/shops/${owner.shopId}`)).json().id).toBe(owner.shopId);
    expect((await get(`/api/v1/shops/${owner.shopId}/orders`)).statusCode).toBe(403);
    // Their own sessions and sign-ins, whichever account they work on.
    const sessions = (await get('/api/v1/account/sessions')).json();
    expect(sessions.items.length).toBeGreaterThan(0);
    const memberships = (await get('/api/v1/account/memberships')).json();
    expect(memberships.actingAccountId).toBe(owner.merchant.account.id);
    expect(memberships.items.map((m: { owner: boolean }) => m.owner)).toEqual([true, false]);
    // Only the owner manages users; the owner sees the user and what they may do.
    expect((await get('/api/v1/account/users')).statusCode).toBe(403);
    const users = (
      await t.app.inject({ method: 'GET', url: '/api/v1/account/users', headers: { cookie: owner.merchant.cookie } })
    ).json();
    expect(users.members).toEqual([expect.objectContaining({ memberId: user.account.id, permissions: ['shops'] })]);
    // Widening the permissions takes effect on the next request.
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/account/users/${user.account.id}/permissions`,
      headers: { cookie: owner.merchant.cookie },
      payload: { permissions: ['shops', 'orders'] },
    });
    expect((await get(`/api/v1/shops/${owner.shopId}/orders`)).statusCode).toBe(200);

    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/account/users/${user.account.id}`,
      headers: { cookie: owner.merchant.cookie },
    });
    expect(removed.statusCode).toBe(204);
    expect((await get(`/api/v1/shops/${owner.shopId}`)).statusCode).toBe(401);
    // Signed in again, the person works on their own account, and the owner's shop is not theirs.
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.body.email, password: user.body.password },
    });
    const cookie = cookieFrom(again);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/shops/${owner.shopId}`, headers: { cookie } })).statusCode,
    ).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: '/api/v1/account/acting',
          headers: { cookie },
          payload: { accountId: owner.merchant.account.id },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('accepts an invitation only once, only at its address, and only for 7 days', async () => {
    const owner = await signUp(t.app, {}, '198.51.100.78');
    const invitee = await signUp(t.app, {}, '198.51.100.79');
    const stranger = await signUp(t.app, {}, '198.51.100.80');
    const invite = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/account/users/invitations',
        headers: { cookie: owner.cookie },
        payload: { email: invitee.body.email, permissions: ['invoices'] },
      });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/account/users/invitations',
          headers: { cookie: owner.cookie },
          payload: { email: owner.body.email, permissions: [] },
        })
      ).statusCode,
    ).toBe(422);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/account/users/invitations',
          headers: { cookie: owner.cookie },
          payload: { email: invitee.body.email, permissions: ['everything'] },
        })
      ).statusCode,
    ).toBe(422);
    await invite();
    const token = (await invitationToken(t, invitee.body.email))!;
    const described = (await t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` })).json();
    expect(described).toMatchObject({ email: invitee.body.email, permissions: ['invoices'] });
    const accept = (cookie: string, tok = token) =>
      t.app.inject({ method: 'POST', url: `/api/v1/invitations/${tok}/accept`, headers: { cookie } });
    expect((await accept(stranger.cookie)).statusCode).toBe(403);

    // A link older than 7 days no longer works; a new invitation replaces it.
    t.clock.set(new Date(t.clock.now().getTime() + 7 * day + 1000));
    const fresh = async (account: { body: { email: string; password: string } }) =>
      cookieFrom(
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: account.body.email, password: account.body.password },
        }),
      );
    const inviteeCookie = await fresh(invitee);
    expect((await accept(inviteeCookie)).statusCode).toBe(404);
    const ownerCookie = await fresh(owner);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/account/users/invitations',
      headers: { cookie: ownerCookie },
      payload: { email: invitee.body.email, permissions: ['invoices'] },
    });
    const second = (await invitationToken(t, invitee.body.email))!;
    expect(second).not.toBe(token);
    expect((await accept(inviteeCookie, second)).statusCode).toBe(200);
    expect((await accept(inviteeCookie, second)).statusCode).toBe(404);
  });
});
