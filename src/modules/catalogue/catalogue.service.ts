import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuditLog } from '../../core/audit/audit-log.js';
import type { RequestContext } from '../../core/context.js';
import type { ChangeFeed } from '../../core/db/change-feed.js';
import { constraintOf, isUniqueViolation } from '../../core/db/errors.js';
import { withShop } from '../../core/db/shop-isolation.js';
import { AppError, validationError, type FieldError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { MerchantScope, ShopsService } from '../shops/index.js';
import type { CatalogueReads } from './catalogue.reads.js';
import type { CollectionInput, ProductInput, ProductPatch, StockEdit } from './catalogue.schemas.js';
import type { CatalogueTables, ProductOption } from './catalogue.tables.js';
import type { ProductId } from './catalogue-ids.js';
import { firstFreeHandle, handleFromTitle } from './handles.js';
import { descriptionHtml } from './markdown.js';
import { CATALOGUE_CHANGED } from './stock.js';
import { variantProblems } from './variant-rules.js';

type Tx = Transaction<CatalogueTables>;
type VariantInput = ProductInput['variants'][number];

/**
 * The merchant's changes to a shop's catalogue. Each runs in one unit of work inside the shop
 * (withShop), is audited on the merchant's chain, and tells every app server to drop the shop's
 * cached pages when it commits.
 */
export function createCatalogueService(deps: {
  db: Kysely<CatalogueTables>;
  audit: AuditLog;
  changes: ChangeFeed;
  shops: ShopsService;
  reads: CatalogueReads;
  /** The most products the shop's plan allows (null: no limit). */
  maxProducts: (shopId: string) => Promise<number | null>;
}) {
  const { db } = deps;

  /**
   * The plan's product limit, checked in the creating unit of work under a lock per shop, so two
   * servers adding the last product at once cannot both pass.
   */
  async function withinProductLimit(tx: Tx, scope: MerchantScope, adding: number) {
    const max = await deps.maxProducts(scope.shopId);
    if (max === null) return;
    await sql`select pg_advisory_xact_lock(hashtext(${`products:${scope.shopId}`}))`.execute(tx);
    const { n } = await tx
      .selectFrom('product')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('shop_id', '=', scope.shopId)
      .executeTakeFirstOrThrow();
    if (Number(n) + adding > max)
      throw new AppError(
        'conflict',
        `Your plan allows ${max} products and this shop has ${n}: choose a larger plan to add more.`,
      );
  }

  async function freeHandle(tx: Tx, scope: MerchantScope, table: 'product' | 'collection', title: string) {
    const base = handleFromTitle(title);
    const taken = await tx
      .selectFrom(table)
      .select('handle')
      .where('shop_id', '=', scope.shopId)
      .where('handle', 'like', `${base}%`)
      .execute();
    return firstFreeHandle(base, new Set(taken.map((r) => r.handle)));
  }

  /** SKUs another product of the shop already uses, as field errors on this body's variants. */
  async function skuClashes(tx: Tx, scope: MerchantScope, productId: string, variants: VariantInput[]) {
    const used = await tx
      .selectFrom('product_variant')
      .select(sql<string>`upper(sku)`.as('sku'))
      .where('shop_id', '=', scope.shopId)
      .where('product_id', '!=', productId)
      .where(
        sql<string>`upper(sku)`,
        'in',
        variants.map((v) => v.sku.toUpperCase()),
      )
      .execute();
    const clash = new Set(used.map((r) => r.sku));
    return variants.flatMap((v, i) =>
      clash.has(v.sku.toUpperCase())
        ? [{ field: `variants.${i}.sku`, message: 'Another product of this shop uses this SKU' }]
        : [],
    );
  }

  async function setCollections(tx: Tx, scope: MerchantScope, productId: string, handles: string[]) {
    const found = handles.length
      ? await tx
          .selectFrom('collection')
          .select(['id', 'handle'])
          .where('shop_id', '=', scope.shopId)
          .where('handle', 'in', handles)
          .execute()
      : [];
    const unknown: FieldError[] = handles.flatMap((h, i) =>
      found.some((c) => c.handle === h)
        ? []
        : [{ field: `collections.${i}`, message: 'No collection has this handle' }],
    );
    if (unknown.length > 0) throw validationError(unknown);
    const keep = found.map((c) => c.id);
    await tx
      .deleteFrom('collection_product')
      .where('shop_id', '=', scope.shopId)
      .where('product_id', '=', productId)
      .$if(keep.length > 0, (q) => q.where('collection_id', 'not in', keep))
      .execute();
    for (const c of found) {
      // A product joins the end of a collection it was not in; one already in keeps its place.
      await sql`
        insert into collection_product (shop_id, collection_id, product_id, position)
        select ${scope.shopId}, ${c.id}, ${productId},
               coalesce((select max(position) + 1 from collection_product
                         where shop_id = ${scope.shopId} and collection_id = ${c.id}), 0)
        on conflict do nothing`.execute(tx);
    }
  }

  // The search vector is kept with the product: titles and SKUs weigh most, descriptions least.
  async function refreshSearch(tx: Tx, scope: MerchantScope, productId: string) {
    await sql`
      update product p set search =
        setweight(to_tsvector('simple', unaccent(p.title)), 'A') ||
        setweight(to_tsvector('simple', unaccent(coalesce(
          (select string_agg(v.sku, ' ') from product_variant v where v.shop_id = p.shop_id and v.product_id = p.id),
          ''))), 'A') ||
        setweight(to_tsvector('simple', unaccent(p.description)), 'C')
      where p.shop_id = ${scope.shopId} and p.id = ${productId}`.execute(tx);
  }

  async function writeVariants(tx: Tx, scope: MerchantScope, productId: string, variants: VariantInput[]) {
    const existing = await tx
      .selectFrom('product_variant')
      .select(['id', 'sku'])
      .where('shop_id', '=', scope.shopId)
      .where('product_id', '=', productId)
      .execute();
    const unknownIds: FieldError[] = variants.flatMap((v, i) =>
      v.id && !existing.some((e) => e.id === v.id)
        ? [{ field: `variants.${i}.id`, message: 'This product has no variant with this id' }]
        : [],
    );
    if (unknownIds.length > 0) throw validationError(unknownIds);
    // A variant keeps its id (and the carts that hold it) when named by id or by its unchanged SKU.
    const claimed = new Set(variants.flatMap((v) => (v.id ? [v.id] : [])));
    const ids = variants.map((v) => {
      if (v.id) return v.id;
      const same = existing.find((e) => !claimed.has(e.id) && e.sku.toUpperCase() === v.sku.toUpperCase());
      if (same) claimed.add(same.id);
      return same?.id ?? newId('var');
    });
    const gone = existing.filter((e) => !ids.includes(e.id)).map((e) => e.id);
    if (gone.length > 0)
      await tx.deleteFrom('product_variant').where('shop_id', '=', scope.shopId).where('id', 'in', gone).execute();
    // SKUs may be swapped between kept variants: free them first so the unique index never sees a clash mid-way.
    const kept = ids.filter((id) => existing.some((e) => e.id === id));
    if (kept.length > 0)
      await tx
        .updateTable('product_variant')
        .set({ sku: sql<string>`'~' || id` })
        .where('shop_id', '=', scope.shopId)
        .where('id', 'in', kept)
        .execute();
    for (const [i, v] of variants.entries()) {
      const values = {
        sku: v.sku,
        price_cents: v.priceCents,
        stock: v.stock,
        weight_grams: v.weightGrams ?? null,
        option_values: JSON.stringify(v.options ?? []),
        position: i,
      };
      await tx
        .insertInto('product_variant')
        .values({ shop_id: scope.shopId, id: ids[i]!, product_id: productId, ...values })
        .onConflict((oc) => oc.columns(['shop_id', 'id']).doUpdateSet(values))
        .execute();
    }
  }

  function uniqueProblem(e: unknown): AppError | null {
    if (!isUniqueViolation(e)) return null;
    const constraint = constraintOf(e) ?? '';
    if (constraint.includes('sku'))
      return validationError([{ field: 'variants', message: 'Another product of this shop uses one of these SKUs' }]);
    return validationError([{ field: 'handle', message: 'Another product of this shop has this handle' }]);
  }

  async function changed(
    tx: Tx,
    ctx: RequestContext,
    scope: MerchantScope,
    action: string,
    id: string,
    data?: Record<string, string[]>,
  ) {
    await deps.changes.announce(tx, CATALOGUE_CHANGED, scope.shopId);
    await deps.audit.record(ctx, {
      action,
      target: { kind: action.split('.')[0]!, id },
      chain: `account:${scope.accountId}`,
      ...(data ? { data } : {}),
    });
  }

  async function createProduct(ctx: RequestContext, scope: MerchantScope, input: ProductInput) {
    const options: ProductOption[] = input.options ?? [];
    const problems = variantProblems(options, input.variants);
    if (problems.length > 0) throw validationError(problems);
    const id = newId('prd') as ProductId;
    try {
      await withShop(db, scope.shopId, async (tx) => {
        await withinProductLimit(tx, scope, 1);
        const clashes = await skuClashes(tx, scope, id, input.variants);
        if (clashes.length > 0) throw validationError(clashes);
        const vatRate = input.vatRate ?? (await deps.shops.getShop(scope)).defaultVatRate;
        const description = input.description ?? '';
        await tx
          .insertInto('product')
          .values({
            shop_id: scope.shopId,
            id,
            handle: input.handle ?? (await freeHandle(tx, scope, 'product', input.title)),
            title: input.title,
            description,
            description_html: descriptionHtml(description),
            status: input.status,
            vat_rate: vatRate,
            options: JSON.stringify(options),
            created_at: ctx.now,
            updated_at: ctx.now,
          })
          .execute();
        await writeVariants(tx, scope, id, input.variants);
        if (input.collections) await setCollections(tx, scope, id, input.collections);
        await refreshSearch(tx, scope, id);
        await changed(tx, ctx, scope, 'product.create', id);
      });
    } catch (e) {
      throw uniqueProblem(e) ?? e;
    }
    return (await deps.reads.product(scope, id))!;
  }

  async function updateProduct(ctx: RequestContext, scope: MerchantScope, productId: string, patch: ProductPatch) {
    try {
      await withShop(db, scope.shopId, async (tx) => {
        const current = await deps.reads.product(scope, productId);
        if (!current) throw new AppError('not_found', 'No such product.');
        const options = patch.options ?? current.options;
        const variants: VariantInput[] =
          patch.variants ??
          current.variants.map((v) => ({
            id: v.id,
            sku: v.sku,
            priceCents: v.priceCents,
            stock: v.stock,
            options: v.options,
            ...(v.weightGrams !== null ? { weightGrams: v.weightGrams } : {}),
          }));
        const problems = variantProblems(options, variants);
        if (problems.length > 0) throw validationError(problems);
        if (patch.variants) {
          const clashes = await skuClashes(tx, scope, productId, patch.variants);
          if (clashes.length > 0) throw validationError(clashes);
        }
        const description = patch.description ?? current.description;
        await tx
          .updateTable('product')
          .set({
            ...(patch.title !== undefined ? { title: patch.title } : {}),
            ...(patch.handle !== undefined ? { handle: patch.handle } : {}),
            ...(patch.description !== undefined ? { description, description_html: descriptionHtml(description) } : {}),
            ...(patch.status !== undefined ? { status: patch.status } : {}),
            ...(patch.vatRate !== undefined ? { vat_rate: patch.vatRate } : {}),
            ...(patch.options !== undefined ? { options: JSON.stringify(options) } : {}),
            updated_at: ctx.now,
          })
          .where('shop_id', '=', scope.shopId)
          .where('id', '=', productId)
          .execute();
        if (patch.variants) await writeVariants(tx, scope, productId, patch.variants);
        if (patch.collections) await setCollections(tx, scope, productId, patch.collections);
        await refreshSearch(tx, scope, productId);
        await changed(tx, ctx, scope, 'product.update', productId, { fields: Object.keys(patch) });
      });
    } catch (e) {
      throw uniqueProblem(e) ?? e;
    }
    return (await deps.reads.product(scope, productId))!;
  }

  /**
   * Bulk stock edit: every variant named gets its new count, in one unit of work; a variant this shop
   * does not have is named and nothing changes. A count set while orders are taking units is set as
   * given (the merchant counted the shelf).
   */
  async function setStock(ctx: RequestContext, scope: MerchantScope, items: StockEdit['items']) {
    return withShop(db, scope.shopId, async (tx) => {
      const ids = [...new Set(items.map((i) => i.variantId))];
      const known = new Set(
        (
          await tx
            .selectFrom('product_variant')
            .select('id')
            .where('shop_id', '=', scope.shopId)
            .where('id', 'in', ids)
            .execute()
        ).map((r) => r.id),
      );
      const unknown = items.flatMap((item, i) =>
        known.has(item.variantId) ? [] : [{ field: `items.${i}.variantId`, message: 'No such variant in this shop.' }],
      );
      if (unknown.length > 0)
        throw validationError(unknown, 'Nothing was changed: the variants named are not this shop’s.');
      for (const item of items)
        await tx
          .updateTable('product_variant')
          .set({ stock: item.stock })
          .where('shop_id', '=', scope.shopId)
          .where('id', '=', item.variantId)
          .execute();
      await deps.changes.announce(tx, CATALOGUE_CHANGED, scope.shopId);
      await deps.audit.record(ctx, {
        action: 'stock.set',
        target: { kind: 'shop', id: scope.shopId },
        chain: `account:${scope.accountId}`,
        data: { variants: ids },
      });
      return { updated: ids.length };
    });
  }

  /** Orders keep their own copy of what was sold, so a product can go without touching them. */
  async function deleteProduct(ctx: RequestContext, scope: MerchantScope, productId: string) {
    await withShop(db, scope.shopId, async (tx) => {
      const gone = await tx
        .deleteFrom('product')
        .where('shop_id', '=', scope.shopId)
        .where('id', '=', productId)
        .executeTakeFirst();
      if (Number(gone.numDeletedRows) === 0) throw new AppError('not_found', 'No such product.');
      await changed(tx, ctx, scope, 'product.delete', productId);
    });
  }

  async function createCollection(ctx: RequestContext, scope: MerchantScope, input: CollectionInput) {
    const id = newId('col');
    try {
      await withShop(db, scope.shopId, async (tx) => {
        await tx
          .insertInto('collection')
          .values({
            shop_id: scope.shopId,
            id,
            handle: input.handle ?? (await freeHandle(tx, scope, 'collection', input.title)),
            title: input.title,
            description: input.description ?? '',
            created_at: ctx.now,
            updated_at: ctx.now,
          })
          .execute();
        const handles = input.products ?? [];
        const products = handles.length
          ? await tx
              .selectFrom('product')
              .select(['id', 'handle'])
              .where('shop_id', '=', scope.shopId)
              .where('handle', 'in', handles)
              .execute()
          : [];
        const unknown: FieldError[] = handles.flatMap((h, i) =>
          products.some((p) => p.handle === h)
            ? []
            : [{ field: `products.${i}`, message: 'No product has this handle' }],
        );
        if (unknown.length > 0) throw validationError(unknown);
        const ordered = [...new Set(handles)].map((h) => products.find((p) => p.handle === h)!.id);
        if (ordered.length > 0)
          await tx
            .insertInto('collection_product')
            .values(
              ordered.map((productId, position) => ({
                shop_id: scope.shopId,
                collection_id: id,
                product_id: productId,
                position,
              })),
            )
            .execute();
        await changed(tx, ctx, scope, 'collection.create', id);
      });
    } catch (e) {
      if (isUniqueViolation(e))
        throw validationError([{ field: 'handle', message: 'Another collection of this shop has this handle' }]);
      throw e;
    }
    const all = await deps.reads.collections(scope, { activeOnly: false });
    return all.find((c) => c.id === id)!;
  }

  return { createProduct, updateProduct, deleteProduct, createCollection, setStock };
}
export type CatalogueService = ReturnType<typeof createCatalogueService>;
