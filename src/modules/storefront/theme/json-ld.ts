import { decimalPrice } from './money.js';
import type { ProductObject, ShopObject } from './objects.js';

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The words of sanitised HTML, for a description that search engines read as plain text. */
export function plainText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return entities[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .replace(/ ([.,;:!?])/g, '$1')
    .trim();
}

const availability = (available: boolean) =>
  available ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock';

/**
 * schema.org Product with one Offer per variant (search engines show price and stock from it).
 * Serialise it with scriptSafeJson before it goes into a page.
 */
export function productJsonLd(product: ProductObject, shop: Pick<ShopObject, 'url' | 'currency' | 'name'>) {
  const url = new URL(product.url, shop.url).href;
  const seller = { '@type': 'Organization', name: shop.name };
  const variants = product.variants;
  const offers =
    variants.length === 0
      ? [
          {
            '@type': 'Offer',
            price: decimalPrice(product.price, shop.currency),
            priceCurrency: shop.currency,
            availability: availability(product.available),
            url,
            seller,
          },
        ]
      : variants.map((v) => ({
          '@type': 'Offer',
          price: decimalPrice(v.price, shop.currency),
          priceCurrency: shop.currency,
          availability: availability(v.available),
          ...(v.sku ? { sku: v.sku } : {}),
          url: product.has_only_default_variant ? url : `${url}?variant=${encodeURIComponent(v.id)}`,
          seller,
        }));
  const description = plainText(product.description_html);
  const sku = product.selected_or_first_available_variant?.sku;
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: product.title,
    ...(description ? { description } : {}),
    ...(sku ? { sku } : {}),
    url,
    offers,
  };
}
