import type { ProductOption, ProductStatus } from './catalogue.tables.js';
import type { ProductId, VariantId } from './catalogue-ids.js';

export interface VariantView {
  id: VariantId;
  sku: string;
  priceCents: number;
  stock: number;
  weightGrams: number | null;
  options: string[];
}

export interface ProductView {
  id: ProductId;
  handle: string;
  title: string;
  description: string;
  descriptionHtml: string;
  status: ProductStatus;
  vatRate: number;
  options: ProductOption[];
  variants: VariantView[];
  collections: string[];
  createdAt: string;
  updatedAt: string;
}

/** What a product row and its variants look like when read with jsonArrayFrom (dates as text or Date). */
export interface ProductRowWithVariants {
  id: string;
  handle: string;
  title: string;
  description: string;
  description_html: string;
  status: ProductStatus;
  vat_rate: number;
  options: ProductOption[] | string;
  created_at: Date | string;
  updated_at: Date | string;
  variants: {
    id: string;
    sku: string;
    price_cents: number;
    stock: number;
    weight_grams: number | null;
    option_values: string[] | string;
  }[];
  collections?: string[] | null;
}

// jsonb comes back parsed from both drivers; inside json_agg it may still be text on some paths.
const parsed = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
const iso = (v: Date | string) => new Date(v).toISOString();

export function toProductView(row: ProductRowWithVariants): ProductView {
  return {
    id: row.id as ProductId,
    handle: row.handle,
    title: row.title,
    description: row.description,
    descriptionHtml: row.description_html,
    status: row.status,
    vatRate: row.vat_rate,
    options: parsed(row.options),
    variants: row.variants.map((v) => ({
      id: v.id as VariantId,
      sku: v.sku,
      priceCents: v.price_cents,
      stock: v.stock,
      weightGrams: v.weight_grams,
      options: parsed(v.option_values),
    })),
    collections: row.collections ?? [],
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** How shoppers see a variant's name: its option values, or "Default" when the product has none. */
export function variantTitle(options: string[]): string {
  return options.length > 0 ? options.join(' / ') : 'Default';
}
