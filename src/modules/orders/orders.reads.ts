import { sql, type Kysely, type Selectable } from 'kysely';
import { containsPattern } from '../../core/db/like.js';
import { withShop } from '../../core/db/shop-isolation.js';
import type { ShopScope } from '../shops/index.js';
import { orderTokenHash } from './order-token.js';
import type { OrderRow } from './order-store.js';
import type { OrderLineTable, OrderStatus, OrdersTables, VatLine } from './orders.tables.js';

/** An order's delivery or billing address, as the API shows it. */
export const address = (o: OrderRow, p: 'ship' | 'bill') => ({
  firstName: o[`${p}_first_name`],
  lastName: o[`${p}_last_name`],
  line1: o[`${p}_line1`],
  line2: o[`${p}_line2`],
  postalCode: o[`${p}_postal_code`],
  city: o[`${p}_city`],
  country: o[`${p}_country`],
  phone: o[`${p}_phone`],
});

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function orderSummaryView(o: OrderRow & { email: string | null }) {
  return {
    id: o.id,
    number: o.number,
    name: `#${o.number}`,
    status: o.status,
    email: o.email,
    customerName: `${o.bill_first_name} ${o.bill_last_name}`,
    totalCents: o.total_cents,
    refundedCents: o.refunded_cents,
    currency: o.currency,
    paymentMethod: o.payment_method,
    createdAt: iso(o.created_at)!,
  };
}

/** The whole order: what the merchant's API and the shopper's confirmation page show (card: brand and last four only). */
export function orderDetailView(
  o: OrderRow & { email: string | null },
  lines: Selectable<OrderLineTable>[],
  events: { kind: string; data: unknown; actor: string; created_at: Date }[],
) {
  return {
    ...orderSummaryView(o),
    lines: lines.map((l) => ({
      variantId: l.variant_id,
      productId: l.product_id,
      productTitle: l.product_title,
      productHandle: l.product_handle,
      variantTitle: l.variant_title,
      sku: l.sku,
      quantity: l.quantity,
      unitPriceCents: l.unit_price_cents,
      vatRate: l.vat_rate,
      lineTotalCents: l.line_total_cents,
    })),
    totals: {
      subtotalCents: o.subtotal_cents,
      shippingCents: o.shipping_cents,
      totalCents: o.total_cents,
      vatTotalCents: o.vat_total_cents,
      vat: o.vat_breakdown as unknown as VatLine[],
    },
    shippingZone: o.shipping_zone,
    shippingAddress: address(o, 'ship'),
    billingAddress: address(o, 'bill'),
    payment: {
      method: o.payment_method,
      brand: o.card_brand,
      last4: o.card_last4,
      gatewayRef: o.gateway_ref,
      multibanco:
        o.mb_entity && o.mb_reference
          ? { entity: o.mb_entity, reference: o.mb_reference, expiresAt: iso(o.mb_expires_at)! }
          : null,
    },
    trackingNumber: o.tracking_number,
    paidAt: iso(o.paid_at),
    fulfilledAt: iso(o.fulfilled_at),
    cancelledAt: iso(o.cancelled_at),
    timeline: events.map((e) => ({
      kind: e.kind,
      data: e.data as Record<string, string | number | null>,
      actor: e.actor,
      at: iso(e.created_at)!,
    })),
  };
}
export type OrderDetail = ReturnType<typeof orderDetailView>;

/** Reads of a shop's orders, each inside the shop's wall. */
export function createOrderReads(db: Kysely<OrdersTables>) {
  const joined = (tx: Kysely<OrdersTables>, shopId: string) =>
    tx
      .selectFrom('shop_order as o')
      .leftJoin('shopper as s', (j) => j.onRef('s.shop_id', '=', 'o.shop_id').onRef('s.id', '=', 'o.shopper_id'))
      .where('o.shop_id', '=', shopId);
  const withEmail = (tx: Kysely<OrdersTables>, shopId: string) => joined(tx, shopId).selectAll('o').select('s.email');

  async function list(
    scope: ShopScope,
    q: {
      status?: OrderStatus | undefined;
      q?: string | undefined;
      from?: string | undefined;
      to?: string | undefined;
      page: number;
      perPage: number;
    },
  ) {
    return withShop(db, scope.shopId, async (tx) => {
      let found = joined(tx, scope.shopId);
      if (q.status) found = found.where('o.status', '=', q.status);
      // Days as the shop counts them (Lisbon), the end day included.
      if (q.from) found = found.where(sql<boolean>`o.created_at >= (${q.from}::date at time zone 'Europe/Lisbon')`);
      if (q.to) found = found.where(sql<boolean>`o.created_at < ((${q.to}::date + 1) at time zone 'Europe/Lisbon')`);
      const term = q.q?.trim();
      const number = term ? /^#?(\d{1,9})$/.exec(term) : null;
      if (number) found = found.where('o.number', '=', Number(number[1]));
      else if (term) found = found.where(sql<boolean>`lower(s.email) like ${containsPattern(term.toLowerCase())}`);
      const items = await found
        .selectAll('o')
        .select('s.email')
        .orderBy('o.number', 'desc')
        .limit(q.perPage)
        .offset((q.page - 1) * q.perPage)
        .execute();
      const total = await found.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      return { items: items.map(orderSummaryView), total: Number(total.n) };
    });
  }

  async function detailWhere(
    scope: ShopScope,
    by: { id: string } | { tokenHash: string } | { shopperId: string; number: number },
  ) {
    return withShop(db, scope.shopId, async (tx) => {
      let q = withEmail(tx, scope.shopId);
      if ('id' in by) q = q.where('o.id', '=', by.id);
      else if ('tokenHash' in by) q = q.where('o.token_hash', '=', by.tokenHash);
      else q = q.where('o.shopper_id', '=', by.shopperId).where('o.number', '=', by.number);
      const order = await q.executeTakeFirst();
      if (!order) return null;
      const lines = await tx
        .selectFrom('order_line')
        .selectAll()
        .where('shop_id', '=', scope.shopId)
        .where('order_id', '=', order.id)
        .orderBy('position')
        .execute();
      const events = await tx
        .selectFrom('order_event')
        .select(['kind', 'data', 'actor', 'created_at'])
        .where('shop_id', '=', scope.shopId)
        .where('order_id', '=', order.id)
        .orderBy('seq')
        .execute();
      return orderDetailView(order, lines, events);
    });
  }

  return {
    list,
    detail: (scope: ShopScope, orderId: string) => detailWhere(scope, { id: orderId }),
    /** The shopper's confirmation page: found by the token's hash, in the shop whose host was asked. */
    byToken: (scope: ShopScope, token: string) =>
      token.length > 100 ? Promise.resolve(null) : detailWhere(scope, { tokenHash: orderTokenHash(token) }),
    /** A signed-in shopper's own order, by its number: another shopper's number finds nothing. */
    ofShopper: (scope: ShopScope, shopperId: string, number: number) => detailWhere(scope, { shopperId, number }),
  };
}
export type OrderReads = ReturnType<typeof createOrderReads>;
