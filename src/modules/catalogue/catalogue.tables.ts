import type { ColumnType, Generated } from 'kysely';
import type { VatRate } from '../shops/index.js';

export type ProductStatus = 'draft' | 'active';
export interface ProductOption {
  name: string;
  values: string[];
}

type Json<T> = ColumnType<T, string, string>;

export interface ProductTable {
  shop_id: string;
  id: string;
  handle: string;
  title: string;
  description: Generated<string>;
  description_html: Generated<string>;
  status: Generated<ProductStatus>;
  vat_rate: VatRate;
  options: Json<ProductOption[]>;
  search: Generated<string>;
  created_at: Date;
  updated_at: Date;
}

export interface ProductVariantTable {
  shop_id: string;
  id: string;
  product_id: string;
  sku: string;
  price_cents: number;
  stock: number;
  weight_grams: number | null;
  option_values: Json<string[]>;
  position: number;
}

export interface CollectionTable {
  shop_id: string;
  id: string;
  handle: string;
  title: string;
  description: Generated<string>;
  created_at: Date;
  updated_at: Date;
}

export interface CollectionProductTable {
  shop_id: string;
  collection_id: string;
  product_id: string;
  position: number;
}

export interface CatalogueTables {
  product: ProductTable;
  product_variant: ProductVariantTable;
  collection: CollectionTable;
  collection_product: CollectionProductTable;
}
