import type { Kysely } from 'kysely';
import type { RequestContext } from '../../core/context.js';
import { withShop } from '../../core/db/shop-isolation.js';
import { AppError, validationError, type FieldError } from '../../core/errors.js';
import type { MerchantScope, ShopScope } from '../shops/index.js';
import type { CatalogueReads } from './catalogue.reads.js';
import type { CatalogueService } from './catalogue.service.js';
import type { CatalogueTables } from './catalogue.tables.js';
import { parseProductCsv, productsToCsv } from './product-csv.js';

/** Where a product's first image is, when the shop has images (the media module answers). */
export interface ImageSources {
  firstImagePaths(scope: ShopScope, productIds: string[]): Promise<Map<string, string>>;
}

/**
 * CSV import and export of a shop's products. An import is checked whole first (every row, every
 * column: the report names each), then written in one unit of work: a product whose handle the shop
 * has is updated (its variants kept by SKU), any other is created; one refusal while writing (a SKU
 * another product has) rolls the whole import back. Nothing is ever half-imported.
 */
export function createProductImport(deps: {
  db: Kysely<CatalogueTables>;
  catalogue: CatalogueService;
  reads: CatalogueReads;
}) {
  async function importCsv(ctx: RequestContext, scope: MerchantScope, text: string) {
    const parsed = parseProductCsv(text);
    if (parsed.errors.length > 0) throw validationError(parsed.errors, 'Nothing was imported: fix the rows named.');
    let created = 0;
    let updated = 0;
    await withShop(deps.db, scope.shopId, async (tx) => {
      for (const p of parsed.products) {
        const existing = await tx
          .selectFrom('product')
          .select('id')
          .where('shop_id', '=', scope.shopId)
          .where('handle', '=', p.handle)
          .executeTakeFirst();
        try {
          if (existing) {
            await deps.catalogue.updateProduct(ctx, scope, existing.id, p.input);
            updated++;
          } else {
            await deps.catalogue.createProduct(ctx, scope, p.input);
            created++;
          }
        } catch (e) {
          if (e instanceof AppError && (e.code === 'validation' || e.code === 'conflict')) {
            const at = `row ${p.rows[0]}`;
            const errors: FieldError[] = (e.errors ?? [{ field: 'product', message: e.message }]).map((f) => ({
              field: `${at}: ${f.field}`,
              message: f.message,
            }));
            throw validationError(errors, 'Nothing was imported: fix the rows named.');
          }
          throw e;
        }
      }
    });
    return { created, updated, products: parsed.products.length };
  }

  async function exportCsv(scope: MerchantScope, images: ImageSources | null, shopUrl: string) {
    const products = [];
    for (let page = 1; ; page++) {
      const found = await deps.reads.products(scope, { page, perPage: 100 });
      products.push(...found.items);
      if (found.items.length === 0 || products.length >= found.total) break;
    }
    const paths = images
      ? await images.firstImagePaths(
          scope,
          products.map((p) => p.id),
        )
      : new Map<string, string>();
    return productsToCsv(products, (id) => {
      const at = paths.get(id);
      return at ? new URL(at, shopUrl).href : null;
    });
  }

  return { importCsv, exportCsv };
}
export type ProductImport = ReturnType<typeof createProductImport>;
