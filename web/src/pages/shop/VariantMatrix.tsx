import { Button, Field } from '../../ui/ui';
import { useWords } from './shared';

export interface OptionDraft {
  name: string;
  /** As typed: values separated by commas. */
  values: string;
}
export interface VariantDraft {
  id?: string;
  sku: string;
  price: string;
  stock: string;
}

const words = {
  en: {
    options: 'Options',
    optionsText: 'Up to three, such as Colour or Size. Each combination of their values is a variant.',
    name: (n: number) => `Option ${n} name`,
    values: (n: number) => `Option ${n} values`,
    valuesHint: 'Separate values with commas, e.g. Blue, Green',
    addOption: 'Add an option',
    removeOption: (n: number) => `Remove option ${n}`,
    variants: 'Variants',
    variant: 'Variant',
    only: 'The only variant',
    sku: 'SKU',
    price: 'Price (€, VAT included)',
    stock: 'Stock',
    skuOf: (v: string) => `SKU of ${v}`,
    priceOf: (v: string) => `Price of ${v} in euros`,
    stockOf: (v: string) => `Stock of ${v}`,
  },
  'pt-PT': {
    options: 'Opções',
    optionsText: 'Até três, como Cor ou Tamanho. Cada combinação dos seus valores é uma variante.',
    name: (n: number) => `Nome da opção ${n}`,
    values: (n: number) => `Valores da opção ${n}`,
    valuesHint: 'Separe os valores com vírgulas, p. ex. Azul, Verde',
    addOption: 'Adicionar uma opção',
    removeOption: (n: number) => `Remover a opção ${n}`,
    variants: 'Variantes',
    variant: 'Variante',
    only: 'A única variante',
    sku: 'SKU',
    price: 'Preço (€, IVA incluído)',
    stock: 'Stock',
    skuOf: (v: string) => `SKU de ${v}`,
    priceOf: (v: string) => `Preço de ${v} em euros`,
    stockOf: (v: string) => `Stock de ${v}`,
  },
} as const;

export const valuesOf = (typed: string) => [
  ...new Set(
    typed
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  ),
];

/** The options that count: named, with at least one value. */
export const usedOptions = (options: OptionDraft[]) =>
  options.map((o) => ({ name: o.name.trim(), values: valuesOf(o.values) })).filter((o) => o.name && o.values.length);

/** Every combination of the options' values, in the options' order: one variant each. */
export function combinations(options: OptionDraft[]): string[][] {
  return usedOptions(options).reduce<string[][]>(
    (acc, o) => acc.flatMap((combo) => o.values.map((v) => [...combo, v])),
    [[]],
  );
}
export const comboKey = (combo: string[]) => JSON.stringify(combo);

/** The product's options, and the variant matrix generated from their values (price, SKU, stock each). */
export function VariantMatrix({
  options,
  onOptions,
  variants,
  onVariant,
  errors,
}: {
  options: OptionDraft[];
  onOptions: (o: OptionDraft[]) => void;
  variants: Record<string, VariantDraft>;
  onVariant: (key: string, v: VariantDraft) => void;
  errors: Record<string, string>;
}) {
  const w = useWords(words);
  const combos = combinations(options);
  const setOption = (i: number, change: Partial<OptionDraft>) =>
    onOptions(options.map((o, j) => (i === j ? { ...o, ...change } : o)));
  const blank: VariantDraft = { sku: '', price: '', stock: '0' };
  return (
    <>
      <fieldset className="group">
        <legend>{w.options}</legend>
        <p className="muted">{w.optionsText}</p>
        {options.map((o, i) => (
          <div className="row option-row" key={i}>
            <Field
              label={w.name(i + 1)}
              value={o.name}
              error={errors[`options.${i}.name`]}
              onChange={(e) => setOption(i, { name: e.target.value })}
            />
            <Field
              label={w.values(i + 1)}
              hint={w.valuesHint}
              value={o.values}
              error={errors[`options.${i}.values`]}
              onChange={(e) => setOption(i, { values: e.target.value })}
            />
            <Button
              type="button"
              variant="secondary"
              className="btn btn-secondary btn-small option-remove"
              onClick={() => onOptions(options.filter((_, j) => j !== i))}
            >
              {w.removeOption(i + 1)}
            </Button>
          </div>
        ))}
        {options.length < 3 && (
          <Button type="button" variant="secondary" onClick={() => onOptions([...options, { name: '', values: '' }])}>
            {w.addOption}
          </Button>
        )}
        {errors.options && <p className="field-error">{errors.options}</p>}
      </fieldset>
      <fieldset className="group">
        <legend>{w.variants}</legend>
        {errors.variants && <p className="field-error">{errors.variants}</p>}
        <div className="table-wrap">
          <table className="matrix">
            <caption className="sr-only">{w.variants}</caption>
            <thead>
              <tr>
                <th scope="col">{w.variant}</th>
                <th scope="col">{w.sku}</th>
                <th scope="col">{w.price}</th>
                <th scope="col">{w.stock}</th>
              </tr>
            </thead>
            <tbody>
              {combos.map((combo, i) => {
                const key = comboKey(combo);
                const v = variants[key] ?? blank;
                const label = combo.join(' / ') || w.only;
                const cell = (
                  field: 'sku' | 'price' | 'stock',
                  server: string,
                  aria: string,
                  extra: Record<string, unknown>,
                ) => {
                  const error = errors[`variants.${i}.${server}`];
                  const id = `variant-${i}-${field}`;
                  return (
                    <td>
                      <input
                        id={id}
                        aria-label={aria}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `${id}-error` : undefined}
                        value={v[field]}
                        onChange={(e) => onVariant(key, { ...v, [field]: e.target.value })}
                        {...extra}
                      />
                      {error && (
                        <p className="field-error" id={`${id}-error`}>
                          {error}
                        </p>
                      )}
                    </td>
                  );
                };
                return (
                  <tr key={key}>
                    <th scope="row">{label}</th>
                    {cell('sku', 'sku', w.skuOf(label), { autoCapitalize: 'characters', spellCheck: false })}
                    {cell('price', 'priceCents', w.priceOf(label), { inputMode: 'decimal', className: 'input-small' })}
                    {cell('stock', 'stock', w.stockOf(label), {
                      type: 'number',
                      min: 0,
                      inputMode: 'numeric',
                      className: 'input-small',
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </fieldset>
    </>
  );
}
