import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Outlet, useLocation } from '@tanstack/react-router';
import { useEffect } from 'react';
import { ApiError } from '../api';
import { useI18n } from '../i18n';
import { AccountNav } from '../pages/account/AccountNav';
import { SignIn } from '../pages/public/SignIn';
import { StaffNav } from '../pages/staff/StaffNav';
import { StaffTwoFactor } from '../pages/staff/StaffTwoFactor';
import { customerSession, memberships, staffSession } from '../session';
import { Alert } from '../ui/ui';
import { Shell } from './Layouts';

/** While the session is asked for: loading, or why it could not be (the server unreachable, say). */
function Waiting({ error }: { error: Error | null }) {
  const { t } = useI18n();
  if (!error) return <p>{t('common.loading')}</p>;
  return (
    <Alert kind="error">{t(error instanceof ApiError && error.status === 0 ? 'error.network' : 'error.generic')}</Alert>
  );
}

// Loaded with the first page of their area: a visitor of the public site never downloads them.

/**
 * The customer area: its pages render only for a signed-in customer; anyone else gets the sign-in form
 * here. They wait for the account the session works on, whose permissions say what is shown.
 */
export function AccountLayout() {
  const queries = useQueryClient();
  const session = useQuery(customerSession);
  const signedIn = Boolean(session.data?.account);
  const acting = useQuery({ ...memberships, enabled: signedIn });
  // The session ended while the page was open (its user removed from the account it worked on, say).
  const ended = signedIn && acting.error instanceof ApiError && acting.error.status === 401;
  useEffect(() => {
    if (ended) void queries.invalidateQueries({ queryKey: customerSession.queryKey });
  }, [ended, queries]);
  if (!session.data)
    return (
      <Shell area="account">
        <Waiting error={session.error} />
      </Shell>
    );
  if (!session.data.account)
    return (
      <Shell area="account">
        <SignIn />
      </Shell>
    );
  if (!acting.data)
    return (
      <Shell area="account">
        <Waiting error={ended ? null : acting.error} />
      </Shell>
    );
  return (
    <Shell area="account" sub={<AccountNav />}>
      <Outlet />
    </Shell>
  );
}

/** The staff console: sign-in first, then two-factor enrolment when the role demands it, then the pages. */
export function StaffLayout() {
  const session = useQuery(staffSession);
  const queries = useQueryClient();
  const { pathname } = useLocation();
  if (!session.data)
    return (
      <Shell area="staff">
        <Waiting error={session.error} />
      </Shell>
    );
  const { staff, mfaEnrolmentRequired } = session.data;
  if (!staff || pathname === '/staff/signin')
    return (
      <Shell area="staff">
        <SignIn staff />
      </Shell>
    );
  if (mfaEnrolmentRequired) {
    return (
      <Shell area="staff">
        <StaffTwoFactor mustEnrol onChange={() => void queries.invalidateQueries(staffSession)} />
      </Shell>
    );
  }
  return (
    <Shell area="staff" sub={<StaffNav />}>
      <Outlet />
    </Shell>
  );
}
