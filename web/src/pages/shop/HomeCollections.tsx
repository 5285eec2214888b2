import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { call, client } from '../../api';
import { Alert, Button, Card, useToast } from '../../ui/ui';
import { shopKey, useAction, useShop, useWords } from './shared';

const MAX = 4;

const words = {
  en: {
    title: 'Home page collections',
    text: `The home page shows up to ${MAX} collections, in the order you tick them. With none ticked it shows the first collections that have products.`,
    none: 'The shop has no collections yet.',
    save: 'Save the home page',
    saved: 'The home page is saved.',
    order: (n: number) => ` (shown ${n}.)`,
  },
  'pt-PT': {
    title: 'Coleções da página inicial',
    text: `A página inicial mostra até ${MAX} coleções, pela ordem em que as marcar. Sem nenhuma marcada, mostra as primeiras coleções com produtos.`,
    none: 'A loja ainda não tem coleções.',
    save: 'Guardar a página inicial',
    saved: 'A página inicial foi guardada.',
    order: (n: number) => ` (mostrada em ${n}.º)`,
  },
} as const;

/** A theme setting: which collections the home page shows, and in which order (the shop's homeCollections). */
export function HomeCollections({ shopId, onSaved }: { shopId: string; onSaved: () => void }) {
  const w = useWords(words);
  const toast = useToast();
  const queries = useQueryClient();
  const action = useAction();
  const shop = useShop(shopId).data;
  const collections = useQuery({
    queryKey: shopKey(shopId, 'collections'),
    queryFn: async () =>
      (await call(client.GET('/api/v1/shops/{shopId}/collections', { params: { path: { shopId } } }))).items,
  });
  const [chosen, setChosen] = useState<string[] | null>(null);
  const current = chosen ?? shop?.homeCollections ?? [];
  const toggle = (handle: string) =>
    setChosen(current.includes(handle) ? current.filter((h) => h !== handle) : [...current, handle].slice(0, MAX));
  const save = () =>
    void action.run(async () => {
      const saved = await call(
        client.PATCH('/api/v1/shops/{shopId}', { params: { path: { shopId } }, body: { homeCollections: current } }),
      );
      queries.setQueryData(shopKey(shopId, 'details'), saved);
      setChosen(null);
      toast(w.saved);
      onSaved();
    });
  const items = collections.data ?? [];
  return (
    <Card title={w.title}>
      <p className="field-hint">{w.text}</p>
      {action.error && <Alert kind="error">{action.error}</Alert>}
      {items.length === 0 ? (
        <p className="muted">{w.none}</p>
      ) : (
        <fieldset>
          <legend className="visually-hidden">{w.title}</legend>
          {items.map((c) => {
            const at = current.indexOf(c.handle);
            return (
              <div className="checkbox" key={c.id}>
                <input
                  type="checkbox"
                  id={`home-${c.id}`}
                  checked={at >= 0}
                  disabled={at < 0 && current.length >= MAX}
                  onChange={() => toggle(c.handle)}
                />
                <label htmlFor={`home-${c.id}`}>
                  {c.title}
                  {at >= 0 && w.order(at + 1)}
                </label>
              </div>
            );
          })}
        </fieldset>
      )}
      <Button onClick={save} busy={action.busy}>
        {w.save}
      </Button>
    </Card>
  );
}
