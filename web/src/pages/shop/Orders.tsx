import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { call, client } from '../../api';
import { useI18n } from '../../i18n';
import { Button, Card, Field, SelectField, Table } from '../../ui/ui';
import { audited, Pager, shopKey, useMoney, useSharedWords, useWords } from './shared';

const words = {
  en: {
    title: 'Orders',
    filters: 'Find orders',
    search: 'Order number or email',
    status: 'Status',
    anyStatus: 'Any status',
    from: 'Placed from',
    to: 'Placed until',
    apply: 'Show',
    none: 'No order matches.',
    order: 'Order',
    date: 'Placed',
    customer: 'Customer',
    total: 'Total',
    count: (n: number) => (n === 1 ? '1 order' : `${n} orders`),
    open: (name: string) => `Order ${name}`,
  },
  'pt-PT': {
    title: 'Encomendas',
    filters: 'Procurar encomendas',
    search: 'Número da encomenda ou email',
    status: 'Estado',
    anyStatus: 'Qualquer estado',
    from: 'Feitas desde',
    to: 'Feitas até',
    apply: 'Mostrar',
    none: 'Nenhuma encomenda corresponde.',
    order: 'Encomenda',
    date: 'Data',
    customer: 'Cliente',
    total: 'Total',
    count: (n: number) => (n === 1 ? '1 encomenda' : `${n} encomendas`),
    open: (name: string) => `Encomenda ${name}`,
  },
} as const;

const perPage = 20;
const statuses = ['pending_payment', 'paid', 'fulfilled', 'cancelled', 'refunded'] as const;

/** The shop's orders, newest first: status, days and a number or email from the address; paginated. */
export function Orders() {
  const { t, formatDate } = useI18n();
  const w = useWords(words);
  const shared = useSharedWords();
  const money = useMoney();
  const { shopId } = useParams({ from: '/account/shops/$shopId/orders' });
  const search = useSearch({ from: '/account/shops/$shopId/orders' });
  const navigate = useNavigate({ from: '/account/shops/$shopId/orders' });
  const list = useQuery({
    queryKey: shopKey(shopId, 'orders', search),
    queryFn: () =>
      call(
        client.GET('/api/v1/shops/{shopId}/orders', { params: { path: { shopId }, query: { ...search, perPage } } }),
      ),
    placeholderData: keepPreviousData,
    ...audited,
  });
  const [draft, setDraft] = useState({
    q: search.q ?? '',
    status: search.status ?? '',
    from: search.from ?? '',
    to: search.to ?? '',
  });
  const set = (k: keyof typeof draft) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [k]: e.target.value }));
  const apply = (e: FormEvent) => {
    e.preventDefault();
    void navigate({ search: Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== '')) as typeof search });
  };
  const data = list.data;
  return (
    <>
      <h1>{w.title}</h1>
      <Card title={w.filters}>
        <form role="search" aria-label={w.filters} onSubmit={apply} className="filters">
          <Field label={w.search} type="search" value={draft.q} onChange={set('q')} />
          <SelectField
            label={w.status}
            placeholder={w.anyStatus}
            value={draft.status}
            onChange={set('status')}
            options={statuses.map((s) => ({ value: s, label: shared.orderStatus[s] }))}
          />
          <Field label={w.from} type="date" value={draft.from} onChange={set('from')} />
          <Field label={w.to} type="date" value={draft.to} onChange={set('to')} />
          <Button type="submit">{w.apply}</Button>
        </form>
      </Card>
      <Card>
        {!data ? (
          <p>{list.error ? list.error.message : t('common.loading')}</p>
        ) : (
          <>
            <p className="muted" role="status">
              {w.count(data.total)}
            </p>
            <Table
              caption={w.title}
              head={[w.order, w.date, w.customer, w.status, w.total]}
              empty={w.none}
              rows={data.items.map((o) => [
                <Link
                  key={o.id}
                  to="/account/shops/$shopId/orders/$orderId"
                  params={{ shopId, orderId: o.id }}
                  aria-label={w.open(o.name)}
                >
                  {o.name}
                </Link>,
                formatDate(o.createdAt),
                <span key="c">
                  {o.customerName}
                  {o.email && (
                    <>
                      <br />
                      <span className="muted">{o.email}</span>
                    </>
                  )}
                </span>,
                <span key="s" className={`badge badge-${o.status}`}>
                  {shared.orderStatus[o.status]}
                </span>,
                money(o.totalCents, o.currency),
              ])}
            />
            <Pager
              page={search.page ?? 1}
              perPage={perPage}
              total={data.total}
              onPage={(page) => void navigate({ search: (s) => ({ ...s, page: page > 1 ? page : undefined }) })}
            />
          </>
        )}
      </Card>
    </>
  );
}
