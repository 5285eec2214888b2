import { z } from 'zod';
import { orderStatuses } from './orders.tables.js';

export const ShopParams = z.object({ shopId: z.string().max(64) });
export const OrderParams = ShopParams.extend({ orderId: z.string().max(64) });

export const OrderListQuery = z.object({
  status: z.enum(orderStatuses).optional(),
  /** An order number (`1001` or `#1001`) or part of the shopper's email. */
  q: z.string().trim().max(200).optional(),
  /** Orders placed on or after this day, and on or before `to` (YYYY-MM-DD). */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  perPage: z.coerce.number().int().min(1).max(100).default(20),
});

export const FulfilBody = z.object({ trackingNumber: z.string().trim().min(1).max(100).optional() });
export const RefundBody = z.object({
  amountCents: z.number().int('A whole number of cents').min(1, 'At least 1 cent').max(2_147_483_647).optional(),
});

export const AddressResponse = z.object({
  firstName: z.string(),
  lastName: z.string(),
  line1: z.string(),
  line2: z.string().nullable(),
  postalCode: z.string(),
  city: z.string(),
  country: z.string(),
  phone: z.string().nullable(),
});

export const OrderSummaryResponse = z.object({
  id: z.string(),
  number: z.number().int(),
  name: z.string(),
  status: z.enum(orderStatuses),
  email: z.string().nullable(),
  customerName: z.string(),
  totalCents: z.number().int(),
  refundedCents: z.number().int(),
  currency: z.string(),
  paymentMethod: z.enum(['card', 'multibanco']),
  createdAt: z.string(),
});

export const OrderResponse = OrderSummaryResponse.extend({
  lines: z.array(
    z.object({
      variantId: z.string(),
      productId: z.string(),
      productTitle: z.string(),
      productHandle: z.string(),
      variantTitle: z.string().nullable(),
      sku: z.string(),
      quantity: z.number().int(),
      unitPriceCents: z.number().int(),
      vatRate: z.number().int(),
      lineTotalCents: z.number().int(),
    }),
  ),
  totals: z.object({
    subtotalCents: z.number().int(),
    shippingCents: z.number().int(),
    totalCents: z.number().int(),
    vatTotalCents: z.number().int(),
    vat: z.array(
      z.object({
        rate: z.number().int(),
        grossCents: z.number().int(),
        netCents: z.number().int(),
        vatCents: z.number().int(),
      }),
    ),
  }),
  shippingZone: z.string(),
  shippingAddress: AddressResponse,
  billingAddress: AddressResponse,
  payment: z.object({
    method: z.enum(['card', 'multibanco']),
    brand: z.string().nullable(),
    last4: z.string().nullable(),
    gatewayRef: z.string().nullable(),
    multibanco: z.object({ entity: z.string(), reference: z.string(), expiresAt: z.string() }).nullable(),
  }),
  trackingNumber: z.string().nullable(),
  paidAt: z.string().nullable(),
  fulfilledAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  timeline: z.array(
    z.object({
      kind: z.string(),
      data: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
      actor: z.string(),
      at: z.string(),
    }),
  ),
});

export const OrderListResponse = z.object({
  items: z.array(OrderSummaryResponse),
  total: z.number().int(),
  page: z.number().int(),
  perPage: z.number().int(),
});

/** `{ id: variantId, quantity }`, as Shopify's cart endpoints take it. */
export const CartAddBody = z.object({
  id: z.string().trim().min(1, 'Required').max(64),
  quantity: z.coerce.number().int('A whole number').min(1, 'At least 1').max(999, 'At most 999').default(1),
});
export const CartChangeBody = z.object({
  id: z.string().trim().min(1, 'Required').max(64),
  quantity: z.coerce.number().int('A whole number').min(0, 'At least 0').max(999, 'At most 999'),
});
