import { parse } from 'csv-parse/sync';
import TurndownService from 'turndown';
import { csvLine, toCsv } from '../../core/csv.js';
import type { FieldError } from '../../core/errors.js';
import { ProductBody, type ProductInput } from './catalogue.schemas.js';
import type { ProductView } from './catalogue.views.js';

/**
 * Products as CSV, in Shopify's product CSV columns where they fit, so a merchant moving from there
 * brings their catalogue: a product's first row carries its title and body, each further row with
 * the same Handle is another variant. Our own columns: Status, VAT Rate, Collections (handles
 * separated by spaces). Image Src is exported (the first image's address) and not imported: images
 * are uploaded, scanned and converted, not fetched from elsewhere.
 */
export const productCsvColumns = [
  'Handle',
  'Title',
  'Body (HTML)',
  'Status',
  'VAT Rate',
  'Collections',
  'Option1 Name',
  'Option1 Value',
  'Option2 Name',
  'Option2 Value',
  'Option3 Name',
  'Option3 Value',
  'Variant SKU',
  'Variant Price',
  'Variant Inventory Qty',
  'Variant Grams',
  'Image Src',
] as const;
type Column = (typeof productCsvColumns)[number];
type Row = Partial<Record<Column, string>>;

const turndown = new TurndownService({ headingStyle: 'atx', bulletListMarker: '-' });

/** Euros as the CSV writes them (`12.50`, or `12,50` from a Portuguese spreadsheet) to cents. */
function cents(value: string): number | null {
  const m = /^\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*$/.exec(value);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

const wholeNumber = (value: string) => (/^\s*\d{1,9}\s*$/.test(value) ? Number(value) : null);

export interface ParsedImport {
  products: { handle: string; rows: number[]; input: ProductInput }[];
  errors: FieldError[];
}

/** Every row checked; `errors` name the row (its line in the file) and the column. */
export function parseProductCsv(text: string): ParsedImport {
  const errors: FieldError[] = [];
  let records: Row[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    }) as Row[];
  } catch (e) {
    return { products: [], errors: [{ field: 'file', message: `Not readable as CSV: ${(e as Error).message}` }] };
  }
  if (records.length === 0)
    return { products: [], errors: [{ field: 'file', message: 'The file has no product rows.' }] };
  const header = Object.keys(records[0]!);
  for (const needed of ['Handle', 'Variant SKU', 'Variant Price'] as const)
    if (!header.includes(needed)) errors.push({ field: 'file', message: `The column “${needed}” is missing.` });
  if (errors.length > 0) return { products: [], errors };

  const byHandle = new Map<string, { rows: number[]; records: Row[] }>();
  records.forEach((r, i) => {
    const line = i + 2; // the header is line 1
    const handle = (r.Handle ?? '').toLowerCase();
    if (!handle) {
      errors.push({ field: `row ${line}: Handle`, message: 'Required' });
      return;
    }
    const group = byHandle.get(handle) ?? { rows: [], records: [] };
    group.rows.push(line);
    group.records.push(r);
    byHandle.set(handle, group);
  });

  const products: ParsedImport['products'] = [];
  for (const [handle, group] of byHandle) {
    const first = group.records[0]!;
    const rowErrors: FieldError[] = [];
    const optionNames = ([1, 2, 3] as const)
      .map((n) => first[`Option${n} Name`] ?? '')
      .filter((name, i) => name !== '' && !(i === 0 && name === 'Title'));
    const variants = group.records.map((r, i) => {
      const line = group.rows[i]!;
      const price = cents(r['Variant Price'] ?? '');
      if (price === null)
        rowErrors.push({ field: `row ${line}: Variant Price`, message: 'A price in euros, e.g. 12.50' });
      const stock = r['Variant Inventory Qty'] ? wholeNumber(r['Variant Inventory Qty']) : 0;
      if (stock === null)
        rowErrors.push({ field: `row ${line}: Variant Inventory Qty`, message: 'A whole number, 0 or more' });
      const grams = r['Variant Grams'] ? wholeNumber(r['Variant Grams']) : null;
      if (r['Variant Grams'] && grams === null)
        rowErrors.push({ field: `row ${line}: Variant Grams`, message: 'A whole number of grams' });
      const options = optionNames.map((_, k) => r[`Option${k + 1} Value` as Column] ?? '');
      return {
        sku: r['Variant SKU'] ?? '',
        priceCents: price ?? 0,
        stock: stock ?? 0,
        ...(grams !== null ? { weightGrams: grams } : {}),
        ...(optionNames.length > 0 ? { options } : {}),
      };
    });
    const values = optionNames.map((name, k) => ({
      name,
      values: [...new Set(variants.map((v) => v.options?.[k] ?? ''))],
    }));
    const vat = first['VAT Rate'] ? Number(first['VAT Rate'].replace('%', '').trim()) : undefined;
    const candidate = {
      handle,
      title: first.Title ?? '',
      description: first['Body (HTML)'] ? turndown.turndown(first['Body (HTML)']) : '',
      status: (first.Status || 'draft').toLowerCase(),
      ...(vat !== undefined ? { vatRate: vat } : {}),
      ...(values.length > 0 ? { options: values } : {}),
      variants,
      ...(first.Collections ? { collections: first.Collections.split(/[\s,]+/).filter(Boolean) } : {}),
    };
    const checked = ProductBody.safeParse(candidate);
    if (!checked.success)
      for (const issue of checked.error.issues) {
        // A variant's problem is that variant's row; anything else is the product's first row.
        const variantIndex = issue.path[0] === 'variants' && typeof issue.path[1] === 'number' ? issue.path[1] : 0;
        rowErrors.push({
          field: `row ${group.rows[variantIndex] ?? group.rows[0]}: ${columnOf(issue.path)}`,
          message: issue.message,
        });
      }
    if (rowErrors.length > 0) errors.push(...rowErrors);
    else products.push({ handle, rows: group.rows, input: checked.data! });
  }
  return { products, errors };
}

function columnOf(path: PropertyKey[]): string {
  const [head, , leaf] = path;
  if (head === 'variants')
    return leaf === 'sku'
      ? 'Variant SKU'
      : leaf === 'priceCents'
        ? 'Variant Price'
        : leaf === 'stock'
          ? 'Variant Inventory Qty'
          : 'Option Values';
  const names: Record<string, string> = {
    title: 'Title',
    handle: 'Handle',
    description: 'Body (HTML)',
    status: 'Status',
    vatRate: 'VAT Rate',
    options: 'Option Names',
    collections: 'Collections',
  };
  return names[String(head)] ?? String(head);
}

/** The shop's products as CSV, a row per variant; the first row of each product carries its details. */
export function productsToCsv(products: ProductView[], imageSrcOf: (productId: string) => string | null): string {
  const rows: Record<string, string>[] = [];
  for (const p of products)
    p.variants.forEach((v, i) => {
      const row: Record<string, string> = Object.fromEntries(productCsvColumns.map((c) => [c, '']));
      row.Handle = p.handle;
      if (i === 0) {
        row.Title = p.title;
        row['Body (HTML)'] = p.descriptionHtml;
        row.Status = p.status;
        row['VAT Rate'] = String(p.vatRate);
        row.Collections = p.collections.join(' ');
        row['Image Src'] = imageSrcOf(p.id) ?? '';
        p.options.forEach((o, k) => (row[`Option${k + 1} Name`] = o.name));
      }
      v.options.forEach((value, k) => (row[`Option${k + 1} Value`] = value));
      row['Variant SKU'] = v.sku;
      row['Variant Price'] = (v.priceCents / 100).toFixed(2);
      row['Variant Inventory Qty'] = String(v.stock);
      row['Variant Grams'] = v.weightGrams === null ? '' : String(v.weightGrams);
      rows.push(row);
    });
  // A shop with no products still gets the header: the file to fill in.
  return rows.length > 0 ? toCsv(rows) : csvLine([...productCsvColumns]);
}
