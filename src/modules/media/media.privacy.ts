import { declareTables, notPersonal } from '../../core/privacy/data-map.js';

/**
 * Product photos are the merchant's catalogue, not anyone's personal data: EXIF and GPS metadata,
 * which could be (where a photo was taken, by which camera), are stripped before anything is stored.
 */
export const mediaTables = declareTables({
  product_image: {
    description: 'Images of a shop’s products: sizes made, alt text, order.',
    subject: 'customer',
    owner: { via: 'shop_id', to: 'shop.id' },
    columns: {
      shop_id: notPersonal('the shop'),
      id: notPersonal('surrogate key (img_…)'),
      product_id: notPersonal('the product shown'),
      position: notPersonal('order among the product’s images'),
      alt: notPersonal('the merchant’s description of the image, for screen readers'),
      width: notPersonal('the uploaded image’s width in pixels'),
      height: notPersonal('the uploaded image’s height in pixels'),
      source_type: notPersonal('the uploaded file’s type, sniffed from its bytes'),
      source_bytes: notPersonal('the uploaded file’s size'),
      renditions: notPersonal('sizes and formats made (WebP, AVIF), metadata stripped'),
      created_at: notPersonal('technical timestamp'),
    },
  },
});
