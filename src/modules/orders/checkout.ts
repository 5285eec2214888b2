import { createHash } from 'node:crypto';
import type { RequestContext } from '../../core/context.js';
import { isUniqueViolation } from '../../core/db/errors.js';
import { AppError, validationError, type FieldError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { JobQueue } from '../../core/jobs/job-queue.js';
import type { CardDetails } from '../../core/payments/cards.js';
import type { CardPaymentResult, DeclineReason, PaymentGateway } from '../../core/payments/gateway.js';
import { declineWords } from '../../core/payments/declines.js';
import type { Stock, VariantId } from '../catalogue/index.js';
import { variantTitle } from '../catalogue/index.js';
import type { ShopScope, ShopsService, VatRate } from '../shops/index.js';
import type { CartsService } from './carts.service.js';
import type { CheckoutInput } from './checkout.schemas.js';
import { orderToken, orderTokenHash } from './order-token.js';
import type { OrderRow, OrderStore } from './order-store.js';
import { shippingZoneOf } from './shipping.js';
import { orderTotals } from './totals.js';

/** How long a Multibanco reference may be paid, and holds the order's stock. */
export const MULTIBANCO_DAYS = 3;
export const MULTIBANCO_EXPIRE_JOB = 'orders.multibanco-expire';
/** A card order the gateway never answered for: its stock is released after this long (a retry finishes it before). */
export const CARD_UNCONFIRMED_JOB = 'orders.card-unconfirmed';
export const CARD_UNCONFIRMED_MINUTES = 60;
const dayMs = 86_400_000;

export interface CheckoutResult {
  order: { id: string; number: number; status: string; totalCents: number; currency: string; token: string };
}

/** The card was refused: nothing was charged, the order is cancelled and its stock back on sale. */
export class PaymentDeclinedError extends AppError {
  constructor(readonly reason: DeclineReason) {
    super('payment_declined', declineWords[reason], { errors: [{ field: 'payment', message: declineWords[reason] }] });
  }
}

/**
 * What makes two checkout requests the same request: everything the shopper sent except the card. The
 * card's number, expiry and security code are left out, so the stored hash could never be matched
 * against a card (a brute force over card numbers would otherwise be cheap).
 */
export function checkoutRequestHash(input: CheckoutInput): string {
  const { payment, ...rest } = input;
  return createHash('sha256')
    .update(JSON.stringify({ ...rest, payment: { method: payment.method } }))
    .digest('hex');
}

/**
 * Guest checkout, crash-safe. First unit of work: the cart and the shop's rates read, the
 * Idempotency-Key claimed, stock taken, order number allocated, the order written `pending_payment`
 * with its lines and first event; committed before any money moves. Then the gateway is called
 * outside any transaction (with the order id as its idempotency key, so a repeat never charges
 * twice), and a second unit of work records the outcome: paid with the cart emptied, or cancelled
 * with its stock given back. A process that stops between the two leaves a pending order that a
 * retry with the same Idempotency-Key finishes; a retry finds the key already claimed and resumes.
 */
export function createCheckout(deps: {
  store: OrderStore;
  carts: CartsService;
  stock: Stock;
  shops: ShopsService;
  payments: PaymentGateway;
  jobs: JobQueue;
  hashKey: Buffer;
}) {
  const { store } = deps;

  const result = (o: OrderRow): CheckoutResult => ({
    order: {
      id: o.id,
      number: o.number,
      status: o.status,
      totalCents: o.total_cents,
      currency: o.currency,
      token: orderToken(deps.hashKey, o.id),
    },
  });

  async function previous(scope: ShopScope, key: string) {
    return store.inShop(scope.shopId, (tx) =>
      tx
        .selectFrom('checkout_request')
        .select(['request_hash', 'order_id'])
        .where('shop_id', '=', scope.shopId)
        .where('key', '=', key)
        .executeTakeFirst(),
    );
  }

  async function checkout(
    ctx: RequestContext,
    scope: ShopScope,
    cartCookie: string | undefined,
    input: CheckoutInput,
    idempotencyKey: string | undefined,
  ): Promise<CheckoutResult> {
    const requestHash = checkoutRequestHash(input);
    // The order a claimed Idempotency-Key names, finished by this request; null when none does.
    const retried = async (key: string) => {
      const done = await previous(scope, key);
      return done ? resume(ctx, scope, done, requestHash, input, cartCookie) : null;
    };
    let placed: { order: OrderRow; cartId: string } | null;
    try {
      // The cart, the shop's rates and the order in one unit of work: one commit before money moves.
      placed = await store.inShop(scope.shopId, async () => {
        const cart = await deps.carts.forCheckout(scope, cartCookie);
        if (!cart || cart.lines.length === 0) {
          // A retry after the order was placed finds the cart emptied: the key says which order.
          if (idempotencyKey) return null;
          throw validationError([{ field: 'cart', message: 'The cart is empty.' }]);
        }
        const shop = await deps.shops.getShop(scope);
        const zone = shippingZoneOf(input.shippingAddress);
        if (input.shippingRateId !== undefined && input.shippingRateId !== zone)
          throw validationError([
            { field: 'shippingRateId', message: `This rate does not ship to the address given; choose ${zone}.` },
          ]);
        const shippingCents = shop.shippingRates.find((r) => r.zone === zone)?.priceCents ?? 0;
        const order = await place(ctx, scope, {
          input,
          lines: cart.lines.map((l) => ({ variantId: l.variantId as VariantId, quantity: l.quantity })),
          currency: shop.currency,
          zone,
          shipping: { priceCents: shippingCents, vatRate: shop.defaultVatRate },
          idempotency: idempotencyKey ? { key: idempotencyKey, hash: requestHash } : null,
        });
        return { order, cartId: cart.cartId };
      });
    } catch (e) {
      // The key was used before (a retry), or at this moment by another request that placed the order.
      const again = idempotencyKey && isUniqueViolation(e) ? await retried(idempotencyKey) : null;
      if (again) return again;
      throw e;
    }
    if (placed === null) {
      const again = await retried(idempotencyKey!);
      if (again) return again;
      throw validationError([{ field: 'cart', message: 'The cart is empty.' }]);
    }
    return pay(ctx, scope, placed.order, input, placed.cartId);
  }

  /** A retried request: the same body finishes what the first left undone; another body is refused. */
  async function resume(
    ctx: RequestContext,
    scope: ShopScope,
    done: { request_hash: string; order_id: string },
    requestHash: string,
    input: CheckoutInput,
    cartCookie: string | undefined,
  ) {
    if (done.request_hash !== requestHash)
      throw validationError(
        [{ field: 'Idempotency-Key', message: 'This key was used for another checkout: use a new key.' }],
        'The Idempotency-Key was used with a different request.',
      );
    const order = (await store.inShop(scope.shopId, (tx) => store.byId(tx, scope.shopId, done.order_id)))!;
    if (order.status === 'cancelled') {
      const reason = await declinedReason(order);
      if (reason) throw declined(reason);
      throw new AppError(
        'conflict',
        'This checkout’s order was cancelled: check out again with a new Idempotency-Key.',
      );
    }
    if (order.status !== 'pending_payment') return result(order);
    if (order.gateway_ref) return result(order);
    const cart = await deps.carts.forCheckout(scope, cartCookie);
    return pay(ctx, scope, order, input, cart?.cartId ?? null);
  }

  async function declinedReason(order: OrderRow): Promise<DeclineReason | null> {
    const row = await store.inShop(order.shop_id, (tx) =>
      tx
        .selectFrom('order_event')
        .select('data')
        .where('shop_id', '=', order.shop_id)
        .where('order_id', '=', order.id)
        .where('kind', '=', 'payment_declined')
        .executeTakeFirst(),
    );
    return row ? ((row.data as { reason?: DeclineReason }).reason ?? 'card_declined') : null;
  }

  const declined = (reason: DeclineReason | null) => new PaymentDeclinedError(reason ?? 'card_declined');

  /** The first unit of work: nothing is charged yet, and everything it writes commits together or not at all. */
  async function place(
    ctx: RequestContext,
    scope: ShopScope,
    p: {
      input: CheckoutInput;
      lines: { variantId: VariantId; quantity: number }[];
      currency: string;
      zone: string;
      shipping: { priceCents: number; vatRate: VatRate };
      idempotency: { key: string; hash: string } | null;
    },
  ): Promise<OrderRow> {
    const { input } = p;
    const id = newId('ord');
    return store.inShop(scope.shopId, async (tx) => {
      // The key first: the same key at the same moment waits here for this unit of work, then finds its order.
      if (p.idempotency)
        await tx
          .insertInto('checkout_request')
          .values({
            shop_id: scope.shopId,
            key: p.idempotency.key,
            request_hash: p.idempotency.hash,
            order_id: id,
            created_at: ctx.now,
          })
          .execute();
      // Then the stock: a checkout that loses the race for the last unit stops before it holds anything else.
      await deps.stock.take(scope, p.lines);
      // Read after the take, which locked the variants: prices and names as they are while this order holds them.
      const variants = await deps.stock.variantsForSale(
        scope,
        p.lines.map((l) => l.variantId),
      );
      const notForSale: FieldError[] = p.lines
        .filter((l) => variants.find((v) => v.variantId === l.variantId)?.productStatus !== 'active')
        .map((l) => ({ field: l.variantId, message: 'No longer on sale' }));
      if (notForSale.length > 0)
        throw new AppError('conflict', 'Some items are no longer on sale.', { errors: notForSale });
      const sold = p.lines.map((l) => {
        const v = variants.find((x) => x.variantId === l.variantId)!;
        return { ...l, v };
      });
      const totals = orderTotals({
        lines: sold.map((s) => ({ unitPriceCents: s.v.priceCents, quantity: s.quantity, vatRate: s.v.vatRate })),
        shipping: p.shipping,
      });
      const counter = await tx
        .insertInto('order_number_counter')
        .values({ shop_id: scope.shopId, last_number: 1001 })
        .onConflict((oc) =>
          oc.column('shop_id').doUpdateSet((eb) => ({ last_number: eb('order_number_counter.last_number', '+', 1) })),
        )
        .returning('last_number')
        .executeTakeFirstOrThrow();
      const shopper = await tx
        .insertInto('shopper')
        .values({ shop_id: scope.shopId, id: newId('spr'), email: input.email, created_at: ctx.now })
        .onConflict((oc) => oc.columns(['shop_id', 'email']).doUpdateSet({ email: input.email }))
        .returning('id')
        .executeTakeFirstOrThrow();
      const ship = input.shippingAddress;
      const bill = input.billingAddress ?? input.shippingAddress;
      const order = await tx
        .insertInto('shop_order')
        .values({
          shop_id: scope.shopId,
          id,
          number: counter.last_number,
          account_id: scope.accountId,
          status: 'pending_payment',
          token_hash: orderTokenHash(orderToken(deps.hashKey, id)),
          shopper_id: shopper.id,
          currency: p.currency,
          subtotal_cents: totals.subtotalCents,
          shipping_cents: totals.shippingCents,
          total_cents: totals.totalCents,
          vat_total_cents: totals.vatTotalCents,
          vat_breakdown: JSON.stringify(totals.vat),
          shipping_zone: p.zone,
          ship_first_name: ship.firstName,
          ship_last_name: ship.lastName,
          ship_line1: ship.line1,
          ship_line2: ship.line2,
          ship_postal_code: ship.postalCode,
          ship_city: ship.city,
          ship_country: ship.country,
          ship_phone: ship.phone,
          bill_first_name: bill.firstName,
          bill_last_name: bill.lastName,
          bill_line1: bill.line1,
          bill_line2: bill.line2,
          bill_postal_code: bill.postalCode,
          bill_city: bill.city,
          bill_country: bill.country,
          bill_phone: bill.phone,
          payment_method: input.payment.method,
          card_brand: input.payment.method === 'card' ? input.payment.card.brand : null,
          card_last4: input.payment.method === 'card' ? input.payment.card.last4 : null,
          gateway_ref: null,
          mb_entity: null,
          mb_reference: null,
          mb_expires_at: null,
          tracking_number: null,
          created_at: ctx.now,
          updated_at: ctx.now,
          paid_at: null,
          fulfilled_at: null,
          cancelled_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('order_line')
        .values(
          sold.map((s, i) => ({
            shop_id: scope.shopId,
            order_id: id,
            position: i + 1,
            variant_id: s.variantId,
            product_id: s.v.productId,
            product_title: s.v.productTitle,
            product_handle: s.v.productHandle,
            variant_title: s.v.options.length > 0 ? variantTitle(s.v.options) : null,
            sku: s.v.sku,
            quantity: s.quantity,
            unit_price_cents: s.v.priceCents,
            vat_rate: s.v.vatRate,
            line_total_cents: totals.lines[i]!.grossCents,
          })),
        )
        .execute();
      await store.event(tx, order, ctx, 'placed', { totalCents: order.total_cents, method: input.payment.method });
      if (input.payment.method === 'card')
        await deps.jobs.enqueue(
          CARD_UNCONFIRMED_JOB,
          { shopId: scope.shopId, orderId: id },
          new Date(ctx.now.getTime() + CARD_UNCONFIRMED_MINUTES * 60_000),
        );
      return order;
    });
  }

  /** Money moves here, outside any unit of work; the outcome is recorded in the next one. */
  async function pay(
    ctx: RequestContext,
    scope: ShopScope,
    order: OrderRow,
    input: CheckoutInput,
    cartId: string | null,
  ): Promise<CheckoutResult> {
    if (input.payment.method === 'multibanco') return awaitMultibanco(ctx, scope, order, cartId);
    let outcome: CardPaymentResult;
    try {
      outcome = await deps.payments.authorizeCard({
        amountCents: order.total_cents,
        currency: order.currency,
        card: input.payment.card as CardDetails,
        reference: order.id,
        idempotencyKey: `checkout:${order.id}`,
      });
    } catch (e) {
      // The gateway refused to try (bad card data, an amount it cannot take): nothing was charged.
      if (e instanceof AppError && e.code === 'validation') {
        await release(ctx, scope, order, 'payment_refused', {});
        throw validationError(
          (e.errors ?? []).map((f) => ({ field: f.field.replace(/^card\./, 'payment.'), message: f.message })),
          e.message,
        );
      }
      // Anything else (the gateway unreachable): whether money moved is unknown, so the order stays
      // pending with its stock; the same Idempotency-Key finishes it, and never charges twice.
      if (e instanceof AppError) throw e;
      throw new AppError(
        'unavailable',
        'The payment could not be confirmed. Retry with the same Idempotency-Key: the card is never charged twice.',
      );
    }
    if (outcome.status === 'declined') {
      await release(ctx, scope, order, 'payment_declined', { reason: outcome.reason });
      throw declined(outcome.reason);
    }
    const paid = await store.inShop(scope.shopId, async (tx) => {
      const row = await store.transition(tx, order, ['pending_payment'], {
        status: 'paid',
        gateway_ref: outcome.gatewayRef,
        card_brand: outcome.brand,
        card_last4: outcome.last4,
        paid_at: ctx.now,
        updated_at: ctx.now,
      });
      if (!row) return store.byId(tx, scope.shopId, order.id);
      await store.event(tx, row, ctx, 'paid', { method: 'card', gatewayRef: outcome.gatewayRef });
      await store.mail(row, 'confirmation');
      await store.mail(row, 'merchant-notice');
      // The cart is emptied with the payment's record: one commit after the charge.
      if (cartId) await deps.carts.empty(ctx, scope, cartId);
      return row;
    });
    return result(paid!);
  }

  /** Nothing was charged: the order is cancelled and its stock goes back on sale. */
  async function release(
    ctx: RequestContext,
    scope: ShopScope,
    order: OrderRow,
    kind: string,
    data: Record<string, string>,
  ) {
    await store.inShop(scope.shopId, async (tx) => {
      const row = await store.transition(tx, order, ['pending_payment'], {
        status: 'cancelled',
        cancelled_at: ctx.now,
        updated_at: ctx.now,
      });
      if (!row) return;
      await deps.stock.giveBack(
        scope,
        (await store.linesOf(tx, scope.shopId, order.id)).map((l) => ({
          variantId: l.variant_id as VariantId,
          quantity: l.quantity,
        })),
      );
      await store.event(tx, row, ctx, kind, data);
    });
  }

  async function awaitMultibanco(ctx: RequestContext, scope: ShopScope, order: OrderRow, cartId: string | null) {
    const ref = await deps.payments.createMultibanco({
      amountCents: order.total_cents,
      reference: order.id,
      expiresAt: new Date(ctx.now.getTime() + MULTIBANCO_DAYS * dayMs),
      idempotencyKey: `checkout:${order.id}`,
    });
    const pending = await store.inShop(scope.shopId, async (tx) => {
      const row = await tx
        .updateTable('shop_order')
        .set({
          gateway_ref: ref.gatewayRef,
          mb_entity: ref.entity,
          mb_reference: ref.reference,
          mb_expires_at: ref.expiresAt,
          updated_at: ctx.now,
        })
        .where('shop_id', '=', scope.shopId)
        .where('id', '=', order.id)
        .where('gateway_ref', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (!row) return store.byId(tx, scope.shopId, order.id);
      await store.event(tx, row, ctx, 'awaiting_payment', {
        method: 'multibanco',
        gatewayRef: ref.gatewayRef,
        expiresAt: ref.expiresAt.toISOString(),
      });
      await deps.jobs.enqueue(MULTIBANCO_EXPIRE_JOB, { shopId: row.shop_id, orderId: row.id }, ref.expiresAt);
      await store.mail(row, 'awaiting-payment');
      if (cartId) await deps.carts.empty(ctx, scope, cartId);
      return row;
    });
    return result(pending!);
  }

  return { checkout };
}
export type Checkout = ReturnType<typeof createCheckout>;
