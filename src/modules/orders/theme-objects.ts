import type {
  AddressObject,
  CartLineObject,
  CheckoutObject,
  CheckoutStep,
  OrderObject,
  ShippingRateObject,
} from '../storefront/index.js';
import type { ShippingZone, ShopView } from '../shops/index.js';
import type { CartSummary } from './carts.service.js';
import type { AddressInput, CheckoutError } from './checkout-form.js';
import type { OrderDetail } from './orders.reads.js';

export type Language = 'en' | 'pt-PT';

const zoneTitles: Record<Language, Record<ShippingZone, string>> = {
  en: {
    'pt-mainland': 'Portugal (mainland)',
    'pt-islands': 'Madeira and the Azores',
    eu: 'European Union',
    world: 'Rest of the world',
  },
  'pt-PT': {
    'pt-mainland': 'Portugal continental',
    'pt-islands': 'Madeira e Açores',
    eu: 'União Europeia',
    world: 'Resto do mundo',
  },
};

export const zoneTitle = (zone: string, lang: Language) => zoneTitles[lang][zone as ShippingZone] ?? zone;

const regionNames = new Map<Language, Intl.DisplayNames>();
export function countryName(code: string, lang: Language): string {
  let names = regionNames.get(lang);
  if (!names) regionNames.set(lang, (names = new Intl.DisplayNames([lang], { type: 'region' })));
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

const countryLists = new Map<Language, { code: string; name: string }[]>();
/** Every country the shop ships to (the rest of the world has a rate too), sorted for the reader. */
export function countriesFor(lang: Language, codes: readonly string[]) {
  let list = countryLists.get(lang);
  if (!list) {
    const collator = new Intl.Collator(lang);
    list = codes
      .map((code) => ({ code, name: countryName(code, lang) }))
      .sort((a, b) => collator.compare(a.name, b.name));
    countryLists.set(lang, list);
  }
  return list;
}

export function cartLines(cart: CartSummary | null): CartLineObject[] {
  return (cart?.lines ?? []).map((l) => ({
    key: l.key,
    variant_id: l.variantId,
    product_title: l.productTitle,
    variant_title: l.variantTitle,
    quantity: l.quantity,
    price: l.unitPriceCents,
    line_price: l.lineTotalCents,
    url: `/products/${l.productHandle}`,
  }));
}

export interface CheckoutView {
  step: CheckoutStep;
  email: string;
  shipping: AddressInput;
  rate: string | null;
  billingSame: boolean;
  billing: AddressInput;
  method: 'card' | 'multibanco' | null;
  card: { name: string; expiry_month: string; expiry_year: string };
  errors: CheckoutError[];
}

/** The `checkout` object of the theme: one of its three steps, with what was typed (never a card number or code). */
export function checkoutObject(
  v: CheckoutView,
  p: {
    cart: CartSummary | null;
    shop: ShopView;
    zone: ShippingZone | null;
    lang: Language;
    countries: { code: string; name: string }[];
    customer?: { name: string; email: string } | null;
  },
): CheckoutObject {
  const rates: ShippingRateObject[] = p.zone
    ? p.shop.shippingRates
        .filter((r) => r.zone === p.zone)
        .map((r) => ({ id: r.zone, title: zoneTitle(r.zone, p.lang), price: r.priceCents }))
    : [];
  const chosen = rates.find((r) => r.id === v.rate) ?? null;
  const subtotal = p.cart?.totalCents ?? 0;
  return {
    step: v.step,
    customer: p.customer ?? null,
    login_url: p.customer ? null : '/account/login?return_to=%2Fcheckout',
    form_action: `/checkout?step=${v.step}`,
    step_urls: {
      information: '/checkout?step=information',
      shipping: '/checkout?step=shipping',
      payment: '/checkout?step=payment',
    },
    requires_shipping: true,
    email: v.email,
    shipping_address: v.shipping,
    billing_same_as_shipping: v.billingSame,
    billing_address: v.billing,
    countries: p.countries,
    shipping_rates: rates,
    selected_shipping_rate_id: chosen?.id ?? null,
    payment_methods: ['card', 'multibanco'],
    selected_payment_method: v.method,
    card: v.card,
    errors: v.errors as CheckoutObject['errors'],
    line_items: cartLines(p.cart),
    subtotal_price: subtotal,
    shipping_price: chosen?.price ?? null,
    total_price: subtotal + (chosen?.price ?? 0),
  };
}

export function addressObject(a: OrderDetail['shippingAddress'], lang: Language): AddressObject {
  return {
    name: `${a.firstName} ${a.lastName}`,
    address1: a.line1,
    address2: a.line2,
    zip: a.postalCode,
    city: a.city,
    country_code: a.country,
    country: countryName(a.country, lang),
    phone: a.phone,
  };
}

/** The `order` object of the theme's confirmation page: the card by its last four digits only. */
export function orderObject(o: OrderDetail, lang: Language): OrderObject {
  return {
    name: o.name,
    number: o.number,
    status: o.status,
    created_at: o.createdAt,
    email: o.email ?? '',
    line_items: o.lines.map((l) => ({
      product_title: l.productTitle,
      variant_title: l.variantTitle,
      sku: l.sku,
      quantity: l.quantity,
      price: l.unitPriceCents,
      line_price: l.lineTotalCents,
      vat_rate: l.vatRate,
    })),
    subtotal_price: o.totals.subtotalCents,
    shipping_method: { title: zoneTitle(o.shippingZone, lang), price: o.totals.shippingCents },
    shipping_price: o.totals.shippingCents,
    total_price: o.totals.totalCents,
    tax_lines: o.totals.vat.map((v) => ({ rate: v.rate, net: v.netCents, vat: v.vatCents })),
    shipping_address: addressObject(o.shippingAddress, lang),
    billing_address: addressObject(o.billingAddress, lang),
    payment: {
      method: o.payment.method,
      card_last4: o.payment.last4,
      multibanco: o.payment.multibanco
        ? {
            entity: o.payment.multibanco.entity,
            reference: o.payment.multibanco.reference,
            amount: o.totals.totalCents,
            expires_at: o.payment.multibanco.expiresAt,
          }
        : null,
    },
    tracking_number: o.trackingNumber,
    fulfilled_at: o.fulfilledAt,
  };
}
