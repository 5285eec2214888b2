/**
 * What the theme alone costs: the default theme's fixture product and collection pages rendered in
 * a loop in this process, with no database, no HTTP and nothing else running (the bench calls it
 * before it starts any server). Renders per second on one core: an upper bound for any uncached page
 * of that kind, whatever the data layer does.
 */
import { createThemeRenderer } from '../src/modules/storefront/theme/index.js';
import { fixtures } from '../src/modules/storefront/theme/test-support/fixtures.js';

export async function renderAlone(seconds: number): Promise<{ product: number; collection: number }> {
  const theme = createThemeRenderer();
  const { pages } = fixtures();
  const rate = async (template: 'product' | 'collection') => {
    const render = () => theme.render(template, pages[template], { language: 'pt-PT' });
    for (let i = 0; i < 200; i++) await render();
    let n = 0;
    const start = performance.now();
    while (performance.now() - start < seconds * 1000) {
      for (let i = 0; i < 50; i++) await render();
      n += 50;
    }
    return n / ((performance.now() - start) / 1000);
  };
  return { product: await rate('product'), collection: await rate('collection') };
}
