import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createThemeRenderer,
  defaultThemeDir,
  themeTemplates,
  type CheckoutStep,
  type ThemeTemplate,
} from './index.js';
import { attack, fixtures } from './test-support/fixtures.js';
import { byName, startTags } from './test-support/html.js';

const renderer = createThemeRenderer();
const hostile = fixtures({ hostile: true });

/** The attack as harmless text: HTML-escaped in the page, \u-escaped in the JSON-LD. */
const asHtmlText = '&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;';
const asJsonText = '\\"\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e';

function expectOnlyAsText(html: string, scripts: number) {
  expect((html.match(/<script/gi) ?? []).length).toBe(scripts);
  // The attack was on the page (so the check below means something) …
  expect(html).toContain(asHtmlText);
  // … and nowhere else than as text.
  expect(html.split(asHtmlText).join('').split(asJsonText).join('')).not.toContain('alert(1)');
}

const pages: [string, ThemeTemplate, unknown][] = themeTemplates.map((t) => [t, t, hostile.pages[t]]);
for (const step of ['information', 'shipping', 'payment'] as CheckoutStep[]) {
  pages.push([
    `checkout (${step})`,
    'checkout',
    { ...hostile.pages.checkout, checkout: { ...hostile.checkout, step, billing_address: hostile.typedAddress } },
  ]);
}

describe('output escaping', () => {
  for (const [name, template, data] of pages) {
    if (template === 'unavailable') continue;
    for (const language of ['en', 'pt-PT']) {
      it(`shows markup typed by merchants and shoppers as text: ${name}, ${language}`, async () => {
        const html = await renderer.render(template, data as never, { language });
        expectOnlyAsText(html, template === 'product' ? 1 : 0);
      });
    }
  }

  it('puts the product into JSON-LD that parses and cannot close its <script>', async () => {
    const html = await renderer.render('product', hostile.pages.product, { language: 'en' });
    const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
    expect(blocks).toHaveLength(1);
    const json = blocks[0]![1]!;
    expect(json).not.toMatch(/<\/script|<!--|[<>]/i);
    const data = JSON.parse(json);
    expect(data.name).toBe(hostile.mug.title);
    expect(data.name).toContain('</script>');
    expect(data.offers[0].seller.name).toBe(hostile.pages.product.shop.name);
  });

  it('writes only colours into the <style>, whatever the merchant saved as brand colours', async () => {
    const shop = {
      ...hostile.pages.index.shop,
      primary_colour: 'red;}</style><script>alert(1)</script><style>',
      accent_colour: 'url(https://tracker.example/x.png)',
    };
    const html = await renderer.render('index', { ...hostile.pages.index, shop }, { language: 'en' });
    const style = html.slice(html.indexOf('<style>'), html.indexOf('</style>'));
    expect(style).toContain('--primary:#1f4f8f;');
    expect(style).not.toMatch(/red|url\(|tracker|script/);
    expect((html.match(/<script/gi) ?? []).length).toBe(0);
  });

  it('escapes attribute values too: a value cannot end its attribute and add another', async () => {
    const html = await renderer.render('checkout', hostile.pages.checkout, { language: 'en' });
    const email = byName(startTags(html), 'input').find((i) => i.attrs.get('name') === 'email');
    expect(email?.attrs.get('value')).toBe(`maria@example.pt ${attack}`);
    expect([...email!.attrs.keys()].sort()).toEqual(['autocomplete', 'id', 'name', 'type', 'value']);
  });
});

describe('the theme files', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)],
    );
  const liquid = files(defaultThemeDir).filter((f) => f.endsWith('.liquid'));

  it('use | raw only for the page inside the layout and for HTML the platform sanitised (*_html)', () => {
    expect(liquid.length).toBeGreaterThan(10);
    const raws = liquid.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/\{\{-?\s*([^}]*?)\|\s*raw\s*-?\}\}/g)].map((m) => m[1]!.trim()),
    );
    expect(raws.length).toBeGreaterThan(0);
    for (const expression of raws) expect(expression).toMatch(/^(content_for_layout|[a-z_.]+_html)$/);
    // Any other way to skip escaping would not show up above.
    for (const f of liquid) expect(readFileSync(f, 'utf8')).not.toMatch(/\|\s*raw\s*\|/);
  });

  it('load nothing from anywhere: no script, font or stylesheet, no third-party address; images only the shop’s own', () => {
    for (const f of files(defaultThemeDir)) {
      // The one image tag: a product photo, from the shop's own /images/ paths (imageObject).
      const text = readFileSync(f, 'utf8').replace(/<img src="\{\{ image\.src \}\}"/g, '<photo');
      expect(text, f).not.toMatch(
        /<script|<img|<iframe|<link rel="(stylesheet|preload|preconnect)|@import|url\(|src=/i,
      );
      expect(text, f).not.toMatch(/(https?:)?\/\/[a-z0-9]/i);
    }
  });
});
