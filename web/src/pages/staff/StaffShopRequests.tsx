import { useQuery } from '@tanstack/react-query';
import { call, client } from '../../api';
import { useI18n } from '../../i18n';
import { Alert, Card, Table } from '../../ui/ui';
import { useWords } from '../shop/shared';

const words = {
  en: {
    title: 'Shops with overdue requests',
    text: 'Each shop answers its own shoppers’ privacy requests, as their controller. This shows only how many are late in each shop, never what they are: remind the merchant of the deadline.',
    none: 'No shop has an overdue privacy request.',
    shop: 'Shop',
    id: 'Shop id',
    overdue: 'Overdue requests',
    oldest: 'Oldest was due',
  },
  'pt-PT': {
    title: 'Lojas com pedidos em atraso',
    text: 'Cada loja responde aos pedidos de privacidade dos seus clientes, enquanto responsável pelo tratamento. Aqui vê apenas quantos estão em atraso em cada loja, nunca o seu conteúdo: lembre o comerciante do prazo.',
    none: 'Nenhuma loja tem pedidos de privacidade em atraso.',
    shop: 'Loja',
    id: 'Id da loja',
    overdue: 'Pedidos em atraso',
    oldest: 'O mais antigo terminou a',
  },
} as const;

/** For the privacy team: which shops let their shoppers' requests run past the deadline, by count. */
export function StaffShopRequests() {
  const { t, formatDay } = useI18n();
  const w = useWords(words);
  const overdue = useQuery({
    queryKey: ['staff', 'shop-privacy-overdue'],
    queryFn: () => call(client.GET('/api/v1/staff/shop-privacy-overdue')),
    // Deadlines pass while the page is closed: each visit asks again.
    staleTime: 0,
  });
  return (
    <>
      <h1>{w.title}</h1>
      <Alert>{w.text}</Alert>
      <Card>
        {overdue.data ? (
          <Table
            caption={w.title}
            empty={w.none}
            head={[w.shop, w.id, w.overdue, w.oldest]}
            rows={[...overdue.data.items]
              .sort((a, b) => a.oldestDueAt.localeCompare(b.oldestDueAt))
              .map((s) => [s.shopName, <code key="id">{s.shopId}</code>, s.overdue, formatDay(s.oldestDueAt)])}
          />
        ) : overdue.error ? (
          <Alert kind="error">{overdue.error.message}</Alert>
        ) : (
          <p>{t('common.loading')}</p>
        )}
      </Card>
    </>
  );
}
