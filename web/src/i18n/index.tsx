import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, type MessageKey } from './en';
import { ptPT } from './pt-PT';

export const locales = { en: { label: 'English', messages: en }, 'pt-PT': { label: 'Português', messages: ptPT } } as const;
export type Locale = keyof typeof locales;

const STORAGE_KEY = 'sellrocket.locale';

/** The saved choice, else the browser's languages, else English. Kept in localStorage: no cookie. */
function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved && saved in locales) return saved as Locale;
  return navigator.languages.some((l) => l.toLowerCase().startsWith('pt')) ? 'pt-PT' : 'en';
}

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;
interface I18n { locale: Locale; setLocale(l: Locale): void; t: Translate; formatDate(d: string | Date): string }

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  useEffect(() => { document.documentElement.lang = locale; }, [locale]);
  const setLocale = useCallback((l: Locale) => { localStorage.setItem(STORAGE_KEY, l); setLocaleState(l); }, []);
  const value = useMemo<I18n>(() => {
    const messages = locales[locale].messages;
    const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    return {
      locale, setLocale,
      t: (key, params) => messages[key].replace(/\{(\w+)\}/g, (_, p: string) => String(params?.[p] ?? `{${p}}`)),
      formatDate: (d) => dates.format(new Date(d)),
    };
  }, [locale, setLocale]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
