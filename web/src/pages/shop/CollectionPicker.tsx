import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { call, client } from '../../api';
import { Button, Checkbox, Field } from '../../ui/ui';
import { shopKey, useAction, useWords } from './shared';

const words = {
  en: {
    legend: 'Collections',
    none: 'The shop has no collection yet.',
    newTitle: 'New collection',
    add: 'Add collection',
  },
  'pt-PT': {
    legend: 'Coleções',
    none: 'A loja ainda não tem coleções.',
    newTitle: 'Nova coleção',
    add: 'Adicionar coleção',
  },
} as const;

/** The collections a product is in (by handle), and a new collection made on the spot. */
export function CollectionPicker({
  shopId,
  chosen,
  onChange,
  error,
}: {
  shopId: string;
  chosen: string[];
  onChange: (handles: string[]) => void;
  error?: string | undefined;
}) {
  const w = useWords(words);
  const queries = useQueryClient();
  const action = useAction();
  const [title, setTitle] = useState('');
  const collections = useQuery({
    queryKey: shopKey(shopId, 'collections'),
    queryFn: async () =>
      (await call(client.GET('/api/v1/shops/{shopId}/collections', { params: { path: { shopId } } }))).items,
  });
  const add = () =>
    action.run(async () => {
      const made = await call(
        client.POST('/api/v1/shops/{shopId}/collections', { params: { path: { shopId } }, body: { title } }),
      );
      setTitle('');
      onChange([...chosen, made.handle]);
      await queries.invalidateQueries({ queryKey: shopKey(shopId, 'collections') });
    });
  const list = collections.data ?? [];
  return (
    <fieldset className="group">
      <legend>{w.legend}</legend>
      {list.length === 0 && <p className="muted">{w.none}</p>}
      {list.map((c) => (
        <Checkbox
          key={c.id}
          label={c.title}
          checked={chosen.includes(c.handle)}
          onChange={(e) => onChange(e.target.checked ? [...chosen, c.handle] : chosen.filter((h) => h !== c.handle))}
        />
      ))}
      {error && <p className="field-error">{error}</p>}
      <div className="inline-form">
        <Field
          label={w.newTitle}
          value={title}
          error={action.fields.title ?? (action.error && !action.fields.title ? action.error : undefined)}
          onChange={(e) => setTitle(e.target.value)}
          onKeyDown={(e) => {
            // Enter here adds the collection; it must not save the whole product.
            if (e.key === 'Enter') {
              e.preventDefault();
              if (title.trim()) void add();
            }
          }}
        />
        <Button
          type="button"
          variant="secondary"
          busy={action.busy}
          disabled={!title.trim()}
          onClick={() => void add()}
        >
          {w.add}
        </Button>
      </div>
    </fieldset>
  );
}
