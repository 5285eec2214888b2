/**
 * A small reader of the HTML this theme writes, for tests (no DOM library is installed): start
 * tags with their attributes, in document order, and the text between two tags. It skips the
 * content of <script> and <style>, as a browser does.
 */

export interface StartTag {
  name: string;
  attrs: Map<string, string>;
  /** Offset just after the tag's `>`. */
  end: number;
}

const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(#[0-9]+|#x[0-9a-f]+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
      : named[e.toLowerCase()]!,
  );

export function startTags(html: string): StartTag[] {
  const out: StartTag[] = [];
  const tagPattern = /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;
  let m: RegExpExecArray | null;
  while ((m = tagPattern.exec(html))) {
    const attrs = new Map<string, string>();
    const attrPattern = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
    let a: RegExpExecArray | null;
    while ((a = attrPattern.exec(m[2] ?? ''))) attrs.set(a[1]!.toLowerCase(), decode(a[2] ?? a[3] ?? a[4] ?? ''));
    const name = m[1]!.toLowerCase();
    out.push({ name, attrs, end: tagPattern.lastIndex });
    if (name === 'script' || name === 'style') {
      const close = html.toLowerCase().indexOf(`</${name}`, tagPattern.lastIndex);
      tagPattern.lastIndex = close === -1 ? html.length : close;
    }
  }
  return out;
}

/** The text content of the first element `name` after `from` (markup removed, entities decoded). */
export function textOf(html: string, tag: StartTag): string {
  const close = html.indexOf(`</${tag.name}>`, tag.end);
  return decode(html.slice(tag.end, close === -1 ? undefined : close).replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

export const byName = (tags: StartTag[], name: string) => tags.filter((t) => t.name === name);
export const attr = (tag: StartTag | undefined, name: string) => tag?.attrs.get(name);

/** The tags inside the <form> that starts at `form` (up to its </form>). */
export function formFields(html: string, form: StartTag): StartTag[] {
  const close = html.indexOf('</form>', form.end);
  return startTags(html.slice(form.end, close))
    .filter((t) => ['input', 'select', 'button', 'textarea'].includes(t.name))
    .map((t) => ({ ...t, end: t.end + form.end }));
}

/** The inner HTML of the element with this id (up to the matching close tag of the same name). */
export function elementById(html: string, id: string): string | null {
  const tag = startTags(html).find((t) => t.attrs.get('id') === id);
  if (!tag) return null;
  let depth = 1;
  const pattern = new RegExp(`<(/?)${tag.name}\\b[^>]*>`, 'gi');
  pattern.lastIndex = tag.end;
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(html))) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return html.slice(tag.end, m.index);
  }
  return null;
}
