import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useI18n } from '../../i18n';
import { staffSession } from '../../session';
import { useWords } from '../shop/shared';

// The newer pages keep their words beside them, as the back office does, not in the shared catalogue.
const words = {
  en: { shopRequests: 'Shops with overdue requests', outbox: 'Outbox', billing: 'Billing' },
  'pt-PT': { shopRequests: 'Lojas com pedidos em atraso', outbox: 'Caixa de saída', billing: 'Faturação' },
} as const;

export function StaffNav() {
  const { t } = useI18n();
  const w = useWords(words);
  // The outbox is open to support and admin staff only (the server says 403 to the others).
  const roles = useQuery(staffSession).data?.staff?.roles ?? [];
  const readsMail = roles.some((r) => r === 'support' || r === 'admin');
  // Billing documents likewise: billing and admin staff only.
  const bills = roles.some((r) => r === 'billing' || r === 'admin');
  return (
    <nav aria-label={t('staff.nav')} className="subnav">
      <Link to="/staff/accounts">{t('staff.accounts')}</Link>
      <Link to="/staff/blocks">{t('staff.blocks')}</Link>
      <Link to="/staff/requests">{t('staff.requests')}</Link>
      <Link to="/staff/shop-requests">{w.shopRequests}</Link>
      <Link to="/staff/processors">{t('processors.title')}</Link>
      {readsMail && <Link to="/staff/outbox">{w.outbox}</Link>}
      {bills && <Link to="/staff/billing">{w.billing}</Link>}
      <Link to="/staff/audit">{t('staff.audit')}</Link>
      <Link to="/staff/two-factor">{t('staff.twoFactor')}</Link>
    </nav>
  );
}
