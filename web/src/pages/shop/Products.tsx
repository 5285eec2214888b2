import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { call, client, type ResponseOf } from '../../api';
import { useI18n } from '../../i18n';
import { Button, Card, Field, SelectField, Table } from '../../ui/ui';
import { ProductCsv } from './ProductCsv';
import { Pager, shopKey, useMoney, useSharedWords, useShop, useWords } from './shared';
import { StockEditor } from './StockEditor';

export type Product = ResponseOf<'/api/v1/shops/{shopId}/products', 'get'>['items'][number];

const words = {
  en: {
    title: 'Products',
    add: 'Add a product',
    filters: 'Find products',
    search: 'Search titles, SKUs and descriptions',
    status: 'Status',
    anyStatus: 'Any status',
    collection: 'Collection',
    anyCollection: 'Any collection',
    stock: 'Stock',
    anyStock: 'Any stock',
    out: 'Sold out (a variant)',
    low: '3 units or fewer (a variant)',
    apply: 'Show',
    none: 'No product matches.',
    product: 'Product',
    variants: 'Variants',
    inStock: 'In stock',
    price: 'Price',
    count: (n: number) => (n === 1 ? '1 product' : `${n} products`),
    editStock: 'Edit stock on this page',
  },
  'pt-PT': {
    title: 'Produtos',
    add: 'Adicionar um produto',
    filters: 'Procurar produtos',
    search: 'Procurar em títulos, SKU e descrições',
    status: 'Estado',
    anyStatus: 'Qualquer estado',
    collection: 'Coleção',
    anyCollection: 'Qualquer coleção',
    stock: 'Stock',
    anyStock: 'Qualquer stock',
    out: 'Esgotado (uma variante)',
    low: '3 unidades ou menos (uma variante)',
    apply: 'Mostrar',
    none: 'Nenhum produto corresponde.',
    product: 'Produto',
    variants: 'Variantes',
    inStock: 'Em stock',
    price: 'Preço',
    count: (n: number) => (n === 1 ? '1 produto' : `${n} produtos`),
    editStock: 'Editar o stock desta página',
  },
} as const;

const perPage = 20;

/** The shop's products: search, filters and pages from the address; bulk stock; CSV in and out. */
export function Products() {
  const { t } = useI18n();
  const w = useWords(words);
  const shared = useSharedWords();
  const money = useMoney();
  const { shopId } = useParams({ from: '/account/shops/$shopId/products' });
  const search = useSearch({ from: '/account/shops/$shopId/products' });
  const navigate = useNavigate({ from: '/account/shops/$shopId/products' });
  const currency = useShop(shopId).data?.currency ?? 'EUR';
  const [editingStock, setEditingStock] = useState(false);
  const collections = useQuery({
    queryKey: shopKey(shopId, 'collections'),
    queryFn: async () =>
      (await call(client.GET('/api/v1/shops/{shopId}/collections', { params: { path: { shopId } } }))).items,
  });
  const list = useQuery({
    queryKey: shopKey(shopId, 'products', search),
    queryFn: () =>
      call(
        client.GET('/api/v1/shops/{shopId}/products', { params: { path: { shopId }, query: { ...search, perPage } } }),
      ),
    placeholderData: keepPreviousData,
  });

  const [draft, setDraft] = useState({
    q: search.q ?? '',
    status: search.status ?? '',
    collection: search.collection ?? '',
    stock: search.stock ?? '',
  });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const next = Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== '')) as typeof search;
    void navigate({ search: next });
  };
  const set = (k: keyof typeof draft) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [k]: e.target.value }));

  const data = list.data;
  const items = data?.items;
  const priceOf = (p: Product) => {
    const prices = p.variants.map((v) => v.priceCents);
    const [low, high] = [Math.min(...prices), Math.max(...prices)];
    return low === high ? money(low, currency) : `${money(low, currency)} – ${money(high, currency)}`;
  };
  return (
    <>
      <div className="page-head">
        <h1>{w.title}</h1>
        <Link className="btn btn-primary" to="/account/shops/$shopId/products/new" params={{ shopId }}>
          {w.add}
        </Link>
      </div>
      <Card title={w.filters}>
        <form role="search" aria-label={w.filters} onSubmit={apply} className="filters">
          <Field label={w.search} type="search" value={draft.q} onChange={set('q')} />
          <SelectField
            label={w.status}
            placeholder={w.anyStatus}
            value={draft.status}
            onChange={set('status')}
            options={(['draft', 'active'] as const).map((s) => ({ value: s, label: shared.productStatus[s] }))}
          />
          <SelectField
            label={w.collection}
            placeholder={w.anyCollection}
            value={draft.collection}
            onChange={set('collection')}
            options={(collections.data ?? []).map((c) => ({ value: c.handle, label: c.title }))}
          />
          <SelectField
            label={w.stock}
            placeholder={w.anyStock}
            value={draft.stock}
            onChange={set('stock')}
            options={[
              { value: 'out', label: w.out },
              { value: 'low', label: w.low },
            ]}
          />
          <Button type="submit">{w.apply}</Button>
        </form>
      </Card>
      <Card>
        {!data || !items ? (
          <p>{list.error ? list.error.message : t('common.loading')}</p>
        ) : (
          <>
            <p className="muted" role="status">
              {w.count(data.total)}
            </p>
            <Table
              caption={w.title}
              head={[w.product, w.status, w.variants, w.inStock, w.price]}
              empty={w.none}
              rows={items.map((p) => [
                <Link key={p.id} to="/account/shops/$shopId/products/$productId" params={{ shopId, productId: p.id }}>
                  {p.title}
                </Link>,
                <span key="s" className={`badge badge-${p.status}`}>
                  {shared.productStatus[p.status]}
                </span>,
                p.variants.length,
                p.variants.reduce((n, v) => n + v.stock, 0),
                priceOf(p),
              ])}
            />
            <Pager
              page={search.page ?? 1}
              perPage={perPage}
              total={data.total}
              onPage={(page) => void navigate({ search: (s) => ({ ...s, page: page > 1 ? page : undefined }) })}
            />
            {items.length > 0 && !editingStock && (
              <Button variant="secondary" onClick={() => setEditingStock(true)}>
                {w.editStock}
              </Button>
            )}
          </>
        )}
      </Card>
      {editingStock && items && <StockEditor shopId={shopId} products={items} onDone={() => setEditingStock(false)} />}
      <ProductCsv shopId={shopId} />
    </>
  );
}
