import { declareTables, notPersonal } from '../../core/privacy/data-map.js';

/**
 * A shop is the merchant's business, not a person's data: no column of it is personal. It is owned by
 * the merchant's account, so erasing the account takes its shops with it.
 */
export const shopsTables = declareTables({
  shop: {
    description: "Hosted shops: each merchant's storefronts, with their address, status and settings.",
    subject: 'customer',
    owner: { via: 'account_id', to: 'account.id' },
    columns: {
      id: notPersonal('surrogate key (shp_…)'),
      account_id: notPersonal('reference to the owning account'),
      slug: notPersonal('the shop’s address label, chosen by the merchant'),
      name: notPersonal('the shop’s trading name'),
      status: notPersonal('active, suspended or closed'),
      currency: notPersonal('ISO 4217 code'),
      default_vat_rate: notPersonal('VAT rate for new products'),
      primary_colour: notPersonal('branding'),
      accent_colour: notPersonal('branding'),
      suspended_reason: notPersonal('why staff suspended the shop (an operational note, no personal data)'),
      created_at: notPersonal('technical timestamp'),
      updated_at: notPersonal('technical timestamp'),
    },
  },
  shop_shipping_rate: {
    description: 'Flat shipping price of a shop per zone.',
    subject: 'customer',
    owner: { via: 'shop_id', to: 'shop.id' },
    columns: {
      shop_id: notPersonal('the shop'),
      zone: notPersonal('Portugal mainland, islands, EU or rest of the world'),
      price_cents: notPersonal('price including VAT, in cents'),
    },
  },
});
