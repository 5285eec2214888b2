/** The languages the privacy policy is written in; the notices and the web app speak the same two. */
export const policyLanguages = ['en', 'pt-PT'] as const;
export type PolicyLanguage = (typeof policyLanguages)[number];

/** One text per policy language: a record type, so a missing translation does not compile. */
export type Localised<T = string> = Record<PolicyLanguage, T>;
