import type { PluralMessage } from './en';

/**
 * The language tag dates and numbers are formatted in: the reader's own variant of the page's
 * language when the browser names one (en-US readers keep month/day), else the European one the
 * catalogue is written in (en-GB, pt-PT: day/month).
 */
export function formattingLocale(locale: string, browserLanguages: readonly string[]): string {
  const primary = locale.split('-')[0]!.toLowerCase();
  const own = browserLanguages.find((l) => l.split('-')[0]!.toLowerCase() === primary && l.includes('-'));
  if (own && Intl.DateTimeFormat.supportedLocalesOf(own).length > 0) return own;
  return primary === 'en' ? 'en-GB' : locale;
}

export interface Formatters {
  /** A moment (an ISO timestamp): date and time. */
  dateTime(d: string | Date): string;
  /** A calendar day (`2026-01-31` or a timestamp): the date alone, never shifted by the time zone. */
  day(d: string | Date): string;
  number(n: number): string;
  money(amount: number, currency: string): string;
}

export function createFormatters(tag: string): Formatters {
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
  const dayOnly = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
  const localDay = new Intl.DateTimeFormat(tag, { dateStyle: 'medium' });
  const numbers = new Intl.NumberFormat(tag);
  return {
    dateTime: (d) => dateTime.format(new Date(d)),
    // A bare date means that day everywhere; a timestamp means the reader's own day.
    day: (d) =>
      typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d)
        ? dayOnly.format(new Date(`${d}T00:00:00Z`))
        : localDay.format(new Date(d)),
    number: (n) => numbers.format(n),
    money: (amount, currency) =>
      new Intl.NumberFormat(tag, {
        style: 'currency',
        currency,
        maximumFractionDigits: Number.isInteger(amount) ? 0 : 2,
      }).format(amount),
  };
}

export type Params = Record<string, string | number>;

/** Picks the plural form for `params.count` (Intl.PluralRules) and fills `{name}` placeholders; numbers are formatted. */
export function render(
  message: string | PluralMessage,
  params: Params | undefined,
  plurals: Intl.PluralRules,
  format: Formatters,
): string {
  const text =
    typeof message === 'string' ? message : (message[plurals.select(Number(params?.count ?? 0))] ?? message.other);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params?.[name];
    return v === undefined ? whole : typeof v === 'number' ? format.number(v) : v;
  });
}
