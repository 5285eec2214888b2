import { Link } from '@tanstack/react-router';
import { useI18n } from '../../i18n';

export function AccountNav() {
  const { t } = useI18n();
  return (
    <nav aria-label={t('account.nav')} className="subnav">
      <Link to="/account" activeOptions={{ exact: true }}>
        {t('account.overview')}
      </Link>
      <Link to="/account/profile">{t('account.profile')}</Link>
      <Link to="/account/security">{t('account.security')}</Link>
      <Link to="/account/privacy">{t('account.privacy')}</Link>
      <Link to="/account/shops">{t('account.shops')}</Link>
      <Link to="/account/emails">{t('account.emails')}</Link>
      <Link to="/account/invoices">{t('account.invoices')}</Link>
    </nav>
  );
}
