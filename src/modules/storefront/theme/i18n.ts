import type { ThemeLanguage } from './objects.js';

/** The theme's language for a BCP 47 tag: any Portuguese (pt, pt-PT, pt-BR) is European Portuguese, the rest English. */
export function themeLanguage(tag: string | null | undefined): ThemeLanguage {
  const base = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return base === 'pt' ? 'pt-PT' : 'en';
}

/**
 * A locale file: nested keys down to a text, or to plural forms of one ({ one, other, zero? })
 * chosen by the `count` argument.
 */
export type Translations = { [key: string]: string | Translations };

export type Locales = Record<ThemeLanguage, Translations>;

const fallbackLanguage: ThemeLanguage = 'en';

function lookup(dict: Translations, key: string): string | Translations | undefined {
  let node: string | Translations | undefined = dict;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string' || !Object.hasOwn(node, part)) return undefined;
    node = node[part];
  }
  return node;
}

const pluralRules = new Map<ThemeLanguage, Intl.PluralRules>();
const numberFormats = new Map<ThemeLanguage, Intl.NumberFormat>();

function pluralForm(forms: Translations, count: number, language: ThemeLanguage): string | undefined {
  if (count === 0 && typeof forms.zero === 'string') return forms.zero;
  let rules = pluralRules.get(language);
  if (!rules) pluralRules.set(language, (rules = new Intl.PluralRules(language)));
  const form = forms[rules.select(count)] ?? forms.other;
  return typeof form === 'string' ? form : undefined;
}

function textOf(
  node: string | Translations | undefined,
  args: Record<string, unknown>,
  language: ThemeLanguage,
): string | undefined {
  if (typeof node === 'string') return node;
  if (node && typeof args.count === 'number') return pluralForm(node, args.count, language);
  return undefined;
}

function display(value: unknown, language: ThemeLanguage): string {
  if (typeof value !== 'number') return String(value ?? '');
  let f = numberFormats.get(language);
  if (!f) numberFormats.set(language, (f = new Intl.NumberFormat(language)));
  return f.format(value);
}

/**
 * The text for `key` in `language`, else in English, else a visible "translation missing" (a
 * test looks for it). `{{ name }}` is replaced by the argument `name`; an unknown name stays as
 * written, so a forgotten argument shows instead of vanishing. The result is plain text: the
 * template escapes it like any other output.
 */
export function translate(
  locales: Locales,
  language: ThemeLanguage,
  key: string,
  args: Record<string, unknown> = {},
): string {
  const text =
    textOf(lookup(locales[language], key), args, language) ??
    textOf(lookup(locales[fallbackLanguage], key), args, fallbackLanguage);
  if (text === undefined) return `translation missing: ${language}.${key}`;
  return text.replace(/\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/gi, (whole, name: string) =>
    Object.hasOwn(args, name) ? display(args[name], language) : whole,
  );
}

/** Checks a parsed locale file's shape: objects down to strings, nothing else. */
export function assertTranslations(value: unknown, file: string, path = ''): asserts value is Translations {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${file}: ${path || 'the file'} must be an object of texts`);
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') assertTranslations(v, file, path ? `${path}.${k}` : k);
  }
}
