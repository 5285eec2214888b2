import {
  noticeLanguages,
  shown,
  textFor,
  textInEffect,
  type NoticeLanguage,
  type NoticeVersion,
  type ShownText,
} from '../../core/published-texts.js';

export {
  negotiateLanguage,
  noticeLanguages,
  pickVersion,
  textFor,
  textInEffect,
  type NoticeLanguage,
  type NoticeVersion,
  type ShownText,
} from '../../core/published-texts.js';

/** The texts a person is shown when asked for consent (M1). */
const notices = {
  marketing: [
    {
      version: 'marketing-2026-11',
      effectiveFrom: '2026-11-01',
      texts: {
        en:
          'I would like to receive news, offers and product updates from SellRocket by email. ' +
          'I can withdraw this consent at any time in the Account section or from any email.',
        'pt-PT':
          'Quero receber novidades, ofertas e atualizações de produto da SellRocket por email. ' +
          'Posso retirar este consentimento a qualquer momento na secção Conta ou a partir de qualquer email.',
      },
    },
  ],
  cookies: [
    {
      version: 'cookies-2026-11',
      effectiveFrom: '2026-11-01',
      texts: {
        en:
          'We use cookies that are strictly necessary to run this site (your session, and this choice). With your consent we would also use ' +
          'statistical cookies (to count visits) and marketing cookies (to measure campaigns). You can accept all, reject all, or choose; ' +
          'rejecting may disable some features. Your choice lasts 30 days, then we ask again.',
        'pt-PT':
          'Usamos cookies estritamente necessários ao funcionamento deste site (a sua sessão e esta escolha). Com o seu consentimento usaríamos também ' +
          'cookies estatísticos (para contar visitas) e cookies de marketing (para medir campanhas). Pode aceitar todos, rejeitar todos ou escolher; ' +
          'rejeitar pode desativar algumas funcionalidades. A sua escolha dura 30 dias; depois perguntamos de novo.',
      },
    },
  ],
} satisfies Record<string, NoticeVersion[]>;

export type ConsentPurpose = keyof typeof notices;

export interface Notice extends ShownText {
  purpose: ConsentPurpose;
}

export function currentNotice(purpose: ConsentPurpose, language: NoticeLanguage, now: Date): Notice {
  return { purpose, ...textInEffect(notices[purpose], language, now) };
}

export const noticeFor = (purpose: ConsentPurpose, ctx: { language?: string | undefined; now: Date }): Notice => ({
  purpose,
  ...textFor(notices[purpose], ctx),
});

/** Every published version in every language, for the public record of what was shown when. */
export function noticeHistory(): Notice[] {
  return (Object.entries(notices) as [ConsentPurpose, NoticeVersion[]][]).flatMap(([purpose, versions]) =>
    versions.flatMap((v) => noticeLanguages.map((language) => ({ purpose, ...shown(v, language) }))),
  );
}
