import type { ProductView } from '../catalogue/index.js';
import { imagePath, type ImageView } from '../media/index.js';
import type { ImageObject, ProductCardObject, ProductObject, VariantObject } from './theme/index.js';

/** How the catalogue's products look to a theme (Shopify's objects). */

const onSale = (p: ProductView) => p.variants.filter((v) => v.stock > 0);

export function imageObject(i: Pick<ImageView, 'id' | 'alt' | 'width' | 'height' | 'renditions'>): ImageObject {
  const srcset = (format: 'webp' | 'avif') =>
    i.renditions
      .filter((r) => r.format === format)
      .sort((a, b) => a.width - b.width)
      .map((r) => `${imagePath(i.id, r)} ${r.width}w`)
      .join(', ');
  const webp = i.renditions.filter((r) => r.format === 'webp').sort((a, b) => a.width - b.width);
  const middle = webp.filter((r) => r.width <= 640).at(-1) ?? webp[0];
  return {
    src: middle ? imagePath(i.id, middle) : '',
    alt: i.alt,
    width: i.width,
    height: i.height,
    srcset_avif: srcset('avif'),
    srcset_webp: srcset('webp'),
  };
}

export function productCard(p: ProductView, images: ImageView[] = []): ProductCardObject {
  const available = onSale(p);
  const prices = (available.length > 0 ? available : p.variants).map((v) => v.priceCents);
  const min = prices.length > 0 ? Math.min(...prices) : 0;
  return {
    id: p.id,
    handle: p.handle,
    title: p.title,
    url: `/products/${p.handle}`,
    price: min,
    price_min: min,
    price_max: prices.length > 0 ? Math.max(...prices) : 0,
    available: available.length > 0,
    featured_image: images[0] ? imageObject(images[0]) : null,
  };
}

export function variantObject(p: ProductView, v: ProductView['variants'][number]): VariantObject {
  return {
    id: v.id,
    title: p.options.length > 0 ? v.options.join(' / ') : 'Default Title',
    sku: v.sku,
    price: v.priceCents,
    available: v.stock > 0,
    options: v.options,
  };
}

export function productObject(p: ProductView, selectedVariantId?: string, images: ImageView[] = []): ProductObject {
  const variants = p.variants.map((v) => variantObject(p, v));
  const selected =
    variants.find((v) => v.id === selectedVariantId) ?? variants.find((v) => v.available) ?? variants[0] ?? null;
  return {
    ...productCard(p, images),
    images: images.map(imageObject),
    description_html: p.descriptionHtml,
    options: p.options,
    variants,
    selected_or_first_available_variant: selected,
    has_only_default_variant: p.options.length === 0 && variants.length === 1,
  };
}

/** `/products/<handle>.js`, as Shopify themes and headless clients read it. */
export function productJson(p: ProductView, shopUrl: string, images: ImageView[] = []) {
  const card = productCard(p);
  return {
    id: p.id,
    handle: p.handle,
    title: p.title,
    description: p.descriptionHtml,
    url: new URL(card.url, shopUrl).href,
    price: card.price,
    price_min: card.price_min,
    price_max: card.price_max,
    available: card.available,
    images: images.map((i) => new URL(imageObject(i).src, shopUrl).href),
    featured_image: images[0] ? new URL(imageObject(images[0]).src, shopUrl).href : null,
    options: p.options.map((o, i) => ({ name: o.name, position: i + 1, values: o.values })),
    variants: p.variants.map((v) => ({
      ...variantObject(p, v),
      option1: v.options[0] ?? null,
      option2: v.options[1] ?? null,
      option3: v.options[2] ?? null,
      // Shoppers see whether they can buy, not the merchant's stock count.
      inventory_available: v.stock > 0,
    })),
  };
}
