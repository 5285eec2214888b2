import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { Fragment, useState } from 'react';
import { call, client, type ResponseOf } from '../../api';
import { useI18n } from '../../i18n';
import { Card, Table } from '../../ui/ui';
import { OrderActions } from './OrderActions';
import { audited, shopKey, useMoney, useSharedWords, useWords } from './shared';

export type Order = ResponseOf<'/api/v1/shops/{shopId}/orders/{orderId}', 'get'>;
type Address = Order['shippingAddress'];

const words = {
  en: {
    title: (name: string) => `Order ${name}`,
    back: 'All orders',
    summary: 'Summary',
    status: 'Status',
    placed: 'Placed',
    customer: 'Customer',
    email: 'Email',
    tracking: 'Tracking number',
    lines: 'Items',
    product: 'Product',
    sku: 'SKU',
    quantity: 'Quantity',
    unit: 'Unit price',
    vat: 'VAT',
    line: 'Total',
    totals: 'Totals',
    subtotal: 'Subtotal',
    shipping: (zone: string) => `Shipping (${zone})`,
    vatAt: (rate: number) => `of which VAT at ${rate} %`,
    total: 'Total',
    refunded: 'Refunded',
    addresses: 'Addresses',
    shipTo: 'Shipping address',
    billTo: 'Billing address',
    payment: 'Payment',
    method: 'Method',
    card: 'Card',
    multibanco: 'Multibanco',
    reference: 'Gateway reference',
    mbEntity: 'Entity',
    mbReference: 'Reference',
    mbExpires: 'Pay by',
    timeline: 'Timeline',
    by: (actor: string) => `by ${actor}`,
    events: {
      placed: 'Order placed',
      paid: 'Paid',
      awaiting_payment: 'Awaiting payment',
      fulfilled: 'Sent',
      cancelled: 'Cancelled',
      refunded: 'Refunded',
      paid_after_cancellation: 'Paid after it was cancelled',
      expired: 'Payment deadline passed',
      payment_unconfirmed: 'Payment never confirmed',
      payment_failed: 'Payment failed',
    } as Record<string, string>,
  },
  'pt-PT': {
    title: (name: string) => `Encomenda ${name}`,
    back: 'Todas as encomendas',
    summary: 'Resumo',
    status: 'Estado',
    placed: 'Feita em',
    customer: 'Cliente',
    email: 'Email',
    tracking: 'Número de seguimento',
    lines: 'Artigos',
    product: 'Produto',
    sku: 'SKU',
    quantity: 'Quantidade',
    unit: 'Preço unitário',
    vat: 'IVA',
    line: 'Total',
    totals: 'Totais',
    subtotal: 'Subtotal',
    shipping: (zone: string) => `Envio (${zone})`,
    vatAt: (rate: number) => `dos quais IVA à taxa de ${rate} %`,
    total: 'Total',
    refunded: 'Reembolsado',
    addresses: 'Moradas',
    shipTo: 'Morada de envio',
    billTo: 'Morada de faturação',
    payment: 'Pagamento',
    method: 'Meio',
    card: 'Cartão',
    multibanco: 'Multibanco',
    reference: 'Referência do processador',
    mbEntity: 'Entidade',
    mbReference: 'Referência',
    mbExpires: 'Pagar até',
    timeline: 'Histórico',
    by: (actor: string) => `por ${actor}`,
    events: {
      placed: 'Encomenda feita',
      paid: 'Paga',
      awaiting_payment: 'A aguardar pagamento',
      fulfilled: 'Enviada',
      cancelled: 'Cancelada',
      refunded: 'Reembolsada',
      paid_after_cancellation: 'Paga depois de cancelada',
      expired: 'Prazo de pagamento ultrapassado',
      payment_unconfirmed: 'Pagamento nunca confirmado',
      payment_failed: 'Pagamento recusado',
    } as Record<string, string>,
  },
} as const;

function AddressBlock({ a }: { a: Address }) {
  return (
    <address>
      {a.firstName} {a.lastName}
      <br />
      {a.line1}
      {a.line2 && (
        <>
          <br />
          {a.line2}
        </>
      )}
      <br />
      {a.postalCode} {a.city}, {a.country}
      {a.phone && (
        <>
          <br />
          {a.phone}
        </>
      )}
    </address>
  );
}

/** One order: lines, totals, addresses, payment and timeline, with what can be done to it. */
export function OrderDetail() {
  const { t, formatDate } = useI18n();
  const w = useWords(words);
  const shared = useSharedWords();
  const money = useMoney();
  const queries = useQueryClient();
  const { shopId, orderId } = useParams({ from: '/account/shops/$shopId/orders/$orderId' });
  const key = shopKey(shopId, 'order', orderId);
  const [updated, setUpdated] = useState<Order | null>(null);
  const found = useQuery({
    queryKey: key,
    queryFn: () =>
      call(client.GET('/api/v1/shops/{shopId}/orders/{orderId}', { params: { path: { shopId, orderId } } })),
    ...audited,
  });
  const o = updated ?? found.data;
  if (!o) return <p>{found.error ? found.error.message : t('common.loading')}</p>;
  const m = (cents: number) => money(cents, o.currency);
  const changed = async (next: Order) => {
    // The action's answer is the order as it now is: shown at once, without reading it again.
    setUpdated(next);
    await queries.invalidateQueries({
      predicate: (q) => ['orders', 'summary', 'shoppers', 'shopper'].includes(String(q.queryKey[2])),
    });
  };
  return (
    <>
      <p>
        <Link to="/account/shops/$shopId/orders" params={{ shopId }}>
          ← {w.back}
        </Link>
      </p>
      <h1>{w.title(o.name)}</h1>
      <div className="columns">
        <Card title={w.summary}>
          <dl className="facts">
            <dt>{w.status}</dt>
            <dd>
              <span className={`badge badge-${o.status}`}>{shared.orderStatus[o.status]}</span>
            </dd>
            <dt>{w.placed}</dt>
            <dd>{formatDate(o.createdAt)}</dd>
            <dt>{w.customer}</dt>
            <dd>{o.customerName}</dd>
            <dt>{w.email}</dt>
            <dd>{o.email ?? '—'}</dd>
            {o.trackingNumber && (
              <>
                <dt>{w.tracking}</dt>
                <dd>{o.trackingNumber}</dd>
              </>
            )}
          </dl>
        </Card>
        <OrderActions key={`${o.status}:${o.refundedCents}`} shopId={shopId} order={o} onChanged={changed} />
      </div>
      <Card title={w.lines}>
        <Table
          caption={w.lines}
          head={[w.product, w.sku, w.quantity, w.unit, w.vat, w.line]}
          rows={o.lines.map((l) => [
            <span key="p">
              {l.productTitle}
              {l.variantTitle && <span className="muted"> — {l.variantTitle}</span>}
            </span>,
            l.sku,
            l.quantity,
            m(l.unitPriceCents),
            `${l.vatRate} %`,
            m(l.lineTotalCents),
          ])}
        />
        <h3>{w.totals}</h3>
        <dl className="facts totals">
          <dt>{w.subtotal}</dt>
          <dd>{m(o.totals.subtotalCents)}</dd>
          <dt>{w.shipping(o.shippingZone)}</dt>
          <dd>{m(o.totals.shippingCents)}</dd>
          <dt>
            <strong>{w.total}</strong>
          </dt>
          <dd>
            <strong>{m(o.totals.totalCents)}</strong>
          </dd>
          {o.totals.vat.map((v) => (
            <Fragment key={v.rate}>
              <dt>{w.vatAt(v.rate)}</dt>
              <dd>{m(v.vatCents)}</dd>
            </Fragment>
          ))}
          {o.refundedCents > 0 && (
            <>
              <dt>{w.refunded}</dt>
              <dd>{m(o.refundedCents)}</dd>
            </>
          )}
        </dl>
      </Card>
      <div className="columns">
        <Card title={w.addresses}>
          <h3>{w.shipTo}</h3>
          <AddressBlock a={o.shippingAddress} />
          <h3>{w.billTo}</h3>
          <AddressBlock a={o.billingAddress} />
        </Card>
        <Card title={w.payment}>
          <dl className="facts">
            <dt>{w.method}</dt>
            <dd>
              {o.payment.method === 'card'
                ? `${w.card}${o.payment.brand ? ` ${o.payment.brand}` : ''}${o.payment.last4 ? ` •••• ${o.payment.last4}` : ''}`
                : w.multibanco}
            </dd>
            {o.payment.gatewayRef && (
              <>
                <dt>{w.reference}</dt>
                <dd>
                  <code>{o.payment.gatewayRef}</code>
                </dd>
              </>
            )}
            {o.payment.multibanco && (
              <>
                <dt>{w.mbEntity}</dt>
                <dd>{o.payment.multibanco.entity}</dd>
                <dt>{w.mbReference}</dt>
                <dd>{o.payment.multibanco.reference}</dd>
                <dt>{w.mbExpires}</dt>
                <dd>{formatDate(o.payment.multibanco.expiresAt)}</dd>
              </>
            )}
          </dl>
        </Card>
      </div>
      <Card title={w.timeline}>
        <ol className="timeline">
          {o.timeline.map((e, i) => (
            <li key={i}>
              <strong>{w.events[e.kind] ?? e.kind}</strong> <span className="muted">{formatDate(e.at)}</span>{' '}
              <span className="muted">{w.by(e.actor)}</span>
              {Object.entries(e.data).filter(([, v]) => v !== null).length > 0 && (
                <span className="event-data">
                  {' '}
                  {Object.entries(e.data)
                    .filter(([, v]) => v !== null)
                    .map(([k, v]) => (typeof v === 'number' && /cents$/i.test(k) ? `${k}: ${m(v)}` : `${k}: ${v}`))
                    .join(' · ')}
                </span>
              )}
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}
