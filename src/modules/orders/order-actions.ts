import type { Kysely } from 'kysely';
import type { AuditLog } from '../../core/audit/audit-log.js';
import { systemContext, type RequestContext } from '../../core/context.js';
import { AppError, validationError } from '../../core/errors.js';
import type { PaymentGateway, PaymentReceived } from '../../core/payments/gateway.js';
import type { Stock, VariantId } from '../catalogue/index.js';
import type { MerchantScope, ShopScope, ShopsService } from '../shops/index.js';
import type { OrderRow, OrderStore, OrderTx } from './order-store.js';
import type { OrdersTables } from './orders.tables.js';

/**
 * What happens to an order after checkout: the merchant fulfils, cancels or refunds it; a Multibanco
 * payment arrives, or its deadline passes. Refunds go through the gateway first (outside any unit of
 * work) and are recorded after, from the gateway's own running total.
 */
export function createOrderActions(deps: {
  db: Kysely<OrdersTables>;
  store: OrderStore;
  stock: Stock;
  shops: ShopsService;
  payments: PaymentGateway;
  audit: AuditLog;
  now: () => Date;
}) {
  const { store } = deps;

  async function orderOf(scope: ShopScope, orderId: string): Promise<OrderRow> {
    const order = await store.inShop(scope.shopId, (tx) => store.byId(tx, scope.shopId, orderId));
    if (!order) throw new AppError('not_found', 'No such order.');
    return order;
  }

  const audit = (ctx: RequestContext, scope: MerchantScope, action: string, orderId: string, data = {}) =>
    deps.audit.record(ctx, {
      action,
      target: { kind: 'order', id: orderId },
      chain: `account:${scope.accountId}`,
      data,
    });

  async function restock(tx: OrderTx, scope: ShopScope, orderId: string) {
    const lines = await store.linesOf(tx, scope.shopId, orderId);
    await deps.stock.giveBack(
      scope,
      lines.map((l) => ({ variantId: l.variant_id as VariantId, quantity: l.quantity })),
    );
  }

  const refused = (order: OrderRow, what: string) =>
    new AppError('conflict', `A ${order.status.replace('_', ' ')} order cannot be ${what}.`);

  async function fulfil(ctx: RequestContext, scope: MerchantScope, orderId: string, trackingNumber: string | null) {
    const order = await orderOf(scope, orderId);
    return store.inShop(scope.shopId, async (tx) => {
      const row = await store.transition(tx, order, ['paid'], {
        status: 'fulfilled',
        tracking_number: trackingNumber,
        fulfilled_at: ctx.now,
        updated_at: ctx.now,
      });
      if (!row) throw refused((await store.byId(tx, scope.shopId, orderId))!, 'fulfilled');
      await store.event(tx, row, ctx, 'fulfilled', { trackingNumber });
      await store.mail(row, 'fulfilment');
      await audit(ctx, scope, 'order.fulfil', orderId);
      return row;
    });
  }

  /**
   * Cancelling puts the stock back. An order awaiting payment just ends (its Multibanco reference is no
   * longer honoured); a paid, unshipped order is refunded in full first. A shipped order is refunded,
   * not cancelled: its goods are no longer on the shelf.
   */
  async function cancel(ctx: RequestContext, scope: MerchantScope, orderId: string) {
    const order = await orderOf(scope, orderId);
    if (order.status !== 'pending_payment' && order.status !== 'paid') throw refused(order, 'cancelled');
    let refundedCents = order.refunded_cents;
    if (order.status === 'paid' && order.gateway_ref && order.total_cents > order.refunded_cents) {
      const r = await deps.payments.refund({
        gatewayRef: order.gateway_ref,
        amountCents: order.total_cents - order.refunded_cents,
        idempotencyKey: `cancel:${order.id}`,
      });
      refundedCents = r.refundedCents;
    }
    return store.inShop(scope.shopId, async (tx) => {
      const row = await store.transition(tx, order, [order.status], {
        status: 'cancelled',
        refunded_cents: refundedCents,
        cancelled_at: ctx.now,
        updated_at: ctx.now,
      });
      if (!row) throw refused((await store.byId(tx, scope.shopId, orderId))!, 'cancelled');
      await restock(tx, scope, orderId);
      await store.event(tx, row, ctx, 'cancelled', { refundedCents: refundedCents - order.refunded_cents });
      await audit(ctx, scope, 'order.cancel', orderId, { refundedCents: refundedCents - order.refunded_cents });
      return row;
    });
  }

  /**
   * Refunds all that is left (no amount) or part of it. A partial refund keeps the order paid or
   * fulfilled and counts what was refunded; once everything is, the order is `refunded`. Stock is not
   * put back: whether goods come back is the merchant's business (cancel restocks an unshipped order).
   */
  async function refund(ctx: RequestContext, scope: MerchantScope, orderId: string, amountCents: number | undefined) {
    const order = await orderOf(scope, orderId);
    if ((order.status !== 'paid' && order.status !== 'fulfilled') || !order.gateway_ref)
      throw refused(order, 'refunded');
    const left = order.total_cents - order.refunded_cents;
    const amount = amountCents ?? left;
    if (amount < 1 || amount > left)
      throw validationError([{ field: 'amountCents', message: `At most ${left} cents are left to refund.` }]);
    // Keyed by what was refunded before: two identical requests at once refund once.
    const r = await deps.payments.refund({
      gatewayRef: order.gateway_ref,
      amountCents: amount,
      idempotencyKey: `refund:${order.id}:${order.refunded_cents}:${amount}`,
    });
    return store.inShop(scope.shopId, async (tx) => {
      const full = r.refundedCents >= order.total_cents;
      const row = await tx
        .updateTable('shop_order')
        .set({ refunded_cents: r.refundedCents, updated_at: ctx.now, ...(full ? { status: 'refunded' as const } : {}) })
        .where('shop_id', '=', scope.shopId)
        .where('id', '=', orderId)
        .where('refunded_cents', '<', r.refundedCents)
        .returningAll()
        .executeTakeFirst();
      if (!row) return (await store.byId(tx, scope.shopId, orderId))!;
      await store.event(tx, row, ctx, 'refunded', { amountCents: amount, refundedCents: r.refundedCents });
      await audit(ctx, scope, 'order.refund', orderId, { amountCents: amount });
      return row;
    });
  }

  /** The gateway's notice that a Multibanco reference was paid: runs inside the gateway's unit of work. */
  async function paymentReceived(event: PaymentReceived) {
    const found = await deps.db
      .selectFrom('shop_order')
      .select(['shop_id', 'id'])
      .where('id', '=', event.orderReference)
      .executeTakeFirst();
    if (!found) return;
    const ctx = systemContext(event.paidAt);
    await store.inShop(found.shop_id, async (tx) => {
      const row = await store.transition(tx, found, ['pending_payment'], {
        status: 'paid',
        paid_at: event.paidAt,
        updated_at: event.paidAt,
      });
      if (!row) {
        // Paid after the merchant cancelled it: the money arrived all the same, and the merchant must
        // see it on the timeline to refund it.
        const now = await store.byId(tx, found.shop_id, found.id);
        if (now?.status === 'cancelled')
          await store.event(tx, now, ctx, 'paid_after_cancellation', {
            gatewayRef: event.gatewayRef,
            amountCents: event.amountCents,
          });
        return;
      }
      await store.event(tx, row, ctx, 'paid', { method: 'multibanco', gatewayRef: event.gatewayRef });
      await store.mail(row, 'confirmation');
      await store.mail(row, 'merchant-notice');
    });
  }

  /**
   * The Multibanco deadline passed: the gateway is asked first (a payment whose notice was lost still
   * counts), then an unpaid order is cancelled and its stock put back on sale.
   */
  async function expireMultibanco(payload: { shopId: string; orderId: string }) {
    const order = await store.inShop(payload.shopId, (tx) => store.byId(tx, payload.shopId, payload.orderId));
    if (!order || order.status !== 'pending_payment' || !order.gateway_ref) return;
    const status = await deps.payments.paymentStatus(order.gateway_ref);
    if (status.state === 'paid') {
      await paymentReceived({
        gatewayRef: order.gateway_ref,
        method: 'multibanco',
        orderReference: order.id,
        amountCents: status.amountCents,
        paidAt: status.paidAt ?? deps.now(),
      });
      return;
    }
    if (status.state === 'pending') throw new Error('The Multibanco reference has not expired yet.');
    const ctx = systemContext(deps.now());
    // The job acts for the merchant whose order it is: the membership guard still checks they own the shop.
    const scope = await deps.shops.shopScopeFor(order.account_id, order.shop_id);
    await store.inShop(order.shop_id, async (tx) => {
      const row = await store.transition(tx, order, ['pending_payment'], {
        status: 'cancelled',
        cancelled_at: ctx.now,
        updated_at: ctx.now,
      });
      if (!row) return;
      await restock(tx, scope, order.id);
      await store.event(tx, row, ctx, 'expired', { method: 'multibanco' });
    });
  }

  /**
   * A card order whose charge was never confirmed (the gateway did not answer and no retry came): it
   * stops holding its stock. Should the charge have gone through after all, the order's timeline and
   * the gateway's record (our order id is its reference) show the merchant what to refund.
   */
  async function releaseUnconfirmed(payload: { shopId: string; orderId: string }) {
    const order = await store.inShop(payload.shopId, (tx) => store.byId(tx, payload.shopId, payload.orderId));
    if (!order || order.status !== 'pending_payment' || order.gateway_ref) return;
    const ctx = systemContext(deps.now());
    const scope = await deps.shops.shopScopeFor(order.account_id, order.shop_id);
    await store.inShop(order.shop_id, async (tx) => {
      const row = await store.transition(tx, order, ['pending_payment'], {
        status: 'cancelled',
        cancelled_at: ctx.now,
        updated_at: ctx.now,
      });
      if (!row) return;
      await restock(tx, scope, order.id);
      await store.event(tx, row, ctx, 'payment_unconfirmed', { method: 'card' });
    });
  }

  return { fulfil, cancel, refund, paymentReceived, expireMultibanco, releaseUnconfirmed, orderOf };
}
export type OrderActions = ReturnType<typeof createOrderActions>;
