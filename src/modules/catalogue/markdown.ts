import MarkdownIt from 'markdown-it';

// Raw HTML in a merchant's description is shown as text, never passed into the page; markdown-it's
// link validation refuses javascript:, vbscript: and data: URLs.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
const defaultLink = md.renderer.rules.link_open;
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  // Links in descriptions lead off the shop: they get no referrer and no opener.
  tokens[idx]!.attrSet('rel', 'nofollow noopener noreferrer');
  return defaultLink ? defaultLink(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
};

/** The description's HTML, rendered once when the merchant saves it. */
export function descriptionHtml(markdown: string): string {
  return markdown.trim() ? md.render(markdown) : '';
}

/** The description as one line of plain text, for meta descriptions and search snippets. */
export function descriptionText(markdown: string, max = 160): string {
  const text = md
    .render(markdown)
    // Block elements part words; inline ones (<strong>, <a>) sit inside them.
    .replace(/<\/?(?:p|h[1-6]|li|ul|ol|br|hr|blockquote|pre|table|tr|td|th)\b[^>]*>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
