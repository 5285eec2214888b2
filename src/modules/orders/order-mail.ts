import type { Mailer } from '../../core/mail/mailer.js';
import type { AccountsService } from '../accounts/index.js';
import type { ShopsService } from '../shops/index.js';
import type { OrderMailKind } from './order-store.js';
import { orderToken } from './order-token.js';
import type { OrderDetail, OrderReads } from './orders.reads.js';

const euros = (cents: number, currency: string) =>
  `${(cents / 100).toFixed(2).replace('.', ',')} ${currency === 'EUR' ? '€' : currency}`;

function orderText(o: OrderDetail) {
  const money = (c: number) => euros(c, o.currency);
  const a = o.shippingAddress;
  return [
    ...o.lines.map(
      (l) =>
        `${l.quantity} × ${l.productTitle}${l.variantTitle ? ` (${l.variantTitle})` : ''}  ${money(l.lineTotalCents)}`,
    ),
    '',
    `Subtotal: ${money(o.totals.subtotalCents)}`,
    `Shipping: ${money(o.totals.shippingCents)}`,
    `Total: ${money(o.totals.totalCents)} (VAT included: ${money(o.totals.vatTotalCents)})`,
    '',
    'Shipping to:',
    `${a.firstName} ${a.lastName}`,
    a.line1,
    ...(a.line2 ? [a.line2] : []),
    `${a.postalCode} ${a.city}`,
    a.country,
  ];
}

/**
 * The order mails, sent by a job after the change that causes them commits (so a mail server that is
 * down delays them rather than failing a checkout). The shopper's come from the shop's name; none
 * carries card data: a card is named by its network only.
 */
export function createOrderMail(deps: {
  mailer: Mailer;
  reads: OrderReads;
  shops: ShopsService;
  accounts: AccountsService;
  hashKey: Buffer;
}) {
  return async function send(payload: { shopId: string; accountId: string; orderId: string; kind: OrderMailKind }) {
    const scope = await deps.shops.shopScopeFor(payload.accountId, payload.shopId);
    const shop = await deps.shops.getShop(scope);
    const order = await deps.reads.detail(scope, payload.orderId);
    if (!order) return;
    const page = `${shop.url}orders/${orderToken(deps.hashKey, order.id)}`;
    const paidBy =
      order.payment.method === 'card'
        ? `Paid by card${order.payment.brand && order.payment.brand !== 'unknown' ? ` (${order.payment.brand})` : ''}.`
        : 'Paid by Multibanco.';
    if (payload.kind === 'merchant-notice') {
      const merchant = await deps.accounts.contactOf(payload.accountId);
      if (!merchant) return;
      await deps.mailer.send({
        to: merchant.email,
        accountId: payload.accountId,
        subject: `${shop.name}: new order ${order.name}`,
        text: [`A new order, ${order.name}, was paid in ${shop.name}.`, '', ...orderText(order), '', paidBy].join('\n'),
      });
      return;
    }
    if (!order.email) return; // the shopper was erased since
    // The shop's mail to its shopper: never part of a SellRocket customer's correspondence.
    const from = { to: order.email, fromName: shop.name, shopId: payload.shopId };
    if (payload.kind === 'confirmation') {
      await deps.mailer.send({
        ...from,
        subject: `Order ${order.name} confirmed`,
        text: [
          `Thank you for your order ${order.name} at ${shop.name}.`,
          '',
          ...orderText(order),
          '',
          paidBy,
          `Your order: ${page}`,
        ].join('\n'),
      });
    } else if (payload.kind === 'awaiting-payment') {
      const mb = order.payment.multibanco!;
      await deps.mailer.send({
        ...from,
        subject: `Order ${order.name}: pay by Multibanco`,
        text: [
          `Thank you for your order ${order.name} at ${shop.name}. Pay it at an ATM or in your bank's app:`,
          '',
          `Entity: ${mb.entity}`,
          `Reference: ${mb.reference.replace(/(\d{3})(?=\d)/g, '$1 ')}`,
          `Amount: ${euros(order.totals.totalCents, order.currency)}`,
          `Pay by: ${mb.expiresAt.slice(0, 16).replace('T', ' ')} UTC`,
          '',
          ...orderText(order),
          '',
          `Your order: ${page}`,
        ].join('\n'),
      });
    } else {
      await deps.mailer.send({
        ...from,
        subject: `Order ${order.name} is on its way`,
        text: [
          `Your order ${order.name} from ${shop.name} has been sent.`,
          ...(order.trackingNumber ? [`Tracking number: ${order.trackingNumber}`] : []),
          '',
          ...orderText(order),
          '',
          `Your order: ${page}`,
        ].join('\n'),
      });
    }
  };
}
