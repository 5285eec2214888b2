import type { ColumnType } from 'kysely';

/** One stored size of an image, in one format. */
export interface Rendition {
  width: number;
  height: number;
  format: 'webp' | 'avif';
  bytes: number;
}

export interface ProductImageTable {
  shop_id: string;
  id: string;
  product_id: string;
  position: number;
  alt: string;
  width: number;
  height: number;
  source_type: string;
  source_bytes: number;
  renditions: ColumnType<Rendition[], string, string>;
  created_at: Date;
}

export interface MediaTables {
  product_image: ProductImageTable;
}
