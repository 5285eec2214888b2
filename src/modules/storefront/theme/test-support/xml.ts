/**
 * A strict XML well-formedness check for tests: one root, matched tags, quoted attributes, only
 * the five predefined entities or character references, no bare `<` or `&` in text.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const entity = /^&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/;

function unescape(s: string, where: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '<') throw new Error(`bare < in ${where}`);
    if (c !== '&') {
      out += c;
      continue;
    }
    const m = entity.exec(s.slice(i));
    if (!m) throw new Error(`bare & in ${where}: ${s.slice(i, i + 12)}`);
    const e = m[1]!;
    out +=
      e[0] === '#'
        ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
        : { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e]!;
    i += m[0].length - 1;
  }
  return out;
}

export function parseXml(xml: string): XmlElement {
  let rest = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '');
  if (rest === xml) throw new Error('missing or wrong XML declaration');
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (rest.length > 0) {
    const lt = rest.indexOf('<');
    const text = lt === -1 ? rest : rest.slice(0, lt);
    if (text.length) {
      if (stack.length === 0) {
        if (text.trim()) throw new Error('text outside the root element');
      } else stack.at(-1)!.text += unescape(text, `<${stack.at(-1)!.name}>`);
    }
    if (lt === -1) break;
    rest = rest.slice(lt);
    const close = /^<\/([A-Za-z_][\w.-]*)\s*>/.exec(rest);
    if (close) {
      const open = stack.pop();
      if (!open || open.name !== close[1]) throw new Error(`</${close[1]}> does not close <${open?.name}>`);
      rest = rest.slice(close[0].length);
      continue;
    }
    const start = /^<([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_:][\w.:-]*\s*=\s*"[^"<]*")*)\s*(\/?)>/.exec(rest);
    if (!start) throw new Error(`malformed markup at ${rest.slice(0, 30)}`);
    const attrs: Record<string, string> = {};
    for (const a of start[2]!.matchAll(/([A-Za-z_:][\w.:-]*)\s*=\s*"([^"]*)"/g)) {
      if (a[1]! in attrs) throw new Error(`duplicate attribute ${a[1]}`);
      attrs[a[1]!] = unescape(a[2]!, `attribute ${a[1]}`);
    }
    const el: XmlElement = { name: start[1]!, attrs, children: [], text: '' };
    if (stack.length) stack.at(-1)!.children.push(el);
    else if (root) throw new Error('more than one root element');
    else root = el;
    if (!start[3]) stack.push(el);
    rest = rest.slice(start[0].length);
  }
  if (stack.length) throw new Error(`<${stack.at(-1)!.name}> is not closed`);
  if (!root) throw new Error('no root element');
  return root;
}
