import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * Published texts (consent notices, terms of service, policies) by version, language and the date
 * each version takes effect. A record of agreement keeps the version, the language and the hash of
 * the exact text, so what was agreed to can be proven later (GDPR Art. 7(1)).
 * Never edit a published text: add a new version with its effective date.
 */
export const noticeLanguages = ['en', 'pt-PT'] as const;
export type NoticeLanguage = (typeof noticeLanguages)[number];

export interface NoticeVersion {
  version: string;
  effectiveFrom: string;
  texts: Record<NoticeLanguage, string>;
}

/** A published text as shown: version, language, effective date, the text and its SHA-256. */
export interface ShownText {
  version: string;
  language: NoticeLanguage;
  effectiveFrom: string;
  text: string;
  hash: string;
}

// Published texts never change (a change is a new version), so each one's hash is taken once:
// every storefront page shows the cookie notice, and hashing it per request was measurable.
const shownOnce = new WeakMap<NoticeVersion, Partial<Record<NoticeLanguage, ShownText>>>();

export function shown(v: NoticeVersion, language: NoticeLanguage): ShownText {
  const forVersion = shownOnce.get(v) ?? {};
  const known = forVersion[language];
  if (known && known.text === v.texts[language]) return known;
  const made: ShownText = Object.freeze({
    version: v.version,
    language,
    effectiveFrom: v.effectiveFrom,
    text: v.texts[language],
    hash: createHash('sha256').update(v.texts[language]).digest('hex'),
  });
  forVersion[language] = made;
  shownOnce.set(v, forVersion);
  return made;
}

/** The language for an Accept-Language header: European Portuguese for any Portuguese, else English. */
export function negotiateLanguage(acceptLanguage: string | undefined): NoticeLanguage {
  const first =
    (acceptLanguage ?? '')
      .split(',')
      .map((part) => part.split(';')[0]!.trim().toLowerCase())
      .find(Boolean) ?? '';
  return first === 'pt' || first.startsWith('pt-') ? 'pt-PT' : 'en';
}

/** The version in effect at `now`: the newest whose effective date has come (the first if none has). */
export function pickVersion(versions: readonly NoticeVersion[], now: Date): NoticeVersion {
  const inEffect = versions.filter((v) => new Date(`${v.effectiveFrom}T00:00:00Z`) <= now);
  return (inEffect.length > 0 ? inEffect : versions.slice(0, 1)).reduce((a, b) =>
    b.effectiveFrom > a.effectiveFrom ? b : a,
  );
}

/** The text of `versions` in effect at `now`, in `language`. */
export function textInEffect(versions: readonly NoticeVersion[], language: NoticeLanguage, now: Date): ShownText {
  return shown(pickVersion(versions, now), language);
}

/** The text in effect for whoever made the request: their language (Accept-Language), at its time. */
export function textFor(
  versions: readonly NoticeVersion[],
  ctx: { language?: string | undefined; now: Date },
): ShownText {
  return textInEffect(versions, negotiateLanguage(ctx.language), ctx.now);
}

/** A published text as the API shows it. */
export const ShownTextResponse = z.object({
  version: z.string(),
  language: z.string(),
  effectiveFrom: z.string(),
  text: z.string(),
  hash: z.string(),
});
