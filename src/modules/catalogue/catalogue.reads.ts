import { sql, type ExpressionBuilder, type Kysely, type RawBuilder } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { withShop } from '../../core/db/shop-isolation.js';
import type { ShopScope } from '../shops/index.js';
import type { ProductListInput } from './catalogue.schemas.js';
import type { CatalogueTables } from './catalogue.tables.js';
import { toProductView, type ProductRowWithVariants, type ProductView } from './catalogue.views.js';
import { prefixQuery } from './search-query.js';

type Eb = ExpressionBuilder<CatalogueTables & { p: CatalogueTables['product'] }, 'p'>;

const productColumns = [
  'p.id',
  'p.handle',
  'p.title',
  'p.description',
  'p.description_html',
  'p.status',
  'p.vat_rate',
  'p.options',
  'p.created_at',
  'p.updated_at',
] as const;

// A product's variants come back with the product, in one query: a page is one round trip.
const variantsOf = (eb: Eb) =>
  jsonArrayFrom(
    eb
      .selectFrom('product_variant as v')
      .select(['v.id', 'v.sku', 'v.price_cents', 'v.stock', 'v.weight_grams', 'v.option_values'])
      .whereRef('v.shop_id', '=', 'p.shop_id')
      .whereRef('v.product_id', '=', 'p.id')
      .orderBy('v.position'),
  ).as('variants');

const collectionHandlesOf = (eb: Eb) =>
  eb
    .selectFrom('collection_product as cp')
    .innerJoin('collection as c', (j) => j.onRef('c.shop_id', '=', 'cp.shop_id').onRef('c.id', '=', 'cp.collection_id'))
    .select(sql<string[]>`coalesce(array_agg(c.handle order by c.handle), '{}')`.as('h'))
    .whereRef('cp.shop_id', '=', 'p.shop_id')
    .whereRef('cp.product_id', '=', 'p.id')
    .as('collections');

export interface Page<T> {
  items: T[];
  total: number;
}

/**
 * Reads of a shop's catalogue: the merchant's (every product) and the storefront's (active ones).
 * `faults.productWithoutShopFilter` is for the test that proves row-level security alone hides
 * another shop's product: it leaves the first wall (the WHERE clause) out of `product`.
 */
export function createCatalogueReads(db: Kysely<CatalogueTables>, faults: { productWithoutShopFilter?: boolean } = {}) {
  const unscopedRows = () =>
    db
      .selectFrom('product as p')
      .select(productColumns)
      .select((eb) => variantsOf(eb));
  const rows = (scope: ShopScope) => unscopedRows().where('p.shop_id', '=', scope.shopId);

  async function product(scope: ShopScope, productId: string): Promise<ProductView | undefined> {
    return withShop(db, scope.shopId, async () => {
      const row = await (faults.productWithoutShopFilter ? unscopedRows() : rows(scope))
        .select((eb) => collectionHandlesOf(eb))
        .where('p.id', '=', productId)
        .executeTakeFirst();
      return row ? toProductView(row as ProductRowWithVariants) : undefined;
    });
  }

  /**
   * A page of the merchant's list (or the storefront's search). The page is picked first — keys,
   * sort key and total of the filtered products, with the limit and offset — and only its rows are
   * read whole, with their variants and collections: in one statement with the `offset`, PostgreSQL
   * would build those for every product it skips. A search picks from shop_product_matches
   * (migration 0027): under the shop's row-level security PostgreSQL cannot use the search index
   * for a plain `@@`.
   */
  async function products(scope: ShopScope, query: ProductListInput): Promise<Page<ProductView>> {
    const terms = query.q ? prefixQuery(query.q) : null;
    // Conditions on the picked row `k` (shop_id, id): the same whether it came from the index or the table.
    const conditions: RawBuilder<boolean>[] = [];
    if (query.collection)
      conditions.push(sql<boolean>`exists (select 1 from collection_product cp
        join collection c on c.shop_id = cp.shop_id and c.id = cp.collection_id
        where cp.shop_id = k.shop_id and cp.product_id = k.id and c.handle = ${query.collection})`);
    // Stock as the back office filters it: some variant sold out, or some with 3 units or fewer.
    if (query.stock)
      conditions.push(sql<boolean>`exists (select 1 from product_variant sv
        where sv.shop_id = k.shop_id and sv.product_id = k.id and sv.stock <= ${query.stock === 'out' ? 0 : 3})`);
    const sortKey = terms ? 'rank' : 'created_at';
    const keys = terms
      ? sql<{
          shop_id: string;
          id: string;
          rank: number;
        }>`select shop_id, id, rank from shop_product_matches(to_tsquery('simple', unaccent(${terms})), ${query.status ?? null}) k`
      : sql<{
          shop_id: string;
          id: string;
          created_at: Date;
        }>`select shop_id, id, created_at from product k where shop_id = ${scope.shopId}${
          query.status ? sql` and status = ${query.status}` : sql``
        }`;
    const where = conditions.length > 0 ? sql` where ${sql.join(conditions, sql` and `)}` : sql``;
    // In parentheses: a raw query is aliased as it is written.
    const page = sql<{ shop_id: string; id: string; sort: unknown; total: number }>`(
      select k.shop_id, k.id, k.${sql.ref(sortKey)} as sort, count(*) over () as total
      from (${keys}) k${where}
      order by k.${sql.ref(sortKey)} desc, k.id
      limit ${query.perPage} offset ${(query.page - 1) * query.perPage})`;
    return withShop(db, scope.shopId, async () => {
      const found = await db
        .selectFrom(page.as('pg'))
        .innerJoin('product as p', (j) => j.onRef('p.shop_id', '=', 'pg.shop_id').onRef('p.id', '=', 'pg.id'))
        .select(productColumns)
        .select('pg.total')
        .select((eb) => variantsOf(eb as unknown as Eb))
        .select((eb) => collectionHandlesOf(eb as unknown as Eb))
        .where('p.shop_id', '=', scope.shopId)
        .orderBy('pg.sort', 'desc')
        .orderBy('p.id')
        .execute();
      return {
        items: found.map((r) => toProductView(r as unknown as ProductRowWithVariants)),
        total: found[0] ? Number(found[0].total) : 0,
      };
    });
  }

  /**
   * Several reads of one shop as one unit of work (one BEGIN, one switch to the shop's role, one
   * COMMIT): the reads inside join it. A storefront page reads its content and its navigation so.
   */
  async function together<T>(scope: ShopScope, fn: () => Promise<T>): Promise<T> {
    return withShop(db, scope.shopId, fn);
  }

  /** The storefront's product page: active products only. */
  async function activeProduct(scope: ShopScope, handle: string): Promise<ProductView | undefined> {
    return withShop(db, scope.shopId, async () => {
      const row = await rows(scope).where('p.handle', '=', handle).where('p.status', '=', 'active').executeTakeFirst();
      return row ? toProductView(row as ProductRowWithVariants) : undefined;
    });
  }

  /** A collection and one page of its active products, in the merchant's order: one query. */
  async function collectionPage(scope: ShopScope, handle: string, page: { page: number; perPage: number }) {
    return withShop(db, scope.shopId, async () => {
      const row = await db
        .selectFrom('collection as c')
        .select(['c.id', 'c.handle', 'c.title', 'c.description'])
        .select((eb) =>
          eb
            .selectFrom('collection_product as cp')
            .innerJoin('product as p', (j) =>
              j.onRef('p.shop_id', '=', 'cp.shop_id').onRef('p.id', '=', 'cp.product_id'),
            )
            .select(sql<number>`count(*)`.as('n'))
            .whereRef('cp.shop_id', '=', 'c.shop_id')
            .whereRef('cp.collection_id', '=', 'c.id')
            .where('p.status', '=', 'active')
            .as('total'),
        )
        .select((eb) =>
          jsonArrayFrom(
            eb
              .selectFrom('collection_product as cp')
              .innerJoin('product as p', (j) =>
                j.onRef('p.shop_id', '=', 'cp.shop_id').onRef('p.id', '=', 'cp.product_id'),
              )
              .select(productColumns)
              .select((eb2) => variantsOf(eb2 as unknown as Eb))
              .whereRef('cp.shop_id', '=', 'c.shop_id')
              .whereRef('cp.collection_id', '=', 'c.id')
              .where('p.status', '=', 'active')
              .orderBy('cp.position')
              .orderBy('p.id')
              .limit(page.perPage)
              .offset((page.page - 1) * page.perPage),
          ).as('products'),
        )
        .where('c.shop_id', '=', scope.shopId)
        .where('c.handle', '=', handle)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        collection: { id: row.id, handle: row.handle, title: row.title, description: row.description },
        products: (row.products as unknown as ProductRowWithVariants[]).map(toProductView),
        total: Number(row.total ?? 0),
      };
    });
  }

  /** Accent-insensitive prefix search over titles, SKUs and descriptions, best match first. */
  async function searchActive(scope: ShopScope, terms: string, page: { page: number; perPage: number }) {
    const q = prefixQuery(terms);
    if (!q) return { items: [], total: 0 };
    return products(scope, { q: terms, status: 'active', page: page.page, perPage: page.perPage });
  }

  /** The shop's collections, for navigation and the merchant's list. */
  async function collections(scope: ShopScope, opts: { activeOnly: boolean }) {
    return withShop(db, scope.shopId, async () =>
      db
        .selectFrom('collection as c')
        .select(['c.id', 'c.handle', 'c.title', 'c.description', 'c.created_at'])
        .select((eb) =>
          eb
            .selectFrom('collection_product as cp')
            .innerJoin('product as p', (j) =>
              j.onRef('p.shop_id', '=', 'cp.shop_id').onRef('p.id', '=', 'cp.product_id'),
            )
            .select(sql<number>`count(*)`.as('n'))
            .whereRef('cp.shop_id', '=', 'c.shop_id')
            .whereRef('cp.collection_id', '=', 'c.id')
            .$if(opts.activeOnly, (w) => w.where('p.status', '=', 'active'))
            .as('products_count'),
        )
        .where('c.shop_id', '=', scope.shopId)
        .orderBy('c.title')
        .limit(200)
        .execute(),
    );
  }

  /** Variants of active products with `threshold` units or fewer, fewest first: the back office's warning. */
  async function lowStock(scope: ShopScope, opts: { threshold: number; limit: number }) {
    return withShop(db, scope.shopId, async () =>
      (
        await db
          .selectFrom('product_variant as v')
          .innerJoin('product as p', (j) => j.onRef('p.shop_id', '=', 'v.shop_id').onRef('p.id', '=', 'v.product_id'))
          .select(['p.id as productId', 'p.title', 'v.id as variantId', 'v.sku', 'v.stock'])
          .where('v.shop_id', '=', scope.shopId)
          .where('p.status', '=', 'active')
          .where('v.stock', '<=', opts.threshold)
          .orderBy('v.stock')
          .orderBy('p.title')
          .orderBy('v.sku')
          .limit(opts.limit)
          .execute()
      ).map((r) => ({ ...r, stock: Number(r.stock) })),
    );
  }

  /** Addresses for the sitemap: active products and collections, a page at a time. */
  async function sitemapEntries(scope: ShopScope, page: { offset: number; limit: number }) {
    return withShop(db, scope.shopId, async () => {
      const found = await db
        .selectFrom((eb) =>
          eb
            .selectFrom('collection')
            .select([sql.lit('collection').as('kind'), 'handle', 'updated_at'])
            .where('shop_id', '=', scope.shopId)
            .unionAll(
              eb
                .selectFrom('product')
                .select([sql.lit('product').as('kind'), 'handle', 'updated_at'])
                .where('shop_id', '=', scope.shopId)
                .where('status', '=', 'active'),
            )
            .as('entries'),
        )
        .select(['kind', 'handle', 'updated_at'])
        .select(sql<number>`count(*) over ()`.as('total'))
        .orderBy('kind')
        .orderBy('handle')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      return {
        entries: found.map((r) => ({
          kind: r.kind as 'collection' | 'product',
          handle: r.handle,
          updatedAt: new Date(r.updated_at),
        })),
        total: found[0] ? Number(found[0].total) : null,
      };
    });
  }

  /** How many sitemap addresses the shop has (a page past the end returns no total). */
  async function sitemapCount(scope: ShopScope) {
    return withShop(db, scope.shopId, async () => {
      const row = await db
        .selectNoFrom((eb) => [
          eb
            .selectFrom('collection')
            .select(sql<number>`count(*)`.as('n'))
            .where('shop_id', '=', scope.shopId)
            .as('collections'),
          eb
            .selectFrom('product')
            .select(sql<number>`count(*)`.as('n'))
            .where('shop_id', '=', scope.shopId)
            .where('status', '=', 'active')
            .as('products'),
        ])
        .executeTakeFirstOrThrow();
      return Number(row.collections ?? 0) + Number(row.products ?? 0);
    });
  }

  return {
    together,
    lowStock,
    product,
    products,
    activeProduct,
    collectionPage,
    searchActive,
    collections,
    sitemapEntries,
    sitemapCount,
  };
}
export type CatalogueReads = ReturnType<typeof createCatalogueReads>;
