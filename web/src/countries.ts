import { useQuery } from '@tanstack/react-query';
import type { Locale } from './i18n';

export interface Country {
  code: string;
  name: string;
}

type Names = { countries: Record<string, string | string[]> };

/**
 * ISO 3166-1 countries named in the page's language, sorted the way a reader of it expects. Built
 * in the browser from i18n-iso-countries (works offline; only the forms with an address load it).
 */
async function loadCountries(locale: Locale): Promise<Country[]> {
  const names: Names =
    locale === 'pt-PT'
      ? (await import('i18n-iso-countries/langs/pt.json')).default
      : (await import('i18n-iso-countries/langs/en.json')).default;
  const collator = new Intl.Collator(locale);
  return Object.entries(names.countries)
    .map(([code, name]) => ({ code, name: Array.isArray(name) ? name[0]! : name }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

export function useCountries(locale: Locale): Country[] | undefined {
  return useQuery({ queryKey: ['countries', locale], queryFn: () => loadCountries(locale), staleTime: Infinity }).data;
}
