/**
 * What the owner of an account may let a user do on it (S7). The owner may do everything, and only
 * the owner manages users. Each customer route names the one it needs (see the auth guards).
 */
export const permissions = [
  'profile',
  'contacts',
  'shops',
  'orders',
  'shopper-privacy',
  'domains',
  'invoices',
  'support',
  'affiliates',
  'emails',
  'orders-upgrades',
] as const;
export type Permission = (typeof permissions)[number];

/**
 * What a customer route needs: a permission on the account the session works on; `self`, the
 * signed-in person's own things (password, two-factor sign-in, sessions, their own data), whatever
 * account they work on; `member`, anyone working on the account; `owner`, its owner only.
 */
export type RouteAccess = Permission | 'self' | 'member' | 'owner';
