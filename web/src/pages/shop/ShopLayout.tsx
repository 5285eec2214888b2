import { Link, Outlet, useParams } from '@tanstack/react-router';
import { ApiError } from '../../api';
import { useI18n } from '../../i18n';
import { Alert } from '../../ui/ui';
import { useShop, useWords } from './shared';

// The back office's sections after its home, in the order the navigation shows them.
const sections = ['products', 'orders', 'shoppers', 'privacy', 'theme', 'settings', 'plan'] as const;

const words = {
  en: {
    shops: 'Your shops',
    nav: 'Shop back office',
    home: 'Home',
    products: 'Products',
    orders: 'Orders',
    shoppers: 'Shoppers',
    privacy: 'Privacy requests',
    theme: 'Theme',
    settings: 'Settings',
    plan: 'Plan',
    visit: 'View the shop',
    notFound: 'This shop is not one of yours.',
    statuses: { active: 'Open', suspended: 'Suspended', closed: 'Closed' },
  },
  'pt-PT': {
    shops: 'As suas lojas',
    nav: 'Gestão da loja',
    home: 'Início',
    products: 'Produtos',
    orders: 'Encomendas',
    shoppers: 'Clientes',
    privacy: 'Pedidos de privacidade',
    theme: 'Tema',
    settings: 'Definições',
    plan: 'Plano',
    visit: 'Ver a loja',
    notFound: 'Esta loja não é sua.',
    statuses: { active: 'Aberta', suspended: 'Suspensa', closed: 'Fechada' },
  },
} as const;

/** The frame of one shop's back office: where it is, its status, and the shop's own navigation. */
export function ShopLayout() {
  const { t } = useI18n();
  const w = useWords(words);
  const { shopId } = useParams({ from: '/account/shops/$shopId' });
  const shop = useShop(shopId);
  if (shop.error)
    return (
      <Alert kind="error">
        {shop.error instanceof ApiError && shop.error.status === 404 ? w.notFound : shop.error.message}
      </Alert>
    );
  const params = { shopId };
  return (
    <>
      <div className="shop-head">
        <p className="crumbs">
          <Link to="/account/shops">{w.shops}</Link> <span aria-hidden="true">›</span>{' '}
          <strong>{shop.data?.name ?? t('common.loading')}</strong>
          {shop.data && <span className={`badge badge-${shop.data.status}`}>{w.statuses[shop.data.status]}</span>}
        </p>
        {shop.data && (
          <a href={shop.data.url} target="_blank" rel="noreferrer">
            {w.visit}
          </a>
        )}
      </div>
      <nav aria-label={w.nav} className="shopnav">
        <Link to="/account/shops/$shopId" params={params} activeOptions={{ exact: true }}>
          {w.home}
        </Link>
        {sections.map((section) => (
          <Link key={section} to={`/account/shops/$shopId/${section}`} params={params}>
            {w[section]}
          </Link>
        ))}
      </nav>
      <Outlet />
    </>
  );
}
