/**
 * The storefront benchmark's catalogue: shops of bench merchants, each with products (options,
 * variants, stock, VAT rates) and collections, written in bulk. The rows are the ones the catalogue
 * service writes (description_html rendered from the Markdown, options and option values as jsonb,
 * the search vector computed by the same expression, collection positions in order); `verifySeed`
 * writes one product both ways and fails when they differ, so a change to the service cannot leave
 * the benchmark measuring rows the app would never have.
 * Not written: the audit entries and change announcements of each product (nothing reads them here).
 */
import { sql } from 'kysely';
import { operatorContext } from '../src/core/context.js';
import { newId } from '../src/core/ids.js';
import type { ProductInput } from '../src/modules/catalogue/index.js';
import { descriptionHtml } from '../src/modules/catalogue/markdown.js';
import { firstFreeHandle, handleFromTitle } from '../src/modules/catalogue/handles.js';
import type { Platform } from '../src/platform.js';
import { insertBenchAccounts } from './bench-databases.js';

export interface SeededShop {
  id: string;
  slug: string;
  products: { id: string; handle: string; variants: { id: string; stock: number }[] }[];
  /** Collections of exactly `collectionSize` products: the collection pages the bench measures. */
  fullCollections: string[];
}

/** A deterministic generator, so every run seeds the same catalogue. */
export function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: readonly T[]) => xs[int(xs.length)]! };
}

// Portuguese words with accents, so that search meets what unaccent and prefixes are for.
export const nouns = [
  'Camisola',
  'Caneca',
  'Toalha',
  'Avental',
  'Cesto',
  'Manta',
  'Almofada',
  'Prato',
  'Tábua',
  'Garrafa',
  'Caderno',
  'Sabonete',
  'Chávena',
  'Lenço',
  'Saco',
  'Vela',
];
export const materials = [
  'de lã',
  'de linho',
  'de cortiça',
  'de cerâmica',
  'de algodão',
  'de azulejo',
  'de burel',
  'de vime',
];
const adjectives = [
  'azul',
  'clássica',
  'rústica',
  'pequena',
  'grande',
  'bordada',
  'pintada à mão',
  'do Minho',
  'alentejana',
];
const sizes = ['S', 'M', 'L', 'XL'];
const colours = ['Natural', 'Azul', 'Verde'];
const vatRates = [23, 23, 23, 13, 6] as const;

/** One product's input, as a merchant would send it to the API. */
export function productInput(rng: ReturnType<typeof random>, skuPrefix: string): Omit<ProductInput, 'status'> {
  const title = `${rng.pick(nouns)} ${rng.pick(materials)} ${rng.pick(adjectives)}`;
  const description = [
    `Feita em Portugal: **${title.toLowerCase()}**, de pequenos produtores.`,
    '',
    '- Lavar à mão',
    `- Peso: ${100 + rng.int(900)} g`,
    '',
    'Enviamos em 48 horas para todo o país.',
  ].join('\n');
  const price = 500 + rng.int(95) * 100;
  const stock = () => 50 + rng.int(450);
  const kind = rng.int(3);
  if (kind === 0)
    return {
      title,
      description,
      vatRate: rng.pick(vatRates),
      variants: [{ sku: skuPrefix, priceCents: price, stock: stock() }],
    };
  if (kind === 1)
    return {
      title,
      description,
      vatRate: rng.pick(vatRates),
      options: [{ name: 'Tamanho', values: sizes.slice(0, 3) }],
      variants: sizes
        .slice(0, 3)
        .map((s) => ({ sku: `${skuPrefix}-${s}`, priceCents: price, stock: stock(), options: [s] })),
    };
  return {
    title,
    description,
    vatRate: rng.pick(vatRates),
    options: [
      { name: 'Tamanho', values: sizes.slice(0, 2) },
      { name: 'Cor', values: colours.slice(0, 2) },
    ],
    variants: sizes.slice(0, 2).flatMap((s) =>
      colours.slice(0, 2).map((c) => ({
        sku: `${skuPrefix}-${s}-${c.slice(0, 3).toUpperCase()}`,
        priceCents: price + 200,
        stock: stock(),
        options: [s, c],
      })),
    ),
  };
}

interface Rows {
  products: Record<string, unknown>[];
  variants: Record<string, unknown>[];
  collections: Record<string, unknown>[];
  members: Record<string, unknown>[];
}

/** The rows createProduct writes for `input` (status active) in `shopId`, appended to `rows`. */
function productRows(rows: Rows, shopId: string, handle: string, input: Omit<ProductInput, 'status'>, at: Date) {
  const id = newId('prd');
  const description = input.description ?? '';
  rows.products.push({
    shop_id: shopId,
    id,
    handle,
    title: input.title,
    description,
    description_html: descriptionHtml(description),
    status: 'active',
    vat_rate: input.vatRate ?? 23,
    options: JSON.stringify(input.options ?? []),
    created_at: at,
    updated_at: at,
  });
  const variants = input.variants.map((v, position) => {
    const variant = {
      shop_id: shopId,
      id: newId('var'),
      product_id: id,
      sku: v.sku,
      price_cents: v.priceCents,
      stock: v.stock,
      weight_grams: v.weightGrams ?? null,
      option_values: JSON.stringify(v.options ?? []),
      position,
    };
    rows.variants.push(variant);
    return { id: variant.id, stock: v.stock };
  });
  return { id, handle, variants };
}

function collectionRow(rows: Rows, shopId: string, handle: string, title: string, at: Date, productIds: string[]) {
  const id = newId('col');
  rows.collections.push({
    shop_id: shopId,
    id,
    handle,
    title,
    description: `${title}, escolhidos à mão.`,
    created_at: at,
    updated_at: at,
  });
  productIds.forEach((productId, position) =>
    rows.members.push({ shop_id: shopId, collection_id: id, product_id: productId, position }),
  );
}

// The catalogue service's search vector (refreshSearch in catalogue.service.ts), for many products at once.
export const searchVector = sql`
  setweight(to_tsvector('simple', unaccent(p.title)), 'A') ||
  setweight(to_tsvector('simple', unaccent(coalesce(
    (select string_agg(v.sku, ' ') from product_variant v where v.shop_id = p.shop_id and v.product_id = p.id),
    ''))), 'A') ||
  setweight(to_tsvector('simple', unaccent(p.description)), 'C')`;

async function write(p: Platform, rows: Rows, shopIds: string[]) {
  const db = p.db as unknown as import('kysely').Kysely<Record<string, Record<string, unknown>>>;
  const chunk = async (table: string, list: Record<string, unknown>[]) => {
    for (let i = 0; i < list.length; i += 1000)
      await db
        .insertInto(table)
        .values(list.slice(i, i + 1000))
        .execute();
  };
  await chunk('product', rows.products);
  await chunk('product_variant', rows.variants);
  await chunk('collection', rows.collections);
  await chunk('collection_product', rows.members);
  for (let i = 0; i < shopIds.length; i += 100)
    await sql`update product p set search = ${searchVector} where p.shop_id in (${sql.join(shopIds.slice(i, i + 100))})`.execute(
      p.db,
    );
}

/**
 * `shops` shops of `productsPerShop` products each (one merchant account per shop), slugs
 * `<prefix>-<n>`. Products are partitioned into collections of `collectionSize` in order; a shop
 * with fewer products gets one collection of them all and two halves.
 */
export async function seedShops(
  p: Platform,
  opts: { prefix: string; shops: number; productsPerShop: number; collectionSize: number; seed: number },
): Promise<SeededShop[]> {
  const rng = random(opts.seed);
  const ctx = operatorContext(new Date());
  const accountPrefix = `acc_${opts.prefix.replace(/\W/g, '')}_`;
  await insertBenchAccounts(p, accountPrefix, 0, opts.shops - 1, ctx.now);
  const shops: { id: string; slug: string }[] = [];
  // Shops through the service (shipping rates, audit, announcement), a pool's worth at a time.
  for (let i = 0; i < opts.shops; i += 10) {
    const batch = Array.from({ length: Math.min(10, opts.shops - i) }, (_, k) => i + k);
    shops.push(
      ...(await Promise.all(
        batch.map((n) =>
          p.shops.createShop(ctx, `${accountPrefix}${n}`, {
            slug: `${opts.prefix}-${n}`,
            name: `Loja ${opts.prefix} ${n}`,
          }),
        ),
      )),
    );
  }
  const rows: Rows = { products: [], variants: [], collections: [], members: [] };
  const seeded: SeededShop[] = [];
  let clock = ctx.now.getTime();
  for (const [n, shop] of shops.entries()) {
    const taken = new Set<string>();
    const products = Array.from({ length: opts.productsPerShop }, (_, k) => {
      const input = productInput(rng, `S${n}-P${k}`);
      const handle = firstFreeHandle(handleFromTitle(input.title), taken);
      taken.add(handle);
      return productRows(rows, shop.id, handle, input, new Date(clock++));
    });
    const ids = products.map((x) => x.id);
    const fullCollections: string[] = [];
    if (ids.length > opts.collectionSize) {
      for (let c = 0; c * opts.collectionSize < ids.length; c++) {
        const members = ids.slice(c * opts.collectionSize, (c + 1) * opts.collectionSize);
        collectionRow(rows, shop.id, `colecao-${c + 1}`, `Coleção ${c + 1}`, new Date(clock++), members);
        if (members.length === opts.collectionSize) fullCollections.push(`colecao-${c + 1}`);
      }
    } else {
      collectionRow(rows, shop.id, 'colecao-1', 'Coleção 1', new Date(clock++), ids);
      if (ids.length === opts.collectionSize) fullCollections.push('colecao-1');
      const half = Math.ceil(ids.length / 2);
      collectionRow(rows, shop.id, 'novidades', 'Novidades', new Date(clock++), ids.slice(0, half));
      collectionRow(rows, shop.id, 'destaques', 'Destaques', new Date(clock++), ids.slice(half));
    }
    seeded.push({ id: shop.id, slug: shop.slug, products, fullCollections });
  }
  await write(
    p,
    rows,
    shops.map((s) => s.id),
  );
  return seeded;
}

/**
 * One product written by the catalogue service and the same product written by this seed, in two
 * shops: throws when their rows differ in anything but ids and times.
 */
export async function verifySeed(p: Platform) {
  const ctx = operatorContext(new Date());
  await insertBenchAccounts(p, 'acc_seedcheck_', 0, 1, ctx.now);
  const [viaService, viaSeed] = await Promise.all(
    [0, 1].map((n) => p.shops.createShop(ctx, `acc_seedcheck_${n}`, { slug: `seed-check-${n}`, name: 'Seed check' })),
  );
  const input = productInput(random(7), 'CHECK');
  const handle = handleFromTitle(input.title);
  const scope = await p.shops.shopScopeFor('acc_seedcheck_0', viaService!.id);
  await p.catalogue.createCollection(ctx, scope, {
    title: 'Coleção 1',
    handle: 'colecao-1',
    description: 'Coleção 1, escolhidos à mão.',
  });
  await p.catalogue.createProduct(ctx, scope, { ...input, status: 'active', collections: ['colecao-1'] });
  const rows: Rows = { products: [], variants: [], collections: [], members: [] };
  const product = productRows(rows, viaSeed!.id, handle, input, ctx.now);
  collectionRow(rows, viaSeed!.id, 'colecao-1', 'Coleção 1', ctx.now, [product.id]);
  await write(p, rows, [viaSeed!.id]);

  const snapshot = async (shopId: string) => {
    const r = await sql<Record<string, unknown>>`
      select p.handle, p.title, p.description, p.description_html, p.status, p.vat_rate, p.options, p.search::text as search,
             (select json_agg(json_build_array(v.sku, v.price_cents, v.stock, v.weight_grams, v.option_values, v.position) order by v.position)
                from product_variant v where v.shop_id = p.shop_id and v.product_id = p.id) as variants,
             (select json_agg(json_build_array(c.handle, c.title, c.description, cp.position))
                from collection_product cp join collection c on c.shop_id = cp.shop_id and c.id = cp.collection_id
               where cp.shop_id = p.shop_id and cp.product_id = p.id) as collections
      from product p where p.shop_id = ${shopId}`.execute(p.db);
    return JSON.stringify(r.rows);
  };
  const [a, b] = await Promise.all([snapshot(viaService!.id), snapshot(viaSeed!.id)]);
  if (a !== b)
    throw new Error(`The bench seed writes other rows than the catalogue service:\n  service: ${a}\n  seed:    ${b}`);
}
