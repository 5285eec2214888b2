import { defineModule } from '../../core/module.js';
import type { AuthGuards } from '../auth/index.js';
import type { PlanLimits } from '../billing/index.js';
import type { ShopsService } from '../shops/index.js';
import { catalogueTables } from './catalogue.privacy.js';
import { createCatalogueReads, type CatalogueReads } from './catalogue.reads.js';
import { registerCatalogueRoutes } from './catalogue.routes.js';
import { createCatalogueService, type CatalogueService } from './catalogue.service.js';
import type { CatalogueTables } from './catalogue.tables.js';
import { createStock, type Stock } from './stock.js';
import { createProductImport, type ImageSources, type ProductImport } from './product-import.js';
import { registerProductCsvRoutes } from './product-csv.routes.js';

export type { CatalogueReads, Page } from './catalogue.reads.js';
export type { CatalogueService } from './catalogue.service.js';
export type { CatalogueTables } from './catalogue.tables.js';
export type { ProductView, VariantView } from './catalogue.views.js';
export { variantTitle } from './catalogue.views.js';
export type { ProductId, VariantId, CollectionId } from './catalogue-ids.js';
export type { Stock, StockLine } from './stock.js';
export { CATALOGUE_CHANGED, StockShortError } from './stock.js';
export { descriptionText } from './markdown.js';
export type { ProductInput } from './catalogue.schemas.js';
export type { ImageSources } from './product-import.js';

/** A shop's catalogue: products with variants and stock, collections, search. */
export const catalogueModule = defineModule<CatalogueTables>()({
  name: 'catalogue',
  uses: ['shops', 'planLimits'],
  routeUses: ['guards', 'media'],
  dataMap: catalogueTables,
  create: (kit, needs: { shops: ShopsService; planLimits: PlanLimits }) => {
    const catalogueReads = createCatalogueReads(kit.db);
    const catalogue = createCatalogueService({
      db: kit.db,
      audit: kit.audit,
      changes: kit.changes,
      shops: needs.shops,
      reads: catalogueReads,
      maxProducts: needs.planLimits.maxProducts,
    });
    return {
      catalogueReads,
      catalogue,
      productImport: createProductImport({ db: kit.db, catalogue, reads: catalogueReads }),
      stock: createStock({ db: kit.db, changes: kit.changes }),
    };
  },
  routes: (
    app,
    s: {
      catalogue: CatalogueService;
      catalogueReads: CatalogueReads;
      stock: Stock;
      shops: ShopsService;
      guards: AuthGuards;
      productImport: ProductImport;
      media: ImageSources;
    },
  ) => {
    registerCatalogueRoutes(app, s);
    registerProductCsvRoutes(app, s);
  },
});
