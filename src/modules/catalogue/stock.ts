import type { Kysely } from 'kysely';
import type { ChangeFeed } from '../../core/db/change-feed.js';
import { withShop } from '../../core/db/shop-isolation.js';
import { AppError } from '../../core/errors.js';
import type { ShopScope } from '../shops/index.js';
import type { CatalogueTables } from './catalogue.tables.js';
import type { VariantId } from './catalogue-ids.js';

export const CATALOGUE_CHANGED = 'sellrocket_catalogue';

export interface StockLine {
  variantId: VariantId;
  quantity: number;
}

/** Some lines could not be had: each names its variant and what is left of it. */
export class StockShortError extends AppError {
  constructor(readonly short: { variantId: VariantId; available: number }[]) {
    super('conflict', 'Not enough stock for some items.', {
      errors: short.map((s) => ({
        field: s.variantId,
        message: s.available > 0 ? `Only ${s.available} left` : 'Sold out',
      })),
    });
  }
}

/**
 * Stock moves in the transaction of the order that causes them. Each take is one guarded update
 * (`stock >= quantity`), so two checkouts can never both have the last unit, and variants are
 * taken in id order, so two orders never wait on each other's rows.
 */
export function createStock(deps: { db: Kysely<CatalogueTables>; changes: ChangeFeed }) {
  async function take(scope: ShopScope, lines: StockLine[]) {
    const ordered = [...lines].sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0));
    return withShop(deps.db, scope.shopId, async (tx) => {
      const short: { variantId: VariantId; available: number }[] = [];
      let soldOut = false;
      for (const line of ordered) {
        const taken = await tx
          .updateTable('product_variant')
          .set((eb) => ({ stock: eb('stock', '-', line.quantity) }))
          .where('shop_id', '=', scope.shopId)
          .where('id', '=', line.variantId)
          .where('stock', '>=', line.quantity)
          .returning('stock')
          .executeTakeFirst();
        if (taken) {
          soldOut ||= taken.stock === 0;
          continue;
        }
        const left = await tx
          .selectFrom('product_variant')
          .select('stock')
          .where('shop_id', '=', scope.shopId)
          .where('id', '=', line.variantId)
          .executeTakeFirst();
        short.push({ variantId: line.variantId, available: left?.stock ?? 0 });
      }
      if (short.length > 0) throw new StockShortError(short);
      // A page that said "in stock" must now say "sold out": only then is the cache dropped.
      if (soldOut) await deps.changes.announce(tx, CATALOGUE_CHANGED, scope.shopId);
    });
  }

  /** Puts back what a cancelled or expired order held (a variant deleted since is skipped). */
  async function giveBack(scope: ShopScope, lines: StockLine[]) {
    return withShop(deps.db, scope.shopId, async (tx) => {
      let restocked = false;
      for (const line of lines) {
        const r = await tx
          .updateTable('product_variant')
          .set((eb) => ({ stock: eb('stock', '+', line.quantity) }))
          .where('shop_id', '=', scope.shopId)
          .where('id', '=', line.variantId)
          .returning('stock')
          .executeTakeFirst();
        restocked ||= r !== undefined && r.stock === line.quantity;
      }
      if (restocked) await deps.changes.announce(tx, CATALOGUE_CHANGED, scope.shopId);
    });
  }

  /** What a cart needs to price its lines: the variants, with their product's title and VAT. */
  async function variantsForSale(scope: ShopScope, variantIds: string[]) {
    if (variantIds.length === 0) return [];
    return withShop(deps.db, scope.shopId, async (tx) =>
      tx
        .selectFrom('product_variant as v')
        .innerJoin('product as p', (j) => j.onRef('p.shop_id', '=', 'v.shop_id').onRef('p.id', '=', 'v.product_id'))
        .select([
          'v.id as variantId',
          'v.sku',
          'v.price_cents as priceCents',
          'v.stock',
          'v.option_values as options',
          'v.weight_grams as weightGrams',
          'p.id as productId',
          'p.handle as productHandle',
          'p.title as productTitle',
          'p.vat_rate as vatRate',
          'p.status as productStatus',
        ])
        .where('v.shop_id', '=', scope.shopId)
        .where('v.id', 'in', variantIds)
        .execute(),
    );
  }

  return { take, giveBack, variantsForSale };
}
export type Stock = ReturnType<typeof createStock>;
