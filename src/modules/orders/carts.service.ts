import type { Kysely } from 'kysely';
import type { RequestContext } from '../../core/context.js';
import { hashToken, newSecretToken } from '../../core/crypto/tokens.js';
import { withShop } from '../../core/db/shop-isolation.js';
import { AppError, validationError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { JobQueue } from '../../core/jobs/job-queue.js';
import { variantTitle, type CatalogueTables, type Stock } from '../catalogue/index.js';
import type { ShopScope } from '../shops/index.js';
import type { OrdersTables } from './orders.tables.js';

/** The strictly necessary cookie that finds a shopper's cart: a random token, stored only as its SHA-256. */
export const CART_COOKIE = 'sr_cart';
export const CART_IDLE_DAYS = 30;
export const CART_EXPIRE_JOB = 'orders.cart-expire';
const dayMs = 86_400_000;
/** No cart line holds more than this: a typo of 1000000 is not an order. */
export const MAX_LINE_QUANTITY = 999;

export interface CartLine {
  key: string;
  variantId: string;
  productId: string;
  productTitle: string;
  productHandle: string;
  /** Null for a product's only, default variant. */
  variantTitle: string | null;
  sku: string;
  quantity: number;
  unitPriceCents: number;
  lineTotalCents: number;
  vatRate: number;
  /** The product is on sale and its stock covers the quantity. */
  available: boolean;
}

export interface CartSummary {
  itemCount: number;
  totalCents: number;
  lines: CartLine[];
}

/**
 * The cart read joins the catalogue's variants and products: the storefront shows the cart count on
 * every page, so the read is one query (a call to the catalogue's service would be a second round
 * trip). It reads, never writes, the catalogue's tables; stock moves only through the `stock` service.
 */
export type CartReadTables = OrdersTables & Pick<CatalogueTables, 'product' | 'product_variant'>;

export function createCartsService(deps: { db: Kysely<OrdersTables>; stock: Stock; jobs: JobQueue; now: () => Date }) {
  const readDb = deps.db as unknown as Kysely<CartReadTables>;

  async function load(scope: ShopScope, cookieValue: string | undefined) {
    if (!cookieValue || cookieValue.length > 100) return null;
    const rows = await withShop(readDb, scope.shopId, (tx) =>
      tx
        .selectFrom('cart as c')
        .leftJoin('cart_line as l', (j) => j.onRef('l.shop_id', '=', 'c.shop_id').onRef('l.cart_id', '=', 'c.id'))
        .leftJoin('product_variant as v', (j) =>
          j.onRef('v.shop_id', '=', 'l.shop_id').onRef('v.id', '=', 'l.variant_id'),
        )
        .leftJoin('product as p', (j) => j.onRef('p.shop_id', '=', 'v.shop_id').onRef('p.id', '=', 'v.product_id'))
        .select([
          'c.id as cartId',
          'c.updated_at as cartUpdatedAt',
          'l.variant_id as variantId',
          'l.quantity',
          'v.sku',
          'v.price_cents as priceCents',
          'v.stock',
          'v.option_values as options',
          'p.id as productId',
          'p.title as productTitle',
          'p.handle as productHandle',
          'p.vat_rate as vatRate',
          'p.status as productStatus',
        ])
        .where('c.shop_id', '=', scope.shopId)
        .where('c.token_hash', '=', hashToken(cookieValue))
        .orderBy('l.added_at')
        .orderBy('l.variant_id')
        .execute(),
    );
    if (rows.length === 0) return null;
    const lines: CartLine[] = rows.flatMap((r) =>
      r.variantId === null || r.quantity === null || r.priceCents === null
        ? []
        : [
            {
              key: r.variantId,
              variantId: r.variantId,
              productId: r.productId!,
              productTitle: r.productTitle!,
              productHandle: r.productHandle!,
              variantTitle: r.options && r.options.length > 0 ? variantTitle(r.options) : null,
              sku: r.sku!,
              quantity: r.quantity,
              unitPriceCents: r.priceCents,
              lineTotalCents: r.priceCents * r.quantity,
              vatRate: r.vatRate!,
              available: r.productStatus === 'active' && (r.stock ?? 0) >= r.quantity,
            },
          ],
    );
    // The version changes with every change of the cart (and its emptying after a checkout).
    return { cartId: rows[0]!.cartId, version: new Date(rows[0]!.cartUpdatedAt).getTime(), lines };
  }

  const summarise = (lines: CartLine[]): CartSummary => ({
    itemCount: lines.reduce((n, l) => n + l.quantity, 0),
    totalCents: lines.reduce((n, l) => n + l.lineTotalCents, 0),
    lines,
  });

  /** The cart behind a cookie, priced now; null when the cookie names no cart of this shop. */
  async function summary(scope: ShopScope, cookieValue: string | undefined): Promise<CartSummary | null> {
    const cart = await load(scope, cookieValue);
    return cart ? summarise(cart.lines) : null;
  }

  /** A variant that can be put in a cart: one of this shop's, of a product on sale. */
  async function saleable(scope: ShopScope, variantId: string) {
    const [variant] = await deps.stock.variantsForSale(scope, [variantId]);
    if (!variant || variant.productStatus !== 'active')
      throw validationError([{ field: 'id', message: 'No such product is on sale.' }]);
    return variant;
  }

  /** Adds to the line of a variant, up to what is in stock; makes the cart (and its cookie) when there is none. */
  async function add(
    ctx: RequestContext,
    scope: ShopScope,
    cookieValue: string | undefined,
    item: { variantId: string; quantity: number },
  ): Promise<{ summary: CartSummary; newCookie: string | null }> {
    const variant = await saleable(scope, item.variantId);
    if (variant.stock <= 0)
      throw new AppError('conflict', 'This item is sold out.', { errors: [soldOut(item.variantId)] });
    const existing = await load(scope, cookieValue);
    const newCookie = existing ? null : newSecretToken();
    await withShop(deps.db, scope.shopId, async (tx) => {
      let cartId = existing?.cartId;
      if (!cartId) {
        cartId = newId('crt');
        await tx
          .insertInto('cart')
          .values({
            shop_id: scope.shopId,
            id: cartId,
            token_hash: hashToken(newCookie!),
            created_at: ctx.now,
            updated_at: ctx.now,
          })
          .execute();
        await deps.jobs.enqueue(
          CART_EXPIRE_JOB,
          { shopId: scope.shopId, cartId },
          new Date(ctx.now.getTime() + CART_IDLE_DAYS * dayMs),
        );
      }
      const had = existing?.lines.find((l) => l.variantId === item.variantId)?.quantity ?? 0;
      const quantity = Math.min(had + item.quantity, variant.stock, MAX_LINE_QUANTITY);
      await tx
        .insertInto('cart_line')
        .values({ shop_id: scope.shopId, cart_id: cartId, variant_id: item.variantId, quantity, added_at: ctx.now })
        .onConflict((oc) => oc.columns(['shop_id', 'cart_id', 'variant_id']).doUpdateSet({ quantity }))
        .execute();
      await touch(tx, scope, cartId, ctx.now);
    });
    const after = await summary(scope, cookieValue && existing ? cookieValue : newCookie!);
    return { summary: after!, newCookie };
  }

  /** Sets a line's quantity (capped by stock); 0 removes it. */
  async function change(
    ctx: RequestContext,
    scope: ShopScope,
    cookieValue: string | undefined,
    item: { variantId: string; quantity: number },
  ): Promise<CartSummary> {
    const cart = await load(scope, cookieValue);
    if (!cart || !cart.lines.some((l) => l.variantId === item.variantId))
      throw validationError([{ field: 'id', message: 'This item is not in the cart.' }]);
    // Capped by what is on the shelf now, and never below one: 0 is the way to remove a line.
    const [variant] = item.quantity === 0 ? [] : await deps.stock.variantsForSale(scope, [item.variantId]);
    const quantity = Math.max(1, Math.min(item.quantity, variant?.stock ?? 0, MAX_LINE_QUANTITY));
    await withShop(deps.db, scope.shopId, async (tx) => {
      if (item.quantity === 0)
        await tx
          .deleteFrom('cart_line')
          .where('shop_id', '=', scope.shopId)
          .where('cart_id', '=', cart.cartId)
          .where('variant_id', '=', item.variantId)
          .execute();
      else
        await tx
          .updateTable('cart_line')
          .set({ quantity })
          .where('shop_id', '=', scope.shopId)
          .where('cart_id', '=', cart.cartId)
          .where('variant_id', '=', item.variantId)
          .execute();
      await touch(tx, scope, cart.cartId, ctx.now);
    });
    return (await summary(scope, cookieValue))!;
  }

  async function clear(ctx: RequestContext, scope: ShopScope, cookieValue: string | undefined) {
    const cart = await load(scope, cookieValue);
    if (cart) await empty(ctx, scope, cart.cartId);
  }

  /** Empties a cart (after its checkout); the cart and its cookie stay for the next purchase. */
  async function empty(ctx: RequestContext, scope: ShopScope, cartId: string) {
    await withShop(deps.db, scope.shopId, async (tx) => {
      await tx.deleteFrom('cart_line').where('shop_id', '=', scope.shopId).where('cart_id', '=', cartId).execute();
      await touch(tx, scope, cartId, ctx.now);
    });
  }

  /** What a checkout sells: the cart's lines as priced now, and the cart to empty once it is paid for. */
  async function forCheckout(scope: ShopScope, cookieValue: string | undefined) {
    return load(scope, cookieValue);
  }

  /** The cart-expire job: deletes a cart idle for CART_IDLE_DAYS, or looks again when it would be. */
  async function expire(payload: { shopId: string; cartId: string }) {
    const now = deps.now();
    await withShop(deps.db, payload.shopId, async (tx) => {
      const row = await tx
        .selectFrom('cart')
        .select('updated_at')
        .where('shop_id', '=', payload.shopId)
        .where('id', '=', payload.cartId)
        .executeTakeFirst();
      if (!row) return;
      const due = new Date(new Date(row.updated_at).getTime() + CART_IDLE_DAYS * dayMs);
      if (due <= now) {
        await tx.deleteFrom('cart').where('shop_id', '=', payload.shopId).where('id', '=', payload.cartId).execute();
      } else {
        await deps.jobs.enqueue(CART_EXPIRE_JOB, payload, due);
      }
    });
  }

  // cookieName: the storefront's page kit reads the header's cart through this service.
  return { cookieName: CART_COOKIE, summary, add, change, clear, empty, forCheckout, expire };
}
export type CartsService = ReturnType<typeof createCartsService>;

const soldOut = (variantId: string) => ({ field: variantId, message: 'Sold out' });

function touch(tx: Kysely<OrdersTables>, scope: ShopScope, cartId: string, now: Date) {
  return tx
    .updateTable('cart')
    .set({ updated_at: now })
    .where('shop_id', '=', scope.shopId)
    .where('id', '=', cartId)
    .execute();
}
