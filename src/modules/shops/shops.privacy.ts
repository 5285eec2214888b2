import { declareTables, notPersonal, personal } from '../../core/privacy/data-map.js';

// A merchant may trade under their own name (a sole trader): the shop's legal identity is then
// theirs. The law has it shown on the shop (e-commerce identification), while the account lasts.
const identity = {
  basis: 'legal-obligation',
  retention: 'account-lifetime',
  purposes: ['service', 'legal-compliance'],
  recipients: ['hosting', 'backup'],
} as const;

/**
 * A shop is the merchant's business; only its legal identity can be a person's (a sole trader's name,
 * tax number and address). It is owned by the merchant's account, so erasing the account takes its
 * shops with it.
 */
export const shopsTables = declareTables({
  shop: {
    description: "Hosted shops: each merchant's storefronts, with their address, status and settings.",
    label: { en: 'Your shops and their legal details', 'pt-PT': 'As suas lojas e os seus dados legais' },
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
      legal_name: personal({ category: 'identification', key: 'organisation.name', ...identity, identifier: true }),
      tax_id: personal({ category: 'identification', key: 'tax.id', ...identity, identifier: true }),
      contact_email: personal({ category: 'tracking', key: 'contact.email', ...identity, identifier: true }),
      contact_phone: personal({ category: 'tracking', key: 'contact.phone', ...identity, identifier: true }),
      address_line1: personal({ category: 'localisation', key: 'address.line1', ...identity }),
      address_postal_code: personal({ category: 'localisation', key: 'address.postal_code', ...identity }),
      address_city: personal({ category: 'localisation', key: 'address.city', ...identity }),
      address_country: personal({ category: 'localisation', key: 'address.country', ...identity }),
      logo: notPersonal('the shop’s logo image (its sizes)'),
      home_collections: notPersonal('the collections the home page shows'),
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
