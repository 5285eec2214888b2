import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, client, type Account, type Staff } from './api';

/** Who is signed in to the customer area (null: nobody). Set directly after sign-in and sign-up. */
export const customerSession = queryOptions({
  queryKey: ['session', 'customer'],
  queryFn: () => call(client.GET('/api/v1/auth/session')),
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

export function useSetAccount(): (a: Account | null) => void {
  const queries = useQueryClient();
  return (account) => queries.setQueryData(customerSession.queryKey, { account });
}

export function useSetStaff(): (s: Staff | null, mfaEnrolmentRequired?: boolean) => void {
  const queries = useQueryClient();
  return (staff, mfaEnrolmentRequired = false) =>
    queries.setQueryData(staffSession.queryKey, { staff, mfaEnrolmentRequired });
}
