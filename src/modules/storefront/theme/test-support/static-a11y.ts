import { byName, startTags, textOf } from './html.js';

/**
 * What can be checked of a page's accessibility without a browser: the rules of axe-core that
 * need no layout (language, one h1 and one main, unique ids, labelled controls, references that
 * resolve, heading order, named buttons and links, no image without alt, no complementary
 * landmark inside main). Colour contrast and
 * target sizes need a browser: see preview.ts.
 */
export function staticAccessibilityProblems(html: string): string[] {
  const problems: string[] = [];
  const tags = startTags(html);
  const ids = new Map<string, number>();
  for (const t of tags) {
    const id = t.attrs.get('id');
    if (id !== undefined) ids.set(id, (ids.get(id) ?? 0) + 1);
  }
  for (const [id, n] of ids) if (n > 1) problems.push(`id ${id} used ${n} times`);

  const lang = byName(tags, 'html')[0]?.attrs.get('lang');
  if (!lang) problems.push('<html> has no lang');
  if (byName(tags, 'h1').length !== 1) problems.push(`${byName(tags, 'h1').length} <h1>`);
  if (byName(tags, 'main').length !== 1) problems.push(`${byName(tags, 'main').length} <main>`);
  if (byName(tags, 'title').length !== 1) problems.push('no <title>');

  const labelled = new Set(byName(tags, 'label').map((l) => l.attrs.get('for')));
  for (const t of tags) {
    const type = t.attrs.get('type') ?? '';
    const control =
      (t.name === 'input' && !['hidden', 'submit', 'button'].includes(type)) ||
      t.name === 'select' ||
      t.name === 'textarea';
    if (control && !labelled.has(t.attrs.get('id')) && !t.attrs.has('aria-label') && !t.attrs.has('aria-labelledby'))
      problems.push(`unlabelled <${t.name} name="${t.attrs.get('name')}">`);
    for (const ref of ['aria-describedby', 'aria-labelledby', 'for', 'form']) {
      for (const id of (t.attrs.get(ref) ?? '').split(/\s+/).filter(Boolean))
        if (!ids.has(id)) problems.push(`${ref}="${id}" names no element`);
    }
    const href = t.attrs.get('href');
    if (t.name === 'a' && href?.startsWith('#') && href.length > 1 && !ids.has(href.slice(1)))
      problems.push(`link to missing #${href.slice(1)}`);
    if ((t.name === 'a' || t.name === 'button') && !textOf(html, t) && !t.attrs.has('aria-label'))
      problems.push(`<${t.name}> without a name`);
    if (t.name === 'img' && !t.attrs.has('alt')) problems.push('<img> without alt');
    if (t.name === 'img' && (!t.attrs.has('width') || !t.attrs.has('height'))) problems.push('<img> without size');
  }

  const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
  if (/<aside\b/.test(main)) problems.push('<aside> inside <main>');

  let previous = 0;
  for (const t of tags) {
    const level = /^h([1-6])$/.exec(t.name)?.[1];
    if (!level) continue;
    if (previous && Number(level) > previous + 1) problems.push(`<h${level}> follows <h${previous}>`);
    previous = Number(level);
  }
  return problems;
}
