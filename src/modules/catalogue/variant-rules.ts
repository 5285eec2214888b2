import type { FieldError } from '../../core/errors.js';
import type { ProductOption } from './catalogue.tables.js';

/**
 * What a product's options and variants must agree on, beyond each field's own shape: option names
 * and values unique, one value per option on every variant, each value one of its option's, no two
 * variants with the same values or the same SKU. Field paths name the exact offender.
 */
export function variantProblems(
  options: ProductOption[],
  variants: { sku: string; options?: string[] | undefined }[],
): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  options.forEach((o, i) => {
    if (names.has(o.name.toLowerCase()))
      errors.push({ field: `options.${i}.name`, message: 'Another option has this name' });
    names.add(o.name.toLowerCase());
    if (new Set(o.values).size !== o.values.length)
      errors.push({ field: `options.${i}.values`, message: 'Each value may appear once' });
  });
  const skus = new Set<string>();
  const combos = new Set<string>();
  variants.forEach((v, i) => {
    const values = v.options ?? [];
    if (values.length !== options.length) {
      errors.push({
        field: `variants.${i}.options`,
        message:
          options.length === 0
            ? 'This product has no options: leave them out'
            : `Give one value for each option: ${options.map((o) => o.name).join(', ')}`,
      });
    } else {
      values.forEach((value, j) => {
        if (!options[j]!.values.includes(value))
          errors.push({ field: `variants.${i}.options.${j}`, message: `Not one of the values of ${options[j]!.name}` });
      });
      const combo = JSON.stringify(values);
      if (combos.has(combo))
        errors.push({
          field: `variants.${i}.options`,
          message:
            options.length === 0 ? 'A product without options has one variant' : 'Another variant has these values',
        });
      combos.add(combo);
    }
    if (skus.has(v.sku.toUpperCase()))
      errors.push({ field: `variants.${i}.sku`, message: 'Another variant has this SKU' });
    skus.add(v.sku.toUpperCase());
  });
  return errors;
}
