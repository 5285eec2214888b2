import { Link, Outlet, useParams } from '@tanstack/react-router';
import { ApiError, type Permission } from '../../api';
import { useI18n } from '../../i18n';
import { useActing } from '../../session';
import { Alert } from '../../ui/ui';
import { useShop, useWords } from './shared';

// The back office's sections after its home, in the order the navigation shows them, each with the
// permission its page needs on the account worked on (its owner holds them all).
const sections = [
  ['products', 'shops'],
  ['orders', 'orders'],
  ['shoppers', 'orders'],
  ['privacy', 'shopper-privacy'],
  ['theme', 'shops'],
  ['settings', 'shops'],
  ['plan', 'shops'],
] as const satisfies readonly (readonly [string, Permission])[];

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
    thisShop: 'This shop',
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
    thisShop: 'Esta loja',
    notFound: 'Esta loja não é sua.',
    statuses: { active: 'Aberta', suspended: 'Suspensa', closed: 'Fechada' },
  },
} as const;

/**
 * The frame of one shop's back office: where it is, its status, and the shop's own navigation, with
 * only the sections the person may open on the account worked on. Without `shops` the shop's own
 * details (its name, status, address) are not theirs to read.
 */
export function ShopLayout() {
  const { t } = useI18n();
  const w = useWords(words);
  const acting = useActing();
  const { shopId } = useParams({ from: '/account/shops/$shopId' });
  const readsShop = acting.can('shops');
  const shop = useShop(shopId, readsShop);
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
          {readsShop && (
            <>
              <Link to="/account/shops">{w.shops}</Link> <span aria-hidden="true">›</span>{' '}
            </>
          )}
          <strong>{shop.data?.name ?? (readsShop ? t('common.loading') : w.thisShop)}</strong>
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
        {sections.map(
          ([section, needs]) =>
            acting.can(needs) && (
              <Link key={section} to={`/account/shops/$shopId/${section}`} params={params}>
                {w[section]}
              </Link>
            ),
        )}
      </nav>
      <Outlet />
    </>
  );
}
