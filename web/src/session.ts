import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, client, type Account, type Membership, type Permission, type Staff } from './api';

/**
 * Who is signed in to the customer area (null: nobody). Set directly after sign-in and sign-up.
 * Always the person themselves, whichever account their session works on.
 */
export const customerSession = queryOptions({
  queryKey: ['session', 'customer'],
  queryFn: () => call(client.GET('/api/v1/auth/session')),
  staleTime: Infinity,
});

/**
 * The accounts the signed-in person may work on (their own first, with every permission) and the one
 * their session works on. Asked once someone is signed in; refreshed when the session switches.
 */
export const memberships = queryOptions({
  queryKey: ['session', 'memberships'],
  queryFn: () => call(client.GET('/api/v1/account/memberships')),
  staleTime: Infinity,
});

/** Who is signed in to the staff console, and whether two-factor enrolment must come first. */
export const staffSession = queryOptions({
  queryKey: ['session', 'staff'],
  queryFn: () => call(client.GET('/api/v1/staff/auth/session')),
  staleTime: Infinity,
});

/** The signed-in customer; only inside the account layout, which renders nothing else without one. */
export function useAccount(): Account {
  const { data } = useQuery(customerSession);
  if (!data?.account) throw new Error('useAccount outside the signed-in account area');
  return data.account;
}

/** The account the session works on, and what the person may do on it. */
export interface Acting {
  accountId: string;
  name: string;
  /** Their own account: they may do everything on it, and only there manage its users. */
  owner: boolean;
  permissions: readonly Permission[];
  can(permission: Permission): boolean;
  /** Every account the person may work on, their own first. */
  accounts: readonly Membership[];
}

/** The account the session works on; only inside the account layout, which waits for it. */
export function useActing(): Acting {
  const { data } = useQuery(memberships);
  if (!data) throw new Error('useActing outside the signed-in account area');
  // An account the person no longer belongs to (or that was closed) grants nothing: they may only switch back.
  const found: Membership = data.items.find((m) => m.accountId === data.actingAccountId) ?? {
    accountId: data.actingAccountId,
    name: '',
    owner: false,
    permissions: [],
  };
  return {
    ...found,
    can: (permission) => found.permissions.includes(permission),
    accounts: data.items,
  };
}

export function useSetAccount(): (a: Account | null) => void {
  const queries = useQueryClient();
  return (account) => queries.setQueryData(customerSession.queryKey, { account });
}

/** Signed in (or up) just now: who it is, and a new session that works on their own account for now. */
export function useSignedIn(): (a: Account) => void {
  const queries = useQueryClient();
  return (account) => {
    queries.removeQueries({ queryKey: memberships.queryKey });
    queries.setQueryData(customerSession.queryKey, { account });
  };
}

/**
 * After the session switched account: the accounts and permissions asked again, and every answer
 * about the account worked on before forgotten (shown again only once asked of the new one).
 * Only the sessions themselves, and what the caller names, are kept.
 */
export function useAfterSwitch(): (keep?: readonly string[]) => Promise<void> {
  const queries = useQueryClient();
  return async (keep = []) => {
    await queries.fetchQuery({ ...memberships, staleTime: 0 });
    const kept = ['session', ...keep];
    await queries.resetQueries({ predicate: (q) => !kept.includes(String(q.queryKey[0])) });
  };
}

export function useSetStaff(): (s: Staff | null, mfaEnrolmentRequired?: boolean) => void {
  const queries = useQueryClient();
  return (staff, mfaEnrolmentRequired = false) =>
    queries.setQueryData(staffSession.queryKey, { staff, mfaEnrolmentRequired });
}
