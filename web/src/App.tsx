import { useEffect, useState, type ReactNode } from 'react';
import { api, type Account, type Staff } from './api';
import { locales, useI18n, type Locale } from './i18n';
import { AccountNav, Overview, Privacy, Profile, Security } from './pages/account/AccountPages';
import { TwoFactor } from './pages/account/TwoFactor';
import { Contact, Home, NotFound, Plans } from './pages/public/PublicPages';
import { PrivacyPolicy } from './pages/public/PrivacyPolicy';
import { DownloadPublicAnswer, PublicRequest, VerifyPublicRequest } from './pages/public/PublicRequest';
import { TermsPage } from './pages/public/Terms';
import { SignIn } from './pages/public/SignIn';
import { SignUp } from './pages/public/SignUp';
import { StaffAccount, StaffAccounts, StaffAudit, StaffBlocks, StaffNav } from './pages/staff/StaffPages';
import { StaffRequest, StaffRequests } from './pages/staff/StaffRequests';
import { StaffProcessors } from './pages/staff/StaffProcessors';
import { Link, match, useRouter } from './router';
import { Alert } from './ui/ui';

function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <label className="lang">
      <span className="sr-only">{t('nav.language')}</span>
      <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)} aria-label={t('nav.language')}>
        {Object.entries(locales).map(([k, v]) => <option key={k} value={k} lang={k}>{v.label}</option>)}
      </select>
    </label>
  );
}

export function App() {
  const { t } = useI18n();
  const { path, navigate } = useRouter();
  const [account, setAccount] = useState<Account | null | undefined>(undefined);
  const [staff, setStaff] = useState<Staff | null | undefined>(undefined);
  const [staffMfaOk, setStaffMfaOk] = useState(true);
  const area = path.startsWith('/staff') ? 'staff' : path.startsWith('/account') ? 'account' : 'public';

  useEffect(() => {
    if (area === 'staff') {
      if (staff === undefined) void api<{ staff: Staff | null; mfaEnrolmentRequired: boolean }>('GET', '/api/v1/staff/auth/session').then((r) => { setStaff(r.staff); setStaffMfaOk(!r.mfaEnrolmentRequired); });
    } else if (account === undefined) {
      void api<{ account: Account | null }>('GET', '/api/v1/auth/session').then((r) => setAccount(r.account));
    }
  }, [area]);

  useEffect(() => { document.title = `SellRocket`; }, [path]);

  const signOut = async () => {
    if (area === 'staff') { await api('POST', '/api/v1/staff/auth/logout'); setStaff(null); navigate('/staff/signin'); }
    else { await api('POST', '/api/v1/auth/logout'); setAccount(null); navigate('/'); }
  };

  let page: ReactNode;
  let sub: ReactNode = null;
  if (area === 'account') {
    if (account === undefined) page = <p>{t('common.loading')}</p>;
    else if (!account) { page = <SignIn<Account> onSignedIn={setAccount} />; }
    else {
      sub = <AccountNav />;
      page = path === '/account/profile' ? <Profile account={account} onUpdated={setAccount} />
        : path === '/account/security' ? <Security />
        : path === '/account/privacy' ? <Privacy account={account} onUpdated={setAccount} />
        : <Overview account={account} />;
    }
  } else if (area === 'staff') {
    const detail = match('/staff/accounts/:id', path);
    const requestDetail = match('/staff/requests/:id', path);
    if (staff === undefined) page = <p>{t('common.loading')}</p>;
    else if (!staff || path === '/staff/signin') page = <SignIn<Staff> staff onSignedIn={(s) => { setStaff(s); setStaffMfaOk(true); void api<{ mfaEnrolmentRequired: boolean }>('GET', '/api/v1/staff/auth/session').then((r) => setStaffMfaOk(!r.mfaEnrolmentRequired)); }} />;
    else if (!staffMfaOk || path === '/staff/two-factor') {
      sub = staffMfaOk ? <StaffNav /> : null;
      page = <>{!staffMfaOk && <Alert kind="error">{t('staff.mustEnrol')}</Alert>}<h1>{t('staff.twoFactor')}</h1><TwoFactor base="/api/v1/staff/mfa" onChange={(on) => setStaffMfaOk(on || !staff.mfaRequired)} /></>;
    } else {
      sub = <StaffNav />;
      page = detail ? <StaffAccount id={detail.id!} /> : requestDetail ? <StaffRequest id={requestDetail.id!} /> : path === '/staff/blocks' ? <StaffBlocks /> : path === '/staff/audit' ? <StaffAudit /> : path === '/staff/requests' ? <StaffRequests /> : path === '/staff/processors' ? <StaffProcessors /> : <StaffAccounts />;
    }
  } else {
    page = path === '/' ? <Home />
      : path === '/plans' ? <Plans />
      : path === '/privacy' ? <PrivacyPolicy />
      : path === '/terms' ? <TermsPage />
      : path === '/privacy/request' ? <PublicRequest />
      : path === '/privacy/request/verify' ? <VerifyPublicRequest />
      : path === '/privacy/request/download' ? <DownloadPublicAnswer />
      : path === '/contact' ? <Contact />
      : path === '/signup' ? <SignUp onSignedIn={setAccount} />
      : path === '/signin' ? <SignIn<Account> onSignedIn={setAccount} />
      : <NotFound />;
  }

  const signedIn = area === 'staff' ? Boolean(staff) : Boolean(account);
  return (
    <>
      <a className="skip" href="#main">{t('nav.skip')}</a>
      <header className="topbar">
        <Link to={area === 'staff' ? '/staff/accounts' : '/'} className="brand">SellRocket{area === 'staff' ? ` · ${t('staff.nav')}` : ''}</Link>
        <nav aria-label={t('nav.main')} className="mainnav">
          {area !== 'staff' && <>
            <Link to="/plans">{t('nav.plans')}</Link>
            <Link to="/privacy">{t('nav.privacy')}</Link>
            <Link to="/contact">{t('nav.contact')}</Link>
          </>}
          {signedIn ? <>
            {area === 'public' && <Link to="/account">{t('nav.account')}</Link>}
            <button className="linklike" onClick={() => void signOut()}>{t('nav.signOut')}</button>
          </> : area !== 'staff' && <>
            <Link to="/signin">{t('nav.signIn')}</Link>
            <Link to="/signup" className="btn btn-primary btn-small">{t('nav.signUp')}</Link>
          </>}
          <LanguageSwitch />
        </nav>
      </header>
      {sub}
      <main id="main" tabIndex={-1}>{page}</main>
      <footer className="footer"><Link to="/privacy">{t('nav.privacy')}</Link> · <Link to="/privacy/request">{t('publicRequest.link')}</Link> · <Link to="/terms">{t('terms.title')}</Link> · <Link to="/contact">{t('nav.contact')}</Link></footer>
    </>
  );
}
