import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { setRequestLanguage } from '../api';
import { en, type MessageKey, type Messages } from './en';
import { createFormatters, formattingLocale, render, type Formatters, type Params } from './format';

export const locales = { en: { label: 'English' }, 'pt-PT': { label: 'Português' } } as const;
export type Locale = keyof typeof locales;

/** English is in the first download; another catalogue only when someone reads that language. */
export async function loadMessages(l: Locale): Promise<Messages> {
  return l === 'pt-PT' ? (await import('./pt-PT')).ptPT : en;
}

const STORAGE_KEY = 'sellrocket.locale';

/** The saved choice, else the browser's languages, else English. Kept in localStorage: no cookie. */
export function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved && saved in locales) return saved as Locale;
  return navigator.languages.some((l) => l.toLowerCase().startsWith('pt')) ? 'pt-PT' : 'en';
}

/**
 * Puts the language on the page and on every request at once, before anything renders or fetches:
 * an effect would run after the children's first requests (and after the cookie banner read the
 * page's language), and the notice shown would be English on a Portuguese screen.
 */
export function applyLocale(l: Locale): Locale {
  document.documentElement.lang = l;
  setRequestLanguage(l);
  return l;
}

type Translate = (key: MessageKey, params?: Params) => string;
interface I18n {
  locale: Locale;
  setLocale(l: Locale): void;
  t: Translate;
  /** A moment: date and time in the reader's order. */
  formatDate(d: string | Date): string;
  /** A calendar day: the date alone. */
  formatDay(d: string | Date): string;
  formatMoney(amount: number, currency: string): string;
}

const Ctx = createContext<I18n | null>(null);

/** `initial` is already applied and loaded (main.tsx does it before the first render, ahead of the cookie banner's script). */
export function I18nProvider({
  initial,
  children,
}: {
  initial: { locale: Locale; messages: Messages };
  children: ReactNode;
}) {
  const [{ locale, messages }, setCurrent] = useState(initial);
  const setLocale = useCallback((l: Locale) => {
    localStorage.setItem(STORAGE_KEY, l);
    // The page and its requests change language together, once the words are there to show.
    void loadMessages(l).then((m) => {
      applyLocale(l);
      setCurrent({ locale: l, messages: m });
    });
  }, []);
  const value = useMemo<I18n>(() => {
    const format: Formatters = createFormatters(formattingLocale(locale, navigator.languages));
    const plurals = new Intl.PluralRules(locale);
    return {
      locale,
      setLocale,
      t: (key, params) => render(messages[key], params, plurals, format),
      formatDate: format.dateTime,
      formatDay: format.day,
      formatMoney: format.money,
    };
  }, [locale, messages, setLocale]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
