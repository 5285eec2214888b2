import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { call, client } from '../../api';
import { useI18n } from '../../i18n';
import { useActing } from '../../session';
import { Card, Table } from '../../ui/ui';
import { shopKey, useMoney, useShop, useWords } from './shared';

const words = {
  en: {
    title: 'Shop home',
    today: 'Today',
    month: 'This month',
    orders: 'Orders',
    revenue: 'Takings',
    revenueHint: 'Paid, less refunds, in Lisbon days.',
    toFulfil: 'Orders to send',
    awaiting: 'Orders awaiting payment',
    seeOrders: 'See them',
    lowStock: 'Low stock',
    lowStockText: 'Variants with 3 units or fewer.',
    noLowStock: 'No variant is running low.',
    product: 'Product',
    sku: 'SKU',
    stock: 'In stock',
    edit: (title: string, sku: string) => `Edit ${title} (${sku})`,
    noFigures: 'The shop’s figures come with the orders, which your permissions on this account do not include.',
  },
  'pt-PT': {
    title: 'Início da loja',
    today: 'Hoje',
    month: 'Este mês',
    orders: 'Encomendas',
    revenue: 'Receita',
    revenueHint: 'Pago, menos reembolsos, em dias de Lisboa.',
    toFulfil: 'Encomendas a enviar',
    awaiting: 'Encomendas a aguardar pagamento',
    seeOrders: 'Ver',
    lowStock: 'Stock baixo',
    lowStockText: 'Variantes com 3 unidades ou menos.',
    noLowStock: 'Nenhuma variante está a acabar.',
    product: 'Produto',
    sku: 'SKU',
    stock: 'Em stock',
    edit: (title: string, sku: string) => `Editar ${title} (${sku})`,
    noFigures: 'Os números da loja vêm das encomendas, que as suas permissões nesta conta não incluem.',
  },
} as const;

/** The back office's first page: the day's and the month's figures, what to send, what runs low. */
export function ShopHome() {
  const { t, locale } = useI18n();
  const w = useWords(words);
  const money = useMoney();
  const { shopId } = useParams({ from: '/account/shops/$shopId/' });
  const acting = useActing();
  // The figures are the orders' (`orders`); the currency and the products are the shop's (`shops`).
  const readsOrders = acting.can('orders');
  const editsProducts = acting.can('shops');
  const currency = useShop(shopId, editsProducts).data?.currency ?? 'EUR';
  const summary = useQuery({
    queryKey: shopKey(shopId, 'summary'),
    queryFn: () => call(client.GET('/api/v1/shops/{shopId}/summary', { params: { path: { shopId } } })),
    enabled: readsOrders,
  });
  const number = new Intl.NumberFormat(locale);
  const s = summary.data;
  return (
    <>
      <h1>{w.title}</h1>
      {!readsOrders ? (
        <p className="muted">{w.noFigures}</p>
      ) : !s ? (
        <p>{summary.error ? summary.error.message : t('common.loading')}</p>
      ) : (
        <>
          <div className="stats">
            {(
              [
                [w.today, s.today],
                [w.month, s.month],
              ] as const
            ).map(([label, figures]) => (
              <section className="card stat" key={label}>
                <h2>{label}</h2>
                <dl className="facts">
                  <dt>{w.orders}</dt>
                  <dd className="stat-figure">{number.format(figures.orders)}</dd>
                  <dt>{w.revenue}</dt>
                  <dd className="stat-figure">{money(figures.revenueCents, currency)}</dd>
                </dl>
              </section>
            ))}
            <section className="card stat">
              <h2>{w.toFulfil}</h2>
              <p className="stat-figure">{number.format(s.ordersToFulfil)}</p>
              <Link to="/account/shops/$shopId/orders" params={{ shopId }} search={{ status: 'paid' }}>
                {w.seeOrders}
                <span className="sr-only">: {w.toFulfil}</span>
              </Link>
            </section>
            <section className="card stat">
              <h2>{w.awaiting}</h2>
              <p className="stat-figure">{number.format(s.ordersAwaitingPayment)}</p>
              <Link to="/account/shops/$shopId/orders" params={{ shopId }} search={{ status: 'pending_payment' }}>
                {w.seeOrders}
                <span className="sr-only">: {w.awaiting}</span>
              </Link>
            </section>
          </div>
          <p className="muted">{w.revenueHint}</p>
          <Card title={w.lowStock}>
            <p className="muted">{w.lowStockText}</p>
            <Table
              caption={w.lowStock}
              head={[w.product, w.sku, w.stock]}
              empty={w.noLowStock}
              rows={s.lowStock.map((v) => [
                editsProducts ? (
                  <Link
                    key={v.variantId}
                    to="/account/shops/$shopId/products/$productId"
                    params={{ shopId, productId: v.productId }}
                    aria-label={w.edit(v.title, v.sku)}
                  >
                    {v.title}
                  </Link>
                ) : (
                  v.title
                ),
                v.sku,
                number.format(v.stock),
              ])}
            />
          </Card>
        </>
      )}
    </>
  );
}
