import { createHash } from 'node:crypto';

/**
 * The texts a person is shown when asked for consent, by version, language and the date each
 * version takes effect. A record keeps the version, the language and the hash of the exact text,
 * so what was agreed to can be proven later (M1, GDPR Art. 7(1)).
 * Never edit a published text: add a new version with its effective date.
 */
export const noticeLanguages = ['en', 'pt-PT'] as const;
export type NoticeLanguage = (typeof noticeLanguages)[number];

export interface NoticeVersion { version: string; effectiveFrom: string; texts: Record<NoticeLanguage, string> }

const notices = {
  marketing: [{
    version: 'marketing-2026-11',
    effectiveFrom: '2026-11-01',
    texts: {
      en: 'I would like to receive news, offers and product updates from SellRocket by email. ' +
        'I can withdraw this consent at any time in the Account section or from any email.',
      'pt-PT': 'Quero receber novidades, ofertas e atualizações de produto da SellRocket por email. ' +
        'Posso retirar este consentimento a qualquer momento na secção Conta ou a partir de qualquer email.',
    },
  }],
  cookies: [{
    version: 'cookies-2026-11',
    effectiveFrom: '2026-11-01',
    texts: {
      en: 'We use cookies that are strictly necessary to run this site (your session, and this choice). With your consent we would also use ' +
        'statistical cookies (to count visits) and marketing cookies (to measure campaigns). You can accept all, reject all, or choose; ' +
        'rejecting may disable some features. Your choice lasts 30 days, then we ask again.',
      'pt-PT': 'Usamos cookies estritamente necessários ao funcionamento deste site (a sua sessão e esta escolha). Com o seu consentimento usaríamos também ' +
        'cookies estatísticos (para contar visitas) e cookies de marketing (para medir campanhas). Pode aceitar todos, rejeitar todos ou escolher; ' +
        'rejeitar pode desativar algumas funcionalidades. A sua escolha dura 30 dias; depois perguntamos de novo.',
    },
  }],
} satisfies Record<string, NoticeVersion[]>;

export type ConsentPurpose = keyof typeof notices;

/** A published text as shown: version, language, effective date, the text and its SHA-256. */
export interface ShownText { version: string; language: NoticeLanguage; effectiveFrom: string; text: string; hash: string }
export interface Notice extends ShownText { purpose: ConsentPurpose }

const shown = (v: NoticeVersion, language: NoticeLanguage): ShownText =>
  ({ version: v.version, language, effectiveFrom: v.effectiveFrom, text: v.texts[language], hash: createHash('sha256').update(v.texts[language]).digest('hex') });

/** The language of the notice for an Accept-Language header: European Portuguese for any Portuguese, else English. */
export function negotiateLanguage(acceptLanguage: string | undefined): NoticeLanguage {
  const first = (acceptLanguage ?? '').split(',').map((part) => part.split(';')[0]!.trim().toLowerCase()).find(Boolean) ?? '';
  return first === 'pt' || first.startsWith('pt-') ? 'pt-PT' : 'en';
}

/** The version in effect at `now`: the newest whose effective date has come (the first if none has). */
export function pickVersion(versions: readonly NoticeVersion[], now: Date): NoticeVersion {
  const inEffect = versions.filter((v) => new Date(`${v.effectiveFrom}T00:00:00Z`) <= now);
  return (inEffect.length > 0 ? inEffect : versions.slice(0, 1)).reduce((a, b) => (b.effectiveFrom > a.effectiveFrom ? b : a));
}

/** The text of `versions` in effect at `now`, in `language`. Notices and the terms of service share this. */
export function textInEffect(versions: readonly NoticeVersion[], language: NoticeLanguage, now: Date): ShownText {
  return shown(pickVersion(versions, now), language);
}

/** The text in effect for whoever made the request: their language (Accept-Language), at its time. */
export function textFor(versions: readonly NoticeVersion[], ctx: { language?: string | undefined; now: Date }): ShownText {
  return textInEffect(versions, negotiateLanguage(ctx.language), ctx.now);
}

export function currentNotice(purpose: ConsentPurpose, language: NoticeLanguage, now: Date): Notice {
  return { purpose, ...textInEffect(notices[purpose], language, now) };
}

export const noticeFor = (purpose: ConsentPurpose, ctx: { language?: string | undefined; now: Date }): Notice => ({ purpose, ...textFor(notices[purpose], ctx) });

/** Every published version in every language, for the public record of what was shown when. */
export function noticeHistory(): Notice[] {
  return (Object.entries(notices) as [ConsentPurpose, NoticeVersion[]][]).flatMap(([purpose, versions]) => versions.flatMap((v) =>
    noticeLanguages.map((language) => ({ purpose, ...shown(v, language) }))));
}
