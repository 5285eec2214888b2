import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { productJsonLd, scriptSafeJson } from './index.js';
import { plainText } from './json-ld.js';
import { fixtures } from './test-support/fixtures.js';

const { mug, pages } = fixtures();
const shop = pages.product.shop;

describe('productJsonLd', () => {
  it('describes a product with an Offer per variant: decimal price, currency, availability, sku, absolute url', () => {
    expect(productJsonLd(mug, shop)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'Product',
      name: 'Blue mug',
      description: 'Stoneware, 350 ml. Dishwasher safe & sturdy.',
      sku: 'MUG-S',
      url: 'http://loja-da-maria.localhost:3000/products/blue-mug',
      offers: [
        {
          '@type': 'Offer',
          price: '12.50',
          priceCurrency: 'EUR',
          availability: 'https://schema.org/InStock',
          sku: 'MUG-S',
          url: 'http://loja-da-maria.localhost:3000/products/blue-mug?variant=var_small',
          seller: { '@type': 'Organization', name: 'Loja da Maria' },
        },
        {
          '@type': 'Offer',
          price: '14.50',
          priceCurrency: 'EUR',
          availability: 'https://schema.org/OutOfStock',
          sku: 'MUG-L',
          url: 'http://loja-da-maria.localhost:3000/products/blue-mug?variant=var_large',
          seller: { '@type': 'Organization', name: 'Loja da Maria' },
        },
      ],
    });
  });

  it('gives one offer from the product itself when it has no variants, and leaves out what is empty', () => {
    const ld = productJsonLd(
      {
        ...mug,
        description_html: '',
        variants: [],
        selected_or_first_available_variant: null,
        price: 900,
        available: false,
      },
      { ...shop, url: 'https://shop.example/' },
    );
    expect(ld).not.toHaveProperty('description');
    expect(ld).not.toHaveProperty('sku');
    expect(ld.offers).toEqual([
      {
        '@type': 'Offer',
        price: '9.00',
        priceCurrency: 'EUR',
        availability: 'https://schema.org/OutOfStock',
        url: 'https://shop.example/products/blue-mug',
        seller: { '@type': 'Organization', name: 'Loja da Maria' },
      },
    ]);
  });

  it('reads a description as plain text: markup gone, entities decoded, scripts dropped', () => {
    expect(plainText('<p>A&nbsp;b &lt;c&gt; &#233;&#x41;</p><script>x()</script><ul><li>d</li></ul>')).toBe(
      'A b <c> éA d',
    );
  });
});

describe('scriptSafeJson', () => {
  it('parses back to the same value and never contains <, > or & for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const json = scriptSafeJson(value);
        expect(json).not.toMatch(/[<>&\u2028\u2029]/);
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});
