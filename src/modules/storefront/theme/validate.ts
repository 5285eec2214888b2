import { themeLiquid } from './renderer.js';

/** The theme paths a shop may change or add: the layout, templates and snippets, as `.liquid` files. */
export const editablePath =
  /^(layout\/theme|templates\/(?:404|account|account_order|account_privacy|cart|checkout|collection|index|login|order|privacy_request|product|register|reset_password|search|unavailable)|snippets\/[a-z0-9][a-z0-9-]{0,62})\.liquid$/;

const parser = themeLiquid();

/**
 * What is wrong with theme files before they are saved: a path the theme does not have, a file too
 * large, or Liquid that does not parse (unknown tags or filters, unclosed blocks), with its line.
 */
export function themeFileProblems(files: Record<string, string>): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  for (const [file, source] of Object.entries(files)) {
    const field = `files.${file}`;
    if (!editablePath.test(file)) {
      problems.push({
        field,
        message: 'Not a theme file: layout/theme.liquid, templates/<name>.liquid or snippets/<name>.liquid.',
      });
      continue;
    }
    if (source.length > 256 * 1024) {
      problems.push({ field, message: 'At most 256 KB.' });
      continue;
    }
    try {
      parser.parse(source, file);
    } catch (e) {
      const err = e as Error & { token?: { getPosition?: () => [number, number] } };
      const [line, column] = err.token?.getPosition?.() ?? [];
      const first = err.message.split('\n')[0]!.replace(/, (file:|line:).*$/, '');
      problems.push({ field, message: line ? `Line ${line}, column ${column}: ${first}` : first });
    }
  }
  return problems;
}
