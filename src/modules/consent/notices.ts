import { createHash } from 'node:crypto';

/**
 * The texts a person is shown when asked for consent. A record keeps the version and the hash of
 * the exact text, so what was agreed to can be proven later (M1, GDPR Art. 7(1)).
 * Never edit a published text: add a new version.
 */
const noticeTexts = {
  marketing: {
    version: 'marketing-2026-11',
    text: 'I would like to receive news, offers and product updates from SellRocket by email. ' +
      'I can withdraw this consent at any time in the Account section or from any email.',
  },
  cookies: {
    version: 'cookies-2026-11',
    text: 'We use cookies that are strictly necessary to run this site (your session, and this choice). With your consent we would also use ' +
      'statistical cookies (to count visits) and marketing cookies (to measure campaigns). You can accept all, reject all, or choose; ' +
      'rejecting may disable some features. Your choice lasts 30 days, then we ask again.',
  },
} as const;

export type ConsentPurpose = keyof typeof noticeTexts;

export interface Notice { purpose: ConsentPurpose; version: string; text: string; hash: string }

export function currentNotice(purpose: ConsentPurpose): Notice {
  const { version, text } = noticeTexts[purpose];
  return { purpose, version, text, hash: createHash('sha256').update(text).digest('hex') };
}
