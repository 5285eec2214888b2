import { declareTables, notPersonal } from '../../core/privacy/data-map.js';

/**
 * A shop's catalogue is the merchant's business, not anyone's personal data. It belongs to the shop,
 * so it goes with the shop.
 */
export const catalogueTables = declareTables({
  product: {
    description: 'Products a shop sells, with their description and VAT rate.',
    subject: 'customer',
    owner: { via: 'shop_id', to: 'shop.id' },
    columns: {
      shop_id: notPersonal('the shop'),
      id: notPersonal('surrogate key (prd_…)'),
      handle: notPersonal('the product’s address in the shop'),
      title: notPersonal('the product’s name'),
      description: notPersonal('the merchant’s description (Markdown)'),
      description_html: notPersonal('the description rendered to safe HTML'),
      status: notPersonal('draft or active'),
      vat_rate: notPersonal('VAT rate included in its prices'),
      options: notPersonal('option names and values, e.g. Size: S, M'),
      search: notPersonal('search vector of the title, SKUs and description'),
      created_at: notPersonal('technical timestamp'),
      updated_at: notPersonal('technical timestamp'),
    },
  },
  product_variant: {
    description: 'The variants of each product: SKU, price, stock.',
    subject: 'customer',
    owner: { via: 'shop_id', to: 'shop.id' },
    columns: {
      shop_id: notPersonal('the shop'),
      id: notPersonal('surrogate key (var_…)'),
      product_id: notPersonal('the product'),
      sku: notPersonal('the merchant’s stock-keeping unit'),
      price_cents: notPersonal('price including VAT, in cents'),
      stock: notPersonal('units on hand'),
      weight_grams: notPersonal('shipping weight'),
      option_values: notPersonal('the variant’s value of each option'),
      position: notPersonal('order among the product’s variants'),
    },
  },
  collection: {
    description: 'Collections of products a shop shows together.',
    subject: 'customer',
    owner: { via: 'shop_id', to: 'shop.id' },
    columns: {
      shop_id: notPersonal('the shop'),
      id: notPersonal('surrogate key (col_…)'),
      handle: notPersonal('the collection’s address in the shop'),
      title: notPersonal('the collection’s name'),
      description: notPersonal('the merchant’s description'),
      created_at: notPersonal('technical timestamp'),
      updated_at: notPersonal('technical timestamp'),
    },
  },
  collection_product: {
    description: 'Which products each collection shows, in order.',
    subject: 'customer',
    owner: { via: 'shop_id', to: 'shop.id' },
    columns: {
      shop_id: notPersonal('the shop'),
      collection_id: notPersonal('the collection'),
      product_id: notPersonal('the product'),
      position: notPersonal('place in the collection'),
    },
  },
});
