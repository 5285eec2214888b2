import { z } from 'zod';
import { policyLanguages } from '../../core/privacy/languages.js';

const Texts = z.array(z.string());
const Link = z.object({ href: z.string(), text: z.string() });

/** One kind of datum as a person reads it. */
const Kind = z.object({ key: z.string(), label: z.string(), description: z.string() });

/** One use of some kinds of data: in which records, why, on what basis, for how long, from where. */
const Use = z.object({
  where: z.string(),
  kinds: Texts,
  purposes: Texts,
  basis: z.string(),
  kept: z.string(),
  from: Texts,
});

/** One personal column, for the technical annex. */
const AnnexRow = z.object({
  table: z.string(),
  column: z.string(),
  records: z.string(),
  subject: z.string(),
  key: z.string(),
  label: z.string(),
  category: z.string(),
  purposes: z.array(z.string()),
  basis: z.string(),
  retention: z.string(),
  recipients: z.array(z.string()),
  source: z.enum(['subject', 'usage']),
  note: z.string().nullable(),
});

/** The privacy policy in one language, section by section, in the order people look for them. */
export const PolicyResponse = z.object({
  version: z.string(),
  language: z.enum(policyLanguages),
  title: z.string(),
  intro: Texts,
  headings: z.object({
    contents: z.string(),
    controller: z.string(),
    collected: z.string(),
    sources: z.string(),
    recipients: z.string(),
    retention: z.string(),
    rights: z.string(),
    complaint: z.string(),
    marketing: z.string(),
    cookies: z.string(),
    security: z.string(),
    automated: z.string(),
    changes: z.string(),
    annex: z.string(),
  }),
  fields: z.object({
    uses: z.string(),
    why: z.string(),
    basis: z.string(),
    kept: z.string(),
    from: z.string(),
    receives: z.string(),
    receivesAll: z.string(),
    receivesNothing: z.string(),
    storedIn: z.string(),
    safeguard: z.string(),
    appliesTo: z.string(),
  }),
  controller: z.object({ name: z.string(), address: z.string(), email: z.string(), dpoEmail: z.string(), text: Texts }),
  collectedIntro: Texts,
  collected: z.array(
    z.object({
      subject: z.string(),
      label: z.string(),
      intro: z.string(),
      categories: z.array(
        z.object({
          category: z.string(),
          label: z.string(),
          description: z.string(),
          kinds: z.array(Kind),
          uses: z.array(Use),
        }),
      ),
    }),
  ),
  sources: Texts,
  purposes: z.array(z.object({ id: z.string(), text: z.string() })),
  legalBasesIntro: z.string(),
  legalBases: z.array(z.object({ id: z.string(), label: z.string(), text: z.string() })),
  recipientsIntro: z.string(),
  recipients: z.array(
    z.object({
      id: z.string(),
      promise: z.string(),
      name: z.string(),
      role: z.string(),
      company: z.string().nullable(),
      service: z.string(),
      dataShared: z.string(),
      countries: z.array(z.string()),
      countryNames: z.array(z.string()),
      transferSafeguard: z.string().nullable(),
      outsideEea: z.boolean(),
      safeguardText: z.string(),
      receives: z.array(z.string()),
      receivesAll: z.boolean(),
    }),
  ),
  storageIntro: z.string(),
  storage: z.array(z.object({ area: z.string(), countries: z.array(z.string()), countryNames: z.array(z.string()) })),
  retentionIntro: z.string(),
  retention: z.array(
    z.object({
      rule: z.string(),
      label: z.string(),
      text: z.string(),
      keys: z.array(z.string()),
      kinds: z.array(z.string()),
    }),
  ),
  rightsIntro: Texts,
  rights: z.array(z.object({ id: z.string(), right: z.string(), how: z.string(), links: z.array(Link) })),
  howToUse: Texts,
  requestLinks: z.array(Link),
  complaint: z.object({ authority: z.string(), url: z.string(), odr: z.string(), text: Texts }),
  marketing: Texts,
  cookiesIntro: Texts,
  cookieHead: z.array(z.string()),
  cookies: z.array(z.object({ name: z.string(), category: z.string(), purpose: z.string(), lifetime: z.string() })),
  security: Texts,
  automatedDecisions: z.string(),
  changes: z.string(),
  annex: z.object({ intro: z.string(), head: z.array(z.string()), rows: z.array(AnnexRow) }),
});

export type PolicyModel = z.infer<typeof PolicyResponse>;
