import { createHash } from 'node:crypto';

export type NoticeLanguage = 'en' | 'pt-PT';

// The version names the wording; the shop's name is part of the text, so the hash proves exactly
// what this shopper was shown (M1).
const VERSION = 'shop-newsletter-2026-12';
const texts: Record<NoticeLanguage, (shop: string) => string> = {
  en: (shop) =>
    `I would like to receive news and offers from ${shop} by email. I can unsubscribe at any time in my account or from any email.`,
  'pt-PT': (shop) =>
    `Quero receber novidades e ofertas de ${shop} por email. Posso cancelar a subscrição a qualquer momento na minha conta ou a partir de qualquer email.`,
};

/** The text a shopper agrees to when subscribing to a shop's newsletter, with its version and hash. */
export function newsletterNotice(shopName: string, language: NoticeLanguage) {
  const text = texts[language](shopName);
  return { text, version: VERSION, hash: createHash('sha256').update(text).digest('hex') };
}
