import { describe, expect, it } from 'vitest';
import { firstFreeHandle, handleFromTitle } from './handles.js';
import { descriptionHtml, descriptionText } from './markdown.js';
import { prefixQuery } from './search-query.js';
import { variantProblems } from './variant-rules.js';

describe('catalogue text rules', () => {
  it('makes handles from titles as Shopify does, and finds the first free one', () => {
    expect(handleFromTitle('Camisola Azul — Algodão 100%')).toBe('camisola-azul-algodao-100');
    expect(handleFromTitle('!!!')).toBe('item');
    expect(firstFreeHandle('mug', new Set(['mug', 'mug-2']))).toBe('mug-3');
    expect(firstFreeHandle('mug', new Set(['mug-2']))).toBe('mug');
  });

  it('renders Markdown without passing raw HTML or script links through', () => {
    const html = descriptionHtml(
      '**Bold** <img src=x onerror=alert(1)> [x](javascript:alert(1)) [ok](https://example.com)',
    );
    expect(html).toContain('<strong>Bold</strong>');
    expect(html).not.toMatch(/<img|href="javascript/);
    expect(html).toContain('&lt;img');
    expect(html).toContain('href="https://example.com" rel="nofollow noopener noreferrer"');
    expect(descriptionHtml('   ')).toBe('');
  });

  it('gives a one-line plain description for meta tags', () => {
    expect(descriptionText('# Title\n\nFeita à **mão**, em *Barcelos*.\n\n- um\n- dois')).toBe(
      'Title Feita à mão, em Barcelos. um dois',
    );
    expect(descriptionText('a'.repeat(300), 20)).toHaveLength(20);
  });

  it('turns search words into a prefix query that no input can break', () => {
    expect(prefixQuery('Limão  verde')).toBe('limão:* & verde:*');
    expect(prefixQuery("a:* | b & !c ( ' ")).toBe('a:* & b:* & c:*');
    expect(prefixQuery('  ')).toBeNull();
  });

  it('names each variant that does not fit the options', () => {
    const options = [{ name: 'Size', values: ['S', 'M'] }];
    expect(variantProblems(options, [{ sku: 'A', options: ['S'] }])).toEqual([]);
    expect(
      variantProblems(options, [
        { sku: 'A', options: ['S'] },
        { sku: 'a', options: ['S'] },
        { sku: 'B', options: ['L'] },
        { sku: 'C' },
      ]).map((e) => e.field),
    ).toEqual(['variants.1.options', 'variants.1.sku', 'variants.2.options.0', 'variants.3.options']);
    expect(variantProblems([], [{ sku: 'A' }, { sku: 'B' }]).map((e) => e.field)).toEqual(['variants.1.options']);
  });
});
