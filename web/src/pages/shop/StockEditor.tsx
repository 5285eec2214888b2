import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { call, client } from '../../api';
import { Alert, Button, Card, useToast } from '../../ui/ui';
import type { Product } from './Products';
import { shopKey, useAction, useWords } from './shared';

const words = {
  en: {
    title: 'Stock on this page',
    text: 'Change the counts you need and save them together: all are saved, or none.',
    product: 'Product',
    variant: 'Variant',
    sku: 'SKU',
    stock: 'In stock',
    stockOf: (sku: string) => `Stock of ${sku}`,
    save: 'Save stock',
    close: 'Close',
    nothing: 'Nothing changed.',
    saved: (n: number) => (n === 1 ? '1 stock count saved.' : `${n} stock counts saved.`),
    whole: 'A whole number, 0 or more',
  },
  'pt-PT': {
    title: 'Stock desta página',
    text: 'Mude as quantidades que precisar e guarde-as juntas: ou se guardam todas, ou nenhuma.',
    product: 'Produto',
    variant: 'Variante',
    sku: 'SKU',
    stock: 'Em stock',
    stockOf: (sku: string) => `Stock de ${sku}`,
    save: 'Guardar o stock',
    close: 'Fechar',
    nothing: 'Nada mudou.',
    saved: (n: number) => (n === 1 ? '1 quantidade guardada.' : `${n} quantidades guardadas.`),
    whole: 'Um número inteiro, 0 ou mais',
  },
} as const;

/** Bulk stock edit of the variants on the list's page, sent as one all-or-none change. */
export function StockEditor({ shopId, products, onDone }: { shopId: string; products: Product[]; onDone: () => void }) {
  const w = useWords(words);
  const toast = useToast();
  const queries = useQueryClient();
  const action = useAction();
  const variants = products.flatMap((p) => p.variants.map((v) => ({ ...v, product: p.title })));
  const [counts, setCounts] = useState<Record<string, string>>(() =>
    Object.fromEntries(variants.map((v) => [v.id, String(v.stock)])),
  );
  const [local, setLocal] = useState<Record<string, string>>({});
  const [sent, setSent] = useState<string[]>([]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const wrong = Object.entries(counts).filter(([, c]) => !/^\d{1,10}$/.test(c.trim()));
    setLocal(Object.fromEntries(wrong.map(([id]) => [id, w.whole])));
    if (wrong.length) return;
    const items = variants
      .filter((v) => Number(counts[v.id]) !== v.stock)
      .map((v) => ({ variantId: v.id, stock: Number(counts[v.id]) }));
    if (items.length === 0) {
      toast(w.nothing);
      return;
    }
    setSent(items.map((i) => i.variantId));
    const ok = await action.run(async () => {
      const r = await call(
        client.PATCH('/api/v1/shops/{shopId}/stock', { params: { path: { shopId } }, body: { items } }),
      );
      toast(w.saved(r.updated));
      await queries.invalidateQueries({ queryKey: shopKey(shopId) });
    });
    if (ok) onDone();
  };
  // The server names an item by its place in the list sent (`items.3.variantId`): shown on that variant.
  const errorOf = (variantId: string) =>
    local[variantId] ??
    Object.entries(action.fields).find(([field]) => {
      const i = /^items\.(\d+)/.exec(field)?.[1];
      return i !== undefined && sent[Number(i)] === variantId;
    })?.[1];

  return (
    <Card title={w.title}>
      <p className="muted">{w.text}</p>
      <form onSubmit={save} noValidate>
        {action.error && <Alert kind="error">{action.error}</Alert>}
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{w.title}</caption>
            <thead>
              <tr>
                <th scope="col">{w.product}</th>
                <th scope="col">{w.variant}</th>
                <th scope="col">{w.sku}</th>
                <th scope="col">{w.stock}</th>
              </tr>
            </thead>
            <tbody>
              {variants.map((v) => {
                const error = errorOf(v.id);
                return (
                  <tr key={v.id}>
                    <td>{v.product}</td>
                    <td>{v.options.join(' / ') || '—'}</td>
                    <td>{v.sku}</td>
                    <td>
                      <input
                        className="input-small"
                        type="number"
                        min={0}
                        step={1}
                        inputMode="numeric"
                        aria-label={w.stockOf(v.sku)}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `stock-${v.id}-error` : undefined}
                        value={counts[v.id] ?? ''}
                        onChange={(e) => setCounts((c) => ({ ...c, [v.id]: e.target.value }))}
                      />
                      {error && (
                        <p className="field-error" id={`stock-${v.id}-error`}>
                          {error}
                        </p>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="actions form-actions">
          <Button type="submit" busy={action.busy}>
            {w.save}
          </Button>
          <Button type="button" variant="secondary" onClick={onDone}>
            {w.close}
          </Button>
        </div>
      </form>
    </Card>
  );
}
