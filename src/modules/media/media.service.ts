import type { Kysely } from 'kysely';
import type { VirusScanner } from '../../core/antivirus/scanner.js';
import type { AuditLog } from '../../core/audit/audit-log.js';
import type { RequestContext } from '../../core/context.js';
import type { ChangeFeed } from '../../core/db/change-feed.js';
import { withShop } from '../../core/db/shop-isolation.js';
import { AppError } from '../../core/errors.js';
import { removePrefix, type FileStore } from '../../core/files/file-store.js';
import { newId } from '../../core/ids.js';
import { CATALOGUE_CHANGED, type CatalogueReads } from '../catalogue/index.js';
import type { MerchantScope, ShopScope, ShopsService } from '../shops/index.js';
import {
  imageFolder,
  imagePath,
  prepareImage,
  RefusedUploadError,
  renditionKey,
  type PreparedImage,
} from './image-pipeline.js';
import type { MediaTables, Rendition } from './media.tables.js';

export interface ImageView {
  id: string;
  productId: string;
  position: number;
  alt: string;
  width: number;
  height: number;
  sourceType: string;
  renditions: Rendition[];
  createdAt: string;
}

const contentTypes: Record<string, string> = { webp: 'image/webp', avif: 'image/avif' };

type Row = Awaited<ReturnType<ReturnType<typeof rowsOf>['execute']>>[number];
const rowsOf = (db: Kysely<MediaTables>) => db.selectFrom('product_image').selectAll();

const view = (r: Row): ImageView => ({
  id: r.id,
  productId: r.product_id,
  position: r.position,
  alt: r.alt,
  width: r.width,
  height: r.height,
  sourceType: r.source_type,
  renditions: typeof r.renditions === 'string' ? (JSON.parse(r.renditions) as Rendition[]) : r.renditions,
  createdAt: new Date(r.created_at).toISOString(),
});

/**
 * Product images: an upload is sniffed, scanned and converted (image-pipeline.ts) before anything is
 * kept; then its files are written, then its row. A crash between the two leaves files no row names,
 * under a folder of their own that nothing links to; a deleted row queues its files' removal in the
 * same transaction (migration 0022's trigger), so removal survives a crash too.
 */
export function createMediaService(deps: {
  db: Kysely<MediaTables>;
  files: FileStore;
  scanner: VirusScanner;
  audit: AuditLog;
  changes: ChangeFeed;
  catalogueReads: CatalogueReads;
  shops: Pick<ShopsService, 'setLogo'>;
}) {
  const { db } = deps;

  /** 404 unless the product is this shop's. */
  async function requireProduct(scope: ShopScope, productId: string) {
    if (!(await deps.catalogueReads.product(scope, productId)))
      throw new AppError('not_found', 'There is no such product in this shop.');
  }

  /**
   * An upload through the pipeline: type from the bytes, anti-virus, sizes made without metadata
   * (a refusal is audited against `target`), the files written under a new image id, then `record`
   * links them. If recording fails, the files go too (what a crash here leaves, nothing links to).
   */
  async function storeUpload<T>(
    ctx: RequestContext,
    scope: MerchantScope,
    bytes: Buffer,
    target: { kind: 'product' | 'shop'; id: string },
    record: (id: string, prepared: PreparedImage) => Promise<T>,
  ): Promise<T> {
    let prepared;
    try {
      prepared = await prepareImage(bytes, deps.scanner);
    } catch (e) {
      if (e instanceof RefusedUploadError)
        await deps.audit.record(ctx, {
          action: 'media.upload_refused',
          target,
          chain: `account:${scope.accountId}`,
          data: {
            reason: [e.reason],
            ...(e.signature ? { signature: [e.signature] } : {}),
            bytes: [String(bytes.length)],
          },
        });
      throw e;
    }
    const id = newId('img');
    const written: string[] = [];
    try {
      for (const r of prepared.renditions) {
        const key = renditionKey(scope.shopId, id, r);
        await deps.files.put(key, r.data, contentTypes[r.format]!);
        written.push(key);
      }
      return await record(id, prepared);
    } catch (e) {
      await deps.files.remove(written).catch(() => undefined);
      throw e;
    }
  }

  /** The sizes made, as the row keeps them (without their bytes). */
  const storedRenditions = (prepared: PreparedImage) => prepared.renditions.map(({ data: _data, ...r }) => r);

  async function addImage(
    ctx: RequestContext,
    scope: MerchantScope,
    productId: string,
    /** Reads the upload: called once the product is known to be this shop's, so a 404 reads no body. */
    read: () => Promise<{ bytes: Buffer; alt: string }>,
  ): Promise<ImageView> {
    await requireProduct(scope, productId);
    const upload = await read();
    const target = { kind: 'product' as const, id: productId };
    return storeUpload(ctx, scope, upload.bytes, target, async (id, prepared) => {
      const row = await withShop(db, scope.shopId, async (tx) => {
        const last = await tx
          .selectFrom('product_image')
          .select((eb) => eb.fn.max('position').as('p'))
          .where('shop_id', '=', scope.shopId)
          .where('product_id', '=', productId)
          .executeTakeFirst();
        const inserted = await tx
          .insertInto('product_image')
          .values({
            shop_id: scope.shopId,
            id,
            product_id: productId,
            position: Number(last?.p ?? 0) + 1,
            alt: upload.alt,
            width: prepared.width,
            height: prepared.height,
            source_type: prepared.sourceType,
            source_bytes: upload.bytes.length,
            renditions: JSON.stringify(storedRenditions(prepared)),
            created_at: ctx.now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await deps.changes.announce(tx, CATALOGUE_CHANGED, scope.shopId);
        await deps.audit.record(ctx, {
          action: 'media.image_added',
          target,
          chain: `account:${scope.accountId}`,
          data: { image: [id] },
        });
        return inserted;
      });
      return view(row);
    });
  }

  async function imagesOfProduct(scope: ShopScope, productId: string): Promise<ImageView[]> {
    return withShop(db, scope.shopId, async (tx) =>
      (
        await rowsOf(tx)
          .where('shop_id', '=', scope.shopId)
          .where('product_id', '=', productId)
          .orderBy('position')
          .orderBy('id')
          .execute()
      ).map(view),
    );
  }

  /** The merchant's list of a product's images; 404 for a product not in this shop. */
  async function listImages(scope: MerchantScope, productId: string): Promise<ImageView[]> {
    await requireProduct(scope, productId);
    return imagesOfProduct(scope, productId);
  }

  /** The images of several products, in their order: what a storefront page shows. */
  async function imagesOf(scope: ShopScope, productIds: string[]): Promise<Map<string, ImageView[]>> {
    const out = new Map<string, ImageView[]>();
    if (productIds.length === 0) return out;
    const rows = await withShop(db, scope.shopId, async (tx) =>
      rowsOf(tx)
        .where('shop_id', '=', scope.shopId)
        .where('product_id', 'in', productIds)
        .orderBy('product_id')
        .orderBy('position')
        .orderBy('id')
        .execute(),
    );
    for (const r of rows) {
      const list = out.get(r.product_id) ?? [];
      list.push(view(r));
      out.set(r.product_id, list);
    }
    return out;
  }

  /** The address (on the shop's host) of each product's first image, for the CSV export's Image Src. */
  async function firstImagePaths(scope: ShopScope, productIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const [productId, images] of await imagesOf(scope, productIds)) {
      const largest = images[0]?.renditions.filter((r) => r.format === 'webp').sort((a, b) => b.width - a.width)[0];
      if (largest) out.set(productId, imagePath(images[0]!.id, largest));
    }
    return out;
  }

  /** Changes an image's alt text or moves it to another place among its product's images. */
  async function updateImage(
    ctx: RequestContext,
    scope: MerchantScope,
    productId: string,
    imageId: string,
    patch: { alt?: string | undefined; position?: number | undefined },
  ): Promise<ImageView> {
    return withShop(db, scope.shopId, async (tx) => {
      const all = await rowsOf(tx)
        .where('shop_id', '=', scope.shopId)
        .where('product_id', '=', productId)
        .orderBy('position')
        .orderBy('id')
        .forUpdate()
        .execute();
      const image = all.find((r) => r.id === imageId);
      if (!image) throw new AppError('not_found', 'There is no such image of this product.');
      if (patch.alt !== undefined)
        await tx
          .updateTable('product_image')
          .set({ alt: patch.alt })
          .where('shop_id', '=', scope.shopId)
          .where('id', '=', imageId)
          .execute();
      if (patch.position !== undefined) {
        const order = all.filter((r) => r.id !== imageId);
        order.splice(Math.min(Math.max(patch.position, 1), all.length) - 1, 0, image);
        for (const [i, r] of order.entries())
          if (r.position !== i + 1)
            await tx
              .updateTable('product_image')
              .set({ position: i + 1 })
              .where('shop_id', '=', scope.shopId)
              .where('id', '=', r.id)
              .execute();
      }
      await deps.changes.announce(tx, CATALOGUE_CHANGED, scope.shopId);
      await deps.audit.record(ctx, {
        action: 'media.image_changed',
        target: { kind: 'product', id: productId },
        chain: `account:${scope.accountId}`,
        data: { image: [imageId] },
      });
      return view(
        await rowsOf(tx).where('shop_id', '=', scope.shopId).where('id', '=', imageId).executeTakeFirstOrThrow(),
      );
    });
  }

  async function removeImage(ctx: RequestContext, scope: MerchantScope, productId: string, imageId: string) {
    await withShop(db, scope.shopId, async (tx) => {
      const gone = await tx
        .deleteFrom('product_image')
        .where('shop_id', '=', scope.shopId)
        .where('product_id', '=', productId)
        .where('id', '=', imageId)
        .executeTakeFirst();
      if (Number(gone.numDeletedRows) === 0) throw new AppError('not_found', 'There is no such image of this product.');
      await deps.changes.announce(tx, CATALOGUE_CHANGED, scope.shopId);
      await deps.audit.record(ctx, {
        action: 'media.image_removed',
        target: { kind: 'product', id: productId },
        chain: `account:${scope.accountId}`,
        data: { image: [imageId] },
      });
    });
  }

  /** The job the deletion trigger queues: the image's folder goes from the store. */
  async function removeImageFiles(payload: { shopId: string; imageId: string }) {
    await removePrefix(deps.files, `${imageFolder(payload.shopId, payload.imageId)}/`);
  }

  /** A stored size of an image of this shop, for the storefront; null when there is none. */
  /**
   * The shop's logo: the same checks as a product photo (type from the bytes, anti-virus, metadata
   * stripped, sizes made), its files under the shop's images; the one it replaces is removed.
   */
  async function setLogo(ctx: RequestContext, scope: MerchantScope, bytes: Buffer) {
    const replaced = await storeUpload(ctx, scope, bytes, { kind: 'shop', id: scope.shopId }, (id, prepared) =>
      deps.shops.setLogo(ctx, scope, {
        id,
        width: prepared.width,
        height: prepared.height,
        renditions: storedRenditions(prepared),
      }),
    );
    if (replaced) await removePrefix(deps.files, `${imageFolder(scope.shopId, replaced.id)}/`);
  }

  async function removeLogo(ctx: RequestContext, scope: MerchantScope) {
    const replaced = await deps.shops.setLogo(ctx, scope, null);
    if (replaced) await removePrefix(deps.files, `${imageFolder(scope.shopId, replaced.id)}/`);
  }

  async function renditionFile(scope: ShopScope, imageId: string, file: string) {
    const m = /^(\d{1,4})\.(webp|avif)$/.exec(file);
    if (!m || !/^img_[0-9a-z]{16,40}$/.test(imageId)) return null;
    const bytes = await deps.files.get(renditionKey(scope.shopId, imageId, { width: Number(m[1]), format: m[2]! }));
    return bytes ? { bytes, contentType: contentTypes[m[2]!]! } : null;
  }

  return {
    addImage,
    listImages,
    imagesOfProduct,
    imagesOf,
    firstImagePaths,
    updateImage,
    removeImage,
    removeImageFiles,
    renditionFile,
    setLogo,
    removeLogo,
  };
}
export type MediaService = ReturnType<typeof createMediaService>;
