import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { call, client } from '../../api';
import { useI18n } from '../../i18n';
import { useActing } from '../../session';
import { Alert, Button, Card, Field, Table } from '../../ui/ui';
import { audited, Pager, shopKey, useMoney, useShop, useWords } from './shared';

const words = {
  en: {
    title: 'Shoppers',
    text: 'People who ordered from this shop. Your shop is their data’s controller; each view of their details is recorded in your access log.',
    search: 'Search by email',
    apply: 'Search',
    none: 'No shopper matches.',
    email: 'Email',
    orders: 'Orders',
    spent: 'Spent',
    last: 'Last order',
    count: (n: number) => (n === 1 ? '1 shopper' : `${n} shoppers`),
  },
  'pt-PT': {
    title: 'Clientes',
    text: 'Quem encomendou nesta loja. A sua loja é a responsável pelos dados dessas pessoas; cada consulta dos seus dados fica registada no seu histórico de acessos.',
    search: 'Procurar por email',
    apply: 'Procurar',
    none: 'Nenhum cliente corresponde.',
    email: 'Email',
    orders: 'Encomendas',
    spent: 'Gasto',
    last: 'Última encomenda',
    count: (n: number) => (n === 1 ? '1 cliente' : `${n} clientes`),
  },
} as const;

const perPage = 20;

/** The shop's shoppers, latest buyers first; search by email. */
export function Shoppers() {
  const { t, formatDate } = useI18n();
  const w = useWords(words);
  const money = useMoney();
  const { shopId } = useParams({ from: '/account/shops/$shopId/shoppers' });
  const search = useSearch({ from: '/account/shops/$shopId/shoppers' });
  const navigate = useNavigate({ from: '/account/shops/$shopId/shoppers' });
  // The shop's currency is in its details, which only `shops` may read.
  const currency = useShop(shopId, useActing().can('shops')).data?.currency ?? 'EUR';
  const [draft, setDraft] = useState(search.q ?? '');
  const list = useQuery({
    queryKey: shopKey(shopId, 'shoppers', search),
    queryFn: () =>
      call(
        client.GET('/api/v1/shops/{shopId}/shoppers', { params: { path: { shopId }, query: { ...search, perPage } } }),
      ),
    placeholderData: keepPreviousData,
    ...audited,
  });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    void navigate({ search: draft.trim() ? { q: draft.trim() } : {} });
  };
  const data = list.data;
  return (
    <>
      <h1>{w.title}</h1>
      <Alert>{w.text}</Alert>
      <Card>
        <form role="search" aria-label={w.search} onSubmit={apply} className="inline-form">
          <Field label={w.search} type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
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
              head={[w.email, w.orders, w.spent, w.last]}
              empty={w.none}
              rows={data.items.map((s) => [
                <Link key={s.id} to="/account/shops/$shopId/shoppers/$shopperId" params={{ shopId, shopperId: s.id }}>
                  {s.email}
                </Link>,
                s.ordersCount,
                money(s.totalSpentCents, currency),
                s.lastOrderAt ? formatDate(s.lastOrderAt) : '—',
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
