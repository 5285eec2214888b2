import { defineModule } from '../../core/module.js';
import type { AuthGuards } from '../auth/index.js';
import type { CatalogueReads } from '../catalogue/index.js';
import type { ShopsService } from '../shops/index.js';
import { mediaTables } from './media.privacy.js';
import { registerMediaRoutes } from './media.routes.js';
import { createMediaService, type MediaService } from './media.service.js';
import type { MediaTables } from './media.tables.js';

export type { MediaService, ImageView } from './media.service.js';
export type { MediaTables, Rendition } from './media.tables.js';
export { imagePath, RefusedUploadError, renditionFormats, renditionWidths } from './image-pipeline.js';

export const REMOVE_IMAGE_FILES_JOB = 'media.remove-image-files';

/** Product images: upload, anti-virus, resizing, storage, and the storefront's image files. */
export const mediaModule = defineModule<MediaTables>()({
  name: 'media',
  uses: ['catalogueReads', 'shops'],
  routeUses: ['guards', 'shops'],
  dataMap: mediaTables,
  create: (kit, needs: { catalogueReads: CatalogueReads; shops: ShopsService }) => ({
    media: createMediaService({
      db: kit.db,
      files: kit.files,
      scanner: kit.scanner,
      audit: kit.audit,
      changes: kit.changes,
      catalogueReads: needs.catalogueReads,
      shops: needs.shops,
    }),
  }),
  jobs: (s) => ({
    [REMOVE_IMAGE_FILES_JOB]: (payload) => s.media.removeImageFiles(payload as { shopId: string; imageId: string }),
  }),
  routes: (app, s: { media: MediaService; shops: ShopsService; guards: AuthGuards }, kit) =>
    registerMediaRoutes(app, { ...s, uploadLimitBytes: kit.config.files.uploadLimitBytes }),
});
