import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import pt from 'i18n-iso-countries/langs/pt.json' with { type: 'json' };

// The languages the interface speaks; a country list in any other would not match the page.
countries.registerLocale(en);
countries.registerLocale(pt);
export const countryLanguages = ['en', 'pt'] as const;
export type CountryLanguage = (typeof countryLanguages)[number];

/** The supported language of a BCP 47 tag (pt-PT → pt); English when we do not speak it. */
export function countryLanguageOf(tag: string | undefined): CountryLanguage {
  const base = tag?.split('-')[0]?.toLowerCase();
  return (countryLanguages as readonly string[]).includes(base ?? '') ? (base as CountryLanguage) : 'en';
}

const cache = new Map<CountryLanguage, { code: string; name: string }[]>();

/** Every ISO 3166-1 alpha-2 country with its name in `lang`, sorted as a reader of that language expects. */
export function listCountries(lang: CountryLanguage): { code: string; name: string }[] {
  let list = cache.get(lang);
  if (!list) {
    const collator = new Intl.Collator(lang === 'pt' ? 'pt-PT' : 'en');
    list = Object.entries(countries.getNames(lang, { select: 'official' }))
      .map(([code, name]) => ({ code, name }))
      .sort((a, b) => collator.compare(a.name, b.name));
    cache.set(lang, list);
  }
  return list;
}
