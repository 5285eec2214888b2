import { escapeHtml } from '../html.js';

/**
 * The HTML part of a message written as text: paragraphs at blank lines, line breaks kept, web
 * addresses as links. Mail clients that show HTML get the same words, readable and with working
 * links; the text part stays what was written.
 */
export function htmlPart(text: string, lang = 'en'): string {
  const paragraphs = text
    .trim()
    .split(/\n{2,}/)
    .map((p) => `<p>${linked(escapeHtml(p)).replaceAll('\n', '<br>\n')}</p>`);
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>
<body style="font-family: system-ui, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 40em">
${paragraphs.join('\n')}
</body></html>
`;
}

const link = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;
const linked = (escaped: string) => escaped.replace(link, (url) => `<a href="${url}">${url}</a>`);
