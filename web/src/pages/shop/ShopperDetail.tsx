import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { call, client } from '../../api';
import { useI18n } from '../../i18n';
import { useActing } from '../../session';
import { Alert, Button, Card, Table, useToast } from '../../ui/ui';
import { audited, ConfirmDialog, shopKey, useAction, useMoney, useSharedWords, useWords } from './shared';

const words = {
  en: {
    back: 'All shoppers',
    since: 'Shopper since',
    orders: 'Orders',
    none: 'No order.',
    order: 'Order',
    date: 'Placed',
    status: 'Status',
    total: 'Total',
    addresses: 'Addresses they gave',
    noAddress: 'None.',
    rights: 'Their rights',
    rightsText:
      'Your shop is this shopper’s controller: when they ask for their data or for it to be erased, answer from here. Both are recorded in your audit log.',
    export: 'Export data',
    exportHint: 'A ZIP of everything this shop holds on them, with a readable report.',
    erase: 'Erase',
    eraseTitle: 'Erase this shopper?',
    eraseText:
      'Their shopper record, carts, contact and delivery details in this shop are deleted, and their orders are anonymised. Orders that were invoiced keep their fiscal fields, as the law requires. The same email at other shops is not affected. This cannot be undone.',
    erased: 'The shopper was erased.',
  },
  'pt-PT': {
    back: 'Todos os clientes',
    since: 'Cliente desde',
    orders: 'Encomendas',
    none: 'Nenhuma encomenda.',
    order: 'Encomenda',
    date: 'Data',
    status: 'Estado',
    total: 'Total',
    addresses: 'Moradas que indicou',
    noAddress: 'Nenhuma.',
    rights: 'Os seus direitos',
    rightsText:
      'A sua loja é a responsável pelos dados deste cliente: quando pedir os seus dados ou o seu apagamento, responda daqui. Ambos ficam registados no seu registo de auditoria.',
    export: 'Exportar dados',
    exportHint: 'Um ZIP com tudo o que esta loja guarda sobre a pessoa, com um relatório legível.',
    erase: 'Apagar',
    eraseTitle: 'Apagar este cliente?',
    eraseText:
      'O registo de cliente, os carrinhos e os contactos e moradas nesta loja são apagados, e as suas encomendas anonimizadas. As encomendas que foram faturadas mantêm os seus campos fiscais, como a lei exige. O mesmo email noutras lojas não é afetado. Isto não pode ser desfeito.',
    erased: 'O cliente foi apagado.',
  },
} as const;

/** One shopper: their orders and addresses, and the merchant's answers to their rights (export, erase). */
export function ShopperDetail() {
  const { t, formatDate, formatDay } = useI18n();
  const w = useWords(words);
  const shared = useSharedWords();
  const money = useMoney();
  const toast = useToast();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const action = useAction();
  const [confirming, setConfirming] = useState(false);
  // Answering a shopper's rights is its own permission, apart from seeing shoppers.
  const answersRights = useActing().can('shopper-privacy');
  const { shopId, shopperId } = useParams({ from: '/account/shops/$shopId/shoppers/$shopperId' });
  const found = useQuery({
    queryKey: shopKey(shopId, 'shopper', shopperId),
    queryFn: () =>
      call(client.GET('/api/v1/shops/{shopId}/shoppers/{shopperId}', { params: { path: { shopId, shopperId } } })),
    ...audited,
  });
  const s = found.data;
  if (!s) return <p>{found.error ? found.error.message : t('common.loading')}</p>;

  const erase = async () => {
    const ok = await action.run(async () => {
      await call(
        client.POST('/api/v1/shops/{shopId}/shoppers/{shopperId}/erase', { params: { path: { shopId, shopperId } } }),
      );
    });
    setConfirming(false);
    if (!ok) return;
    toast(w.erased);
    // Away first: refreshing while this page is open would ask for the shopper who is no more.
    await navigate({ to: '/account/shops/$shopId/shoppers', params: { shopId } });
    queries.removeQueries({ queryKey: shopKey(shopId, 'shopper', shopperId) });
    await queries.invalidateQueries({ queryKey: shopKey(shopId) });
  };
  const exportUrl = `/api/v1/shops/${encodeURIComponent(shopId)}/shoppers/${encodeURIComponent(shopperId)}/export`;
  return (
    <>
      <p>
        <Link to="/account/shops/$shopId/shoppers" params={{ shopId }}>
          ← {w.back}
        </Link>
      </p>
      <h1>{s.email}</h1>
      <p className="muted">
        {w.since} {formatDay(s.createdAt)}
      </p>
      <Card title={w.orders}>
        <Table
          caption={w.orders}
          head={[w.order, w.date, w.status, w.total]}
          empty={w.none}
          rows={s.orders.map((o) => [
            <Link key={o.id} to="/account/shops/$shopId/orders/$orderId" params={{ shopId, orderId: o.id }}>
              {o.name}
            </Link>,
            formatDate(o.createdAt),
            shared.orderStatus[o.status],
            money(o.totalCents, o.currency),
          ])}
        />
      </Card>
      <Card title={w.addresses}>
        {s.addresses.length === 0 ? (
          <p className="muted">{w.noAddress}</p>
        ) : (
          <ul className="plain-list">
            {s.addresses.map((a, i) => (
              <li key={i}>
                <address>
                  {[a.firstName, a.lastName].join(' ')}, {a.line1}
                  {a.line2 ? `, ${a.line2}` : ''}, {a.postalCode} {a.city}, {a.country}
                  {a.phone ? ` · ${a.phone}` : ''}
                </address>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {answersRights && (
        <>
          <Card title={w.rights}>
            <p>{w.rightsText}</p>
            {action.error && <Alert kind="error">{action.error}</Alert>}
            <div className="actions">
              <a className="btn btn-secondary" href={exportUrl} download aria-describedby="export-hint">
                {w.export}
              </a>
              <Button variant="danger" onClick={() => setConfirming(true)}>
                {w.erase}
              </Button>
            </div>
            <p className="field-hint" id="export-hint">
              {w.exportHint}
            </p>
          </Card>
          <ConfirmDialog
            open={confirming}
            title={w.eraseTitle}
            confirmLabel={w.erase}
            busy={action.busy}
            onConfirm={() => void erase()}
            onClose={() => setConfirming(false)}
          >
            <p>{w.eraseText}</p>
          </ConfirmDialog>
        </>
      )}
    </>
  );
}
