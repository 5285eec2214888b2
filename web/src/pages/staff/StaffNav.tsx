import { Link } from '@tanstack/react-router';
import { useI18n } from '../../i18n';
import { useWords } from '../shop/shared';

// The newer pages keep their words beside them, as the back office does, not in the shared catalogue.
const words = {
  en: { shopRequests: 'Shops with overdue requests' },
  'pt-PT': { shopRequests: 'Lojas com pedidos em atraso' },
} as const;

export function StaffNav() {
  const { t } = useI18n();
  const w = useWords(words);
  return (
    <nav aria-label={t('staff.nav')} className="subnav">
      <Link to="/staff/accounts">{t('staff.accounts')}</Link>
      <Link to="/staff/blocks">{t('staff.blocks')}</Link>
      <Link to="/staff/requests">{t('staff.requests')}</Link>
      <Link to="/staff/shop-requests">{w.shopRequests}</Link>
      <Link to="/staff/processors">{t('processors.title')}</Link>
      <Link to="/staff/audit">{t('staff.audit')}</Link>
      <Link to="/staff/two-factor">{t('staff.twoFactor')}</Link>
    </nav>
  );
}
