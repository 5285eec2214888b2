import { declareTables, notPersonal, personal } from '../../core/privacy/data-map.js';

/**
 * Shoppers are the merchant's data subjects: the merchant is the controller, the platform processes
 * their data on the merchant's behalf (subject `shopper`). An order is the merchant's sales record:
 * erasing a shopper detaches their orders and clears what the invoice need not show; the billing name
 * and address stay under legal hold with the fiscal record.
 */

// What was needed to sell and deliver: the contract with the shopper, kept with the order.
const sale = { basis: 'contract', retention: 'shop-order', purposes: ['service'] } as const;
// What the invoice must show: held for the tax authority's period even after an erasure (RT6/RT8).
const fiscal = {
  basis: 'legal-obligation',
  retention: 'fiscal-record',
  purposes: ['billing', 'legal-compliance'],
  onErasure: 'hold',
} as const;

export const ordersTables = declareTables({
  cart: {
    description: 'Shopping carts of a shop, found by a strictly necessary cookie; deleted after 30 days idle.',
    label: { en: 'Shopping carts', 'pt-PT': 'Carrinhos de compras' },
    subject: 'shopper',
    owner: { column: 'id' },
    columns: {
      shop_id: notPersonal('the shop'),
      id: notPersonal('surrogate key (crt_…)'),
      token_hash: personal({
        category: 'tracking',
        key: 'device.cart_cookie',
        purposes: ['service'],
        basis: 'contract',
        retention: 'cart-idle',
        export: 'omit',
      }),
      created_at: notPersonal('technical timestamp'),
      updated_at: notPersonal('last change: the cart is deleted 30 days after it'),
    },
  },
  cart_line: {
    description: 'What each cart holds: variants and quantities, no personal data.',
    columns: {
      shop_id: notPersonal('the shop'),
      cart_id: notPersonal('the cart'),
      variant_id: notPersonal('the variant in the cart'),
      quantity: notPersonal('how many'),
      added_at: notPersonal('technical timestamp'),
    },
  },
  shopper: {
    description: "A shop's shoppers, known by the email given at checkout; the merchant is the controller.",
    label: { en: 'Your details as a shopper', 'pt-PT': 'Os seus dados enquanto comprador' },
    subject: 'shopper',
    owner: { column: 'id' },
    columns: {
      shop_id: notPersonal('the shop'),
      id: notPersonal('surrogate key (spr_…)'),
      email: personal({
        category: 'tracking',
        key: 'contact.email',
        purposes: ['service', 'support'],
        basis: 'contract',
        retention: 'shop-order',
        identifier: true,
        recipients: ['hosting', 'backup', 'email-distribution'],
      }),
      created_at: notPersonal('technical timestamp'),
    },
  },
  order_number_counter: {
    description: 'The last order number each shop gave.',
    columns: {
      shop_id: notPersonal('the shop'),
      last_number: notPersonal('the last order number given'),
    },
  },
  shop_order: {
    description: "A shop's orders: the merchant's sales records, with the shopper's addresses as given at checkout.",
    label: { en: 'Your orders', 'pt-PT': 'As suas encomendas' },
    subject: 'shopper',
    owner: { via: 'shopper_id', to: 'shopper.id' },
    erasure: 'anonymise',
    document: 'Orders',
    columns: {
      shop_id: notPersonal('the shop'),
      id: notPersonal('surrogate key (ord_…)'),
      number: notPersonal('the shop’s order number'),
      account_id: notPersonal('the merchant’s account, told of the order'),
      status: notPersonal('pending payment, paid, fulfilled, cancelled or refunded'),
      token_hash: notPersonal(
        'SHA-256 of the confirmation page’s token: opens one order’s page, says nothing of anyone',
      ),
      shopper_id: notPersonal('reference to the shopper (cleared on erasure)'),
      currency: notPersonal('ISO 4217 code'),
      subtotal_cents: notPersonal('goods, VAT included'),
      shipping_cents: notPersonal('shipping, VAT included'),
      total_cents: notPersonal('total, VAT included'),
      vat_total_cents: notPersonal('VAT included in the total'),
      vat_breakdown: notPersonal('VAT per rate'),
      shipping_zone: notPersonal('shipping zone of the address'),
      ship_first_name: personal({
        category: 'identification',
        key: 'name.first',
        ...sale,
        identifier: true,
        onErasure: 'redact',
      }),
      ship_last_name: personal({
        category: 'identification',
        key: 'name.last',
        ...sale,
        identifier: true,
        onErasure: 'redact',
      }),
      ship_line1: personal({ category: 'localisation', key: 'address.line1', ...sale, onErasure: 'redact' }),
      ship_line2: personal({ category: 'localisation', key: 'address.line2', ...sale, onErasure: 'null' }),
      ship_postal_code: personal({
        category: 'localisation',
        key: 'address.postal_code',
        ...sale,
        onErasure: 'redact',
      }),
      ship_city: personal({ category: 'localisation', key: 'address.city', ...sale, onErasure: 'redact' }),
      // Where goods go decides the VAT of a distance sale in the EU: the invoice must show it.
      ship_country: personal({ category: 'localisation', key: 'address.country', ...fiscal }),
      ship_phone: personal({
        category: 'tracking',
        key: 'contact.phone',
        ...sale,
        identifier: true,
        onErasure: 'null',
      }),
      bill_first_name: personal({ category: 'identification', key: 'name.first', ...fiscal, identifier: true }),
      bill_last_name: personal({ category: 'identification', key: 'name.last', ...fiscal, identifier: true }),
      bill_line1: personal({ category: 'localisation', key: 'address.line1', ...fiscal }),
      bill_line2: personal({ category: 'localisation', key: 'address.line2', ...fiscal }),
      bill_postal_code: personal({ category: 'localisation', key: 'address.postal_code', ...fiscal }),
      bill_city: personal({ category: 'localisation', key: 'address.city', ...fiscal }),
      bill_country: personal({ category: 'localisation', key: 'address.country', ...fiscal }),
      bill_phone: personal({
        category: 'tracking',
        key: 'contact.phone',
        ...sale,
        identifier: true,
        onErasure: 'null',
      }),
      payment_method: notPersonal('card or Multibanco'),
      card_brand: notPersonal('card network'),
      card_last4: notPersonal(
        'last four digits of the card: all that may be shown of it (PCI DSS), never enough to use it',
      ),
      gateway_ref: notPersonal('the payment gateway’s reference'),
      mb_entity: notPersonal('Multibanco entity (who is paid)'),
      mb_reference: notPersonal('Multibanco reference generated for the payment'),
      mb_expires_at: notPersonal('when the Multibanco reference stops being payable'),
      refunded_cents: notPersonal('refunded so far, in cents'),
      tracking_number: notPersonal('the carrier’s parcel number'),
      created_at: notPersonal('technical timestamp'),
      updated_at: notPersonal('technical timestamp'),
      paid_at: notPersonal('when the payment arrived'),
      fulfilled_at: notPersonal('when the order was shipped'),
      cancelled_at: notPersonal('when the order was cancelled'),
    },
  },
  order_line: {
    description: 'What each order sold, as it was sold: product names, SKUs, prices and VAT.',
    label: { en: 'What you bought', 'pt-PT': 'O que comprou' },
    // What the shopper bought is theirs to see while the order is theirs; an erasure detaches the order.
    subject: 'shopper',
    owner: { via: 'order_id', to: 'shop_order.id' },
    erasure: 'with-parent',
    columns: {
      shop_id: notPersonal('the shop'),
      order_id: notPersonal('the order'),
      position: notPersonal('line number'),
      variant_id: notPersonal('the variant sold'),
      product_id: notPersonal('the product sold'),
      product_title: notPersonal('the product’s name when sold'),
      product_handle: notPersonal('the product’s address when sold'),
      variant_title: notPersonal('the variant’s options when sold'),
      sku: notPersonal('the merchant’s stock-keeping unit'),
      quantity: notPersonal('how many'),
      unit_price_cents: notPersonal('price of one, VAT included'),
      vat_rate: notPersonal('VAT rate'),
      line_total_cents: notPersonal('price of the line, VAT included'),
    },
  },
  order_event: {
    description: 'The timeline of each order: placed, paid, fulfilled, cancelled, refunded.',
    label: { en: 'Your orders’ history', 'pt-PT': 'O histórico das suas encomendas' },
    subject: 'shopper',
    owner: { via: 'order_id', to: 'shop_order.id' },
    erasure: 'with-parent',
    columns: {
      shop_id: notPersonal('the shop'),
      order_id: notPersonal('the order'),
      seq: notPersonal('place in the order’s timeline'),
      kind: notPersonal('what happened'),
      data: notPersonal('amounts, references and reasons: never a name, address or card'),
      actor: notPersonal('who did it: a reference (acc_…), the shopper or the system'),
      created_at: notPersonal('technical timestamp'),
    },
  },
  checkout_request: {
    description: 'Idempotency keys of checkouts, so a retried request finds its order.',
    columns: {
      shop_id: notPersonal('the shop'),
      key: notPersonal(
        'the Idempotency-Key header chosen by the client, or for a form the cart’s id and version with the card’s brand, last four digits and expiry',
      ),
      request_hash: notPersonal('SHA-256 of the request without the card: tells a retry from another request'),
      order_id: notPersonal('the order it made'),
      created_at: notPersonal('technical timestamp'),
    },
  },
});
