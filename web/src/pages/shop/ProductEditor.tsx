import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { call, client } from '../../api';
import type { paths } from '../../api/schema';
import { useI18n } from '../../i18n';
import { Alert, Button, Card, Field, SelectField, useToast } from '../../ui/ui';
import { CollectionPicker } from './CollectionPicker';
import { DescriptionField } from './DescriptionField';
import { ProductImages } from './ProductImages';
import type { Product } from './Products';
import {
  centsToEuros,
  ConfirmDialog,
  parseEuros,
  shopKey,
  useAction,
  useSharedWords,
  useShop,
  useWords,
} from './shared';
import {
  combinations,
  comboKey,
  usedOptions,
  VariantMatrix,
  type OptionDraft,
  type VariantDraft,
} from './VariantMatrix';

type ProductBody = paths['/api/v1/shops/{shopId}/products']['post']['requestBody']['content']['application/json'];

const words = {
  en: {
    newTitle: 'New product',
    editTitle: (title: string) => `Edit ${title}`,
    back: 'All products',
    details: 'Details',
    title: 'Title',
    handle: 'Handle',
    handleHint: 'The product’s address in the shop; made from the title when left empty.',
    status: 'Status',
    statusHint: 'A draft is not shown in the shop.',
    vat: 'VAT rate',
    vatDefault: (rate: number) => `The shop’s default (${rate} %)`,
    save: 'Save product',
    saved: 'Product saved.',
    created: 'Product created. You can add its images now.',
    problems: 'Please correct these:',
    price: 'Use an amount in euros, e.g. 12.50',
    whole: 'A whole number, 0 or more',
    required: 'Required',
    remove: 'Delete product',
    removeTitle: 'Delete this product?',
    removeText: 'It leaves the shop at once. Orders keep their copy of it.',
    removed: 'Product deleted.',
    imagesLater: 'Save the product first; then you can add its images.',
    view: 'View in the shop',
  },
  'pt-PT': {
    newTitle: 'Novo produto',
    editTitle: (title: string) => `Editar ${title}`,
    back: 'Todos os produtos',
    details: 'Detalhes',
    title: 'Título',
    handle: 'Identificador',
    handleHint: 'O endereço do produto na loja; feito a partir do título se ficar vazio.',
    status: 'Estado',
    statusHint: 'Um rascunho não aparece na loja.',
    vat: 'Taxa de IVA',
    vatDefault: (rate: number) => `A da loja (${rate} %)`,
    save: 'Guardar o produto',
    saved: 'Produto guardado.',
    created: 'Produto criado. Já pode adicionar as suas imagens.',
    problems: 'Corrija por favor:',
    price: 'Indique um valor em euros, p. ex. 12,50',
    whole: 'Um número inteiro, 0 ou mais',
    required: 'Obrigatório',
    remove: 'Apagar o produto',
    removeTitle: 'Apagar este produto?',
    removeText: 'Sai da loja de imediato. As encomendas guardam a sua cópia dele.',
    removed: 'Produto apagado.',
    imagesLater: 'Guarde primeiro o produto; depois pode adicionar as suas imagens.',
    view: 'Ver na loja',
  },
} as const;

// Field names the form shows next to their control; any other problem is listed above the button.
const shownHere =
  /^(title|handle|description|status|vatRate|collections|options|variants)$|^options\.\d+\.(name|values)$|^variants\.\d+\.(sku|priceCents|stock)$/;

interface Draft {
  title: string;
  handle: string;
  description: string;
  status: 'draft' | 'active';
  vatRate: string;
  collections: string[];
  options: OptionDraft[];
  variants: Record<string, VariantDraft>;
}

const emptyDraft: Draft = {
  title: '',
  handle: '',
  description: '',
  status: 'draft',
  vatRate: '',
  collections: [],
  options: [],
  variants: {},
};

const draftOf = (p: Product): Draft => ({
  title: p.title,
  handle: p.handle,
  description: p.description,
  status: p.status,
  vatRate: String(p.vatRate),
  collections: p.collections,
  options: p.options.map((o) => ({ name: o.name, values: o.values.join(', ') })),
  variants: Object.fromEntries(
    p.variants.map((v) => [
      comboKey(v.options),
      { id: v.id, sku: v.sku, price: centsToEuros(v.priceCents), stock: String(v.stock) },
    ]),
  ),
});

export function NewProduct() {
  const { shopId } = useParams({ from: '/account/shops/$shopId/products/new' });
  return <ProductForm shopId={shopId} initial={emptyDraft} />;
}

export function EditProduct() {
  const { t } = useI18n();
  const { shopId, productId } = useParams({ from: '/account/shops/$shopId/products/$productId' });
  const product = useQuery({
    queryKey: shopKey(shopId, 'product', productId),
    queryFn: () =>
      call(client.GET('/api/v1/shops/{shopId}/products/{productId}', { params: { path: { shopId, productId } } })),
  });
  if (!product.data) return <p>{product.error ? product.error.message : t('common.loading')}</p>;
  // Keyed by the saved version: a save (or someone else's) starts the form again from what the server holds.
  return (
    <ProductForm key={product.data.updatedAt} shopId={shopId} product={product.data} initial={draftOf(product.data)} />
  );
}

/** Create or edit a product: details, Markdown description, collections, options and the variant matrix, images. */
function ProductForm({ shopId, product, initial }: { shopId: string; product?: Product; initial: Draft }) {
  const w = useWords(words);
  const shared = useSharedWords();
  const toast = useToast();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const shop = useShop(shopId).data;
  const action = useAction();
  const [draft, setDraft] = useState(initial);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const errors = { ...action.fields, ...local };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const combos = combinations(draft.options);
    const found: Record<string, string> = {};
    if (!draft.title.trim()) found.title = w.required;
    const variants = combos.map((combo, i) => {
      const v = draft.variants[comboKey(combo)] ?? { sku: '', price: '', stock: '0' };
      const priceCents = parseEuros(v.price);
      if (priceCents === null) found[`variants.${i}.priceCents`] = w.price;
      if (!/^\d{1,10}$/.test(v.stock.trim())) found[`variants.${i}.stock`] = w.whole;
      if (!v.sku.trim()) found[`variants.${i}.sku`] = w.required;
      return {
        ...(v.id ? { id: v.id } : {}),
        sku: v.sku.trim(),
        priceCents: priceCents ?? 0,
        stock: Number(v.stock),
        ...(combo.length ? { options: combo } : {}),
      };
    });
    setLocal(found);
    action.clear();
    if (Object.keys(found).length) return;
    const body: ProductBody = {
      title: draft.title,
      description: draft.description,
      status: draft.status,
      ...(draft.handle.trim() ? { handle: draft.handle.trim() } : {}),
      ...(draft.vatRate ? { vatRate: Number(draft.vatRate) as ProductBody['vatRate'] } : {}),
      options: usedOptions(draft.options),
      variants,
      collections: draft.collections,
    };
    await action.run(async () => {
      const saved = product
        ? await call(
            client.PATCH('/api/v1/shops/{shopId}/products/{productId}', {
              params: { path: { shopId, productId: product.id } },
              body,
            }),
          )
        : await call(client.POST('/api/v1/shops/{shopId}/products', { params: { path: { shopId } }, body }));
      queries.setQueryData(shopKey(shopId, 'product', saved.id), saved);
      await queries.invalidateQueries({ queryKey: shopKey(shopId), exact: false });
      toast(product ? w.saved : w.created);
      if (!product)
        await navigate({
          to: '/account/shops/$shopId/products/$productId',
          params: { shopId, productId: saved.id },
        });
    });
  };

  const remove = async () => {
    if (!product) return;
    const ok = await action.run(async () => {
      await call(
        client.DELETE('/api/v1/shops/{shopId}/products/{productId}', {
          params: { path: { shopId, productId: product.id } },
        }),
      );
    });
    setConfirming(false);
    if (!ok) return;
    toast(w.removed);
    // Away first: refreshing while this page is open would ask for the product that is gone.
    await navigate({ to: '/account/shops/$shopId/products', params: { shopId } });
    queries.removeQueries({ queryKey: shopKey(shopId, 'product', product.id) });
    await queries.invalidateQueries({ queryKey: shopKey(shopId) });
  };

  const others = Object.entries(action.fields).filter(([field]) => !shownHere.test(field));
  return (
    <>
      <p>
        <Link to="/account/shops/$shopId/products" params={{ shopId }}>
          ← {w.back}
        </Link>
      </p>
      <h1>{product ? w.editTitle(product.title) : w.newTitle}</h1>
      <form onSubmit={save} noValidate>
        <Card title={w.details}>
          <Field
            label={w.title}
            value={draft.title}
            error={errors.title}
            onChange={(e) => set('title', e.target.value)}
          />
          <Field
            label={w.handle}
            hint={w.handleHint}
            value={draft.handle}
            error={errors.handle}
            autoCapitalize="none"
            spellCheck={false}
            onChange={(e) => set('handle', e.target.value)}
          />
          <DescriptionField
            value={draft.description}
            error={errors.description}
            onChange={(v) => set('description', v)}
          />
          <div className="row">
            <fieldset className="group radios">
              <legend>{w.status}</legend>
              {(['draft', 'active'] as const).map((s) => (
                <div className="checkbox" key={s}>
                  <input
                    type="radio"
                    id={`status-${s}`}
                    name="status"
                    checked={draft.status === s}
                    onChange={() => set('status', s)}
                  />
                  <label htmlFor={`status-${s}`}>{shared.productStatus[s]}</label>
                </div>
              ))}
              <p className="field-hint">{w.statusHint}</p>
            </fieldset>
            <SelectField
              label={w.vat}
              placeholder={w.vatDefault(shop?.defaultVatRate ?? 23)}
              value={draft.vatRate}
              error={errors.vatRate}
              onChange={(e) => set('vatRate', e.target.value)}
              options={['23', '13', '6', '0'].map((r) => ({ value: r, label: `${r} %` }))}
            />
          </div>
          <CollectionPicker
            shopId={shopId}
            chosen={draft.collections}
            onChange={(c) => set('collections', c)}
            error={errors.collections}
          />
        </Card>
        <Card>
          <VariantMatrix
            options={draft.options}
            onOptions={(o) => set('options', o)}
            variants={draft.variants}
            onVariant={(key, v) => setDraft((d) => ({ ...d, variants: { ...d.variants, [key]: v } }))}
            errors={errors}
          />
        </Card>
        {action.error && (
          <Alert kind="error">
            {action.error}
            {others.length > 0 && (
              <>
                {' '}
                {w.problems}
                <ul>
                  {others.map(([field, message]) => (
                    <li key={field}>
                      {field}: {message}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </Alert>
        )}
        <div className="actions form-actions">
          <Button type="submit" busy={action.busy}>
            {w.save}
          </Button>
          {product && (
            <Button type="button" variant="danger" onClick={() => setConfirming(true)}>
              {w.remove}
            </Button>
          )}
          {product && shop && product.status === 'active' && (
            <a
              className="btn btn-secondary"
              href={new URL(`products/${product.handle}`, shop.url).href}
              target="_blank"
              rel="noreferrer"
            >
              {w.view}
            </a>
          )}
        </div>
      </form>
      {product && shop ? (
        <ProductImages shopId={shopId} productId={product.id} shopUrl={shop.url} />
      ) : (
        !product && <p className="muted">{w.imagesLater}</p>
      )}
      <ConfirmDialog
        open={confirming}
        title={w.removeTitle}
        confirmLabel={w.remove}
        busy={action.busy}
        onConfirm={() => void remove()}
        onClose={() => setConfirming(false)}
      >
        <p>{w.removeText}</p>
      </ConfirmDialog>
    </>
  );
}
