import { describe, expect, it } from 'vitest';
import { contrastRatio, createThemeRenderer, themeTemplates } from './index.js';
import { fixtures } from './test-support/fixtures.js';
import { staticAccessibilityProblems } from './test-support/static-a11y.js';

/*
 * Neither jsdom nor happy-dom is installed, so axe-core cannot run here: these are the checks that
 * need no browser. `npx tsx src/modules/storefront/theme/preview.ts` writes every page to
 * .tmp/theme-preview/ for axe and Lighthouse in Chromium.
 */
const renderer = createThemeRenderer();
const { pages } = fixtures();

describe('accessibility without a browser', () => {
  for (const template of themeTemplates) {
    for (const language of ['en', 'pt-PT']) {
      it(`${template} (${language}): language, landmarks, one h1, labelled controls, ids and references`, async () => {
        const html = await renderer.render(template, pages[template] as never, { language });
        expect(staticAccessibilityProblems(html)).toEqual([]);
        if (template !== 'unavailable') {
          expect(html).toMatch(/<a class="skip-link" href="#main">/);
          expect(html).toMatch(/<main id="main"/);
          expect(html).toMatch(/<nav class="wrap" aria-label="[^"]+">/);
        }
      });
    }
  }

  it('the checker does find problems (so its silence above means something)', () => {
    expect(
      staticAccessibilityProblems(
        '<html><title>x</title><main><h1>a</h1><h3>b</h3><input name="q" id="q"><a href="#nowhere">go</a><button></button><p id="d"></p><p id="d"></p><aside></aside></main></html>',
      ),
    ).toEqual([
      'id d used 2 times',
      '<html> has no lang',
      'unlabelled <input name="q">',
      'link to missing #nowhere',
      '<button> without a name',
      '<aside> inside <main>',
      '<h3> follows <h1>',
    ]);
  });

  it('keeps text readable on any brand colours: computed header text, links and buttons reach 4.5:1', async () => {
    for (const [primary, accent] of [
      ['#1f4f8f', '#d9480f'],
      ['#ffff00', '#ffd400'],
      ['#777777', '#888888'],
      ['#000000', '#ffffff'],
      ['#ffffff', '#000000'],
      ['#e91e63', '#00bcd4'],
    ]) {
      const shop = { ...pages.index.shop, primary_colour: primary!, accent_colour: accent! };
      const html = await renderer.render('index', { ...pages.index, shop }, { language: 'en' });
      const vars = Object.fromEntries(
        [...html.matchAll(/--([a-z-]+):(#[0-9a-f]{6})/g)].map((m) => [m[1]!, m[2]!]),
      ) as Record<string, string>;
      expect(vars.primary).toBe(primary);
      const pairs: [string, string][] = [
        [vars['on-primary']!, vars.primary!], // header text, buttons
        [vars.link!, '#ffffff'], // links on the page
        [vars['link-soft']!, vars.soft!], // links in the cookie banner and the order summary
        [vars.text!, '#ffffff'],
        [vars.muted!, '#ffffff'],
        [vars.muted!, vars.soft!],
        [vars.error!, '#ffffff'],
        ['#4d4d4d', '#e6e6e6'], // disabled buttons
      ];
      for (const [fg, bg] of pairs) expect(contrastRatio(fg, bg), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});
