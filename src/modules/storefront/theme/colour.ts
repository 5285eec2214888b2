/**
 * Brand colours are the merchant's; text on them must stay readable (WCAG 2 contrast ≥ 4.5:1), and
 * a colour written into the page's <style> must be a colour and nothing else (no CSS smuggled in).
 */

const hexPattern = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** '#rrggbb' for a hex colour ('#abc', 'abc', '#AABBCC'), or null for anything else. */
export function normaliseHex(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = hexPattern.exec(value.trim());
  if (!m) return null;
  const digits = m[1]!.length === 3 ? [...m[1]!].map((d) => d + d).join('') : m[1]!;
  return `#${digits.toLowerCase()}`;
}

const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const toHex = (rgb: number[]) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/** WCAG 2 relative luminance of '#rrggbb'. */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

export const minimumContrast = 4.5;

/** Black or white, whichever reads better on `background`: one of them always reaches 4.5:1. */
export function textColourOn(background: string): '#000000' | '#ffffff' {
  return contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff') ? '#000000' : '#ffffff';
}

/**
 * `colour` itself when it reads on `background`, else the nearest shade of it that does (mixed
 * towards black or white, whichever `background` calls for), so links keep the brand's hue.
 */
export function readableOn(colour: string, background: string): string {
  if (contrastRatio(colour, background) >= minimumContrast) return colour;
  const target = channels(textColourOn(background));
  const from = channels(colour);
  for (let step = 1; step <= 20; step++) {
    const mixed = toHex(from.map((c, i) => c + ((target[i]! - c) * step) / 20));
    if (contrastRatio(mixed, background) >= minimumContrast) return mixed;
  }
  return textColourOn(background);
}
