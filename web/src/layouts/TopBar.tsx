import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { call, client } from '../api';
import { locales, useI18n, type Locale } from '../i18n';
import { customerSession, staffSession } from '../session';

function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <label className="lang">
      <span className="sr-only">{t('nav.language')}</span>
      <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)} aria-label={t('nav.language')}>
        {Object.entries(locales).map(([k, v]) => (
          <option key={k} value={k} lang={k}>
            {v.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export type Area = 'public' | 'account' | 'staff';

/** The header every area shares: brand, main links, sign in/out, language. */
export function TopBar({ area }: { area: Area }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const customer = useQuery({ ...customerSession, enabled: area !== 'staff' });
  const staff = useQuery({ ...staffSession, enabled: area === 'staff' });
  const signedIn = area === 'staff' ? Boolean(staff.data?.staff) : Boolean(customer.data?.account);

  const signOut = async () => {
    await call(area === 'staff' ? client.POST('/api/v1/staff/auth/logout') : client.POST('/api/v1/auth/logout'));
    // Nothing of the signed-out person's data stays in the cache for the next one at this screen.
    queries.clear();
    await navigate({ to: area === 'staff' ? '/staff/signin' : '/' });
  };

  return (
    <>
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        {area === 'staff' ? (
          <Link to="/staff/accounts" className="brand">
            SellRocket · {t('staff.nav')}
          </Link>
        ) : (
          <Link to="/" className="brand">
            SellRocket
          </Link>
        )}
        <nav aria-label={t('nav.main')} className="mainnav">
          {area !== 'staff' && (
            <>
              <Link to="/plans">{t('nav.plans')}</Link>
              <Link to="/privacy" activeOptions={{ exact: true }}>
                {t('nav.privacy')}
              </Link>
              <Link to="/contact">{t('nav.contact')}</Link>
            </>
          )}
          {signedIn ? (
            <>
              {area === 'public' && <Link to="/account">{t('nav.account')}</Link>}
              <button className="linklike" onClick={() => void signOut()}>
                {t('nav.signOut')}
              </button>
            </>
          ) : (
            area !== 'staff' && (
              <>
                <Link to="/signin">{t('nav.signIn')}</Link>
                <Link to="/signup" className="btn btn-primary btn-small">
                  {t('nav.signUp')}
                </Link>
              </>
            )
          )}
          <LanguageSwitch />
        </nav>
      </header>
    </>
  );
}

export function Footer() {
  const { t } = useI18n();
  return (
    <footer className="footer">
      <Link to="/privacy" activeOptions={{ exact: true }}>
        {t('nav.privacy')}
      </Link>{' '}
      ·{' '}
      <Link to="/privacy/request" activeOptions={{ exact: true }}>
        {t('publicRequest.link')}
      </Link>{' '}
      · <Link to="/terms">{t('terms.title')}</Link> · <Link to="/contact">{t('nav.contact')}</Link>
    </footer>
  );
}
