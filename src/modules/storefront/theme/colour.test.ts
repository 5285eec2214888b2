import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contrastRatio, luminance, normaliseHex, readableOn, textColourOn } from './colour.js';

const hexColour = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
  .map((rgb) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`);

describe('brand colours', () => {
  it('computes WCAG contrast: black on white is 21:1, a colour on itself 1:1', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#1f4f8f', '#1f4f8f')).toBe(1);
    // The WCAG example: #767676 on white is the lightest grey that passes 4.5:1.
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
    expect(luminance('#ffffff')).toBe(1);
  });

  it('always finds a text colour that reads at 4.5:1 on any brand colour', () => {
    fc.assert(
      fc.property(hexColour, (bg) => {
        expect(contrastRatio(textColourOn(bg), bg)).toBeGreaterThanOrEqual(4.5);
      }),
    );
    expect(textColourOn('#ffff00')).toBe('#000000');
    expect(textColourOn('#1f4f8f')).toBe('#ffffff');
  });

  it('darkens (or lightens) a brand colour until it reads on a background, keeping it when it already does', () => {
    fc.assert(
      fc.property(hexColour, fc.constantFrom('#ffffff', '#f3f3f3', '#000000'), (colour, bg) => {
        const readable = readableOn(colour, bg);
        expect(contrastRatio(readable, bg)).toBeGreaterThanOrEqual(4.5);
        if (contrastRatio(colour, bg) >= 4.5) expect(readable).toBe(colour);
      }),
    );
    expect(readableOn('#1f4f8f', '#ffffff')).toBe('#1f4f8f');
    expect(readableOn('#ffd400', '#ffffff')).not.toBe('#ffd400');
  });

  it('accepts only hex colours, so nothing else reaches the page’s <style>', () => {
    expect(normaliseHex('#ABC')).toBe('#aabbcc');
    expect(normaliseHex('1f4f8f')).toBe('#1f4f8f');
    for (const bad of ['red', '#12345', '#1f4f8f;}body{display:none', 'url(x)', '', null, 42, '#ggg'])
      expect(normaliseHex(bad)).toBeNull();
  });
});
