import { Link } from '@tanstack/react-router';
import { useI18n } from '../../i18n';

export function StaffNav() {
  const { t } = useI18n();
  return (
    <nav aria-label={t('staff.nav')} className="subnav">
      <Link to="/staff/accounts">{t('staff.accounts')}</Link>
      <Link to="/staff/blocks">{t('staff.blocks')}</Link>
      <Link to="/staff/requests">{t('staff.requests')}</Link>
      <Link to="/staff/processors">{t('processors.title')}</Link>
      <Link to="/staff/audit">{t('staff.audit')}</Link>
      <Link to="/staff/two-factor">{t('staff.twoFactor')}</Link>
    </nav>
  );
}
