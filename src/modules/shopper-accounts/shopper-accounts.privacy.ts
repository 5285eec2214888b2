import { declareTables, notPersonal, personal } from '../../core/privacy/data-map.js';
import { sessionColumns } from '../../core/sessions.js';

/**
 * A shopper's account at one shop: the merchant is the controller (subject `shopper`), the platform
 * its processor. Every table hangs off the shop's shopper row, so a shopper's erasure in that shop
 * takes them all, and the same email at another shop is another subject, untouched.
 */
const account = { basis: 'contract', retention: 'shopper-account', purposes: ['service'] } as const;
const proof = {
  basis: 'legal-obligation',
  retention: 'consent-proof',
  purposes: ['accountability', 'marketing'],
} as const;
const owner = { via: 'shopper_id', to: 'shopper.id' } as const;

export const shopperAccountsTables = declareTables({
  shopper_account: {
    description:
      "A shopper's account at one shop: their name and password (argon2id), and when their email was confirmed.",
    label: { en: 'Your account at the shop', 'pt-PT': 'A sua conta na loja' },
    subject: 'shopper',
    owner,
    columns: {
      shop_id: notPersonal('the shop'),
      shopper_id: notPersonal("the shop's shopper (spr_…)"),
      password_hash: personal({
        category: 'authentication',
        key: 'credentials.password_hash',
        ...account,
        export: 'omit',
        description: 'argon2id hash; the password itself is never stored',
      }),
      first_name: personal({ category: 'identification', key: 'name.first', ...account, identifier: true }),
      last_name: personal({ category: 'identification', key: 'name.last', ...account, identifier: true }),
      email_verified_at: notPersonal('when the email was confirmed (a technical timestamp)'),
      created_at: personal({ category: 'tracking', key: 'account.created_at', ...account }),
      updated_at: notPersonal('technical timestamp'),
    },
  },
  shopper_session: {
    description: "Sessions of a shopper signed in at one shop's storefront (a cookie on that shop's host only).",
    label: { en: 'Your sign-ins at the shop', 'pt-PT': 'As suas sessões na loja' },
    subject: 'shopper',
    owner,
    columns: {
      shop_id: notPersonal('the shop'),
      shopper_id: notPersonal('the shopper'),
      ...sessionColumns,
    },
  },
  shopper_token: {
    label: { en: 'Links we emailed you', 'pt-PT': 'Ligações que lhe enviámos por email' },
    description:
      'Email confirmation and password reset links sent to a shopper: a hash of each, until used or expired.',
    subject: 'shopper',
    owner,
    columns: {
      shop_id: notPersonal('the shop'),
      id: notPersonal('surrogate key (stk_…)'),
      shopper_id: notPersonal('the shopper'),
      purpose: notPersonal('verify or reset'),
      token_hash: personal({
        category: 'authentication',
        key: 'credentials.verification_token_hash',
        ...account,
        export: 'omit',
      }),
      created_at: notPersonal('technical timestamp'),
      expires_at: notPersonal('technical expiry'),
      used_at: notPersonal('technical timestamp'),
    },
  },
  shopper_address: {
    description: 'Addresses a shopper saved in their account at one shop.',
    label: { en: 'Your saved addresses', 'pt-PT': 'As suas moradas guardadas' },
    subject: 'shopper',
    owner,
    columns: {
      shop_id: notPersonal('the shop'),
      id: notPersonal('surrogate key (sad_…)'),
      shopper_id: notPersonal('the shopper'),
      first_name: personal({ category: 'identification', key: 'name.first', ...account, identifier: true }),
      last_name: personal({ category: 'identification', key: 'name.last', ...account, identifier: true }),
      company: personal({ category: 'identification', key: 'organisation.name', ...account }),
      address1: personal({ category: 'localisation', key: 'address.line1', ...account, identifier: true }),
      address2: personal({ category: 'localisation', key: 'address.line2', ...account }),
      city: personal({ category: 'localisation', key: 'address.city', ...account }),
      postal_code: personal({ category: 'localisation', key: 'address.postal_code', ...account }),
      country: personal({ category: 'localisation', key: 'address.country', ...account }),
      phone: personal({ category: 'tracking', key: 'contact.phone', ...account, identifier: true }),
      is_default: notPersonal('which address is used first'),
      created_at: notPersonal('technical timestamp'),
    },
  },
  shopper_newsletter_consent: {
    description:
      "Every decision on a shop's newsletter, with the text shown and how it was made (M1); the shop is the controller.",
    label: { en: "Your consents to the shop's newsletter", 'pt-PT': 'Os seus consentimentos à newsletter da loja' },
    subject: 'shopper',
    owner,
    document: "Consents you gave or withdrew to the shop's newsletter, with the text you were shown",
    columns: {
      shop_id: notPersonal('the shop'),
      id: notPersonal('surrogate key (snc_…)'),
      shopper_id: notPersonal('the shopper'),
      granted: personal({ category: 'identification', key: 'consent.decision', ...proof }),
      notice_version: notPersonal('version of the text shown'),
      notice_hash: notPersonal('SHA-256 of the text shown'),
      notice_language: notPersonal('language of the text shown'),
      method: personal({ category: 'identification', key: 'consent.method', ...proof }),
      ip: personal({ category: 'tracking', key: 'device.ip_address', ...proof, identifier: true }),
      user_agent: personal({ category: 'tracking', key: 'device.user_agent', ...proof }),
      recorded_at: personal({ category: 'tracking', key: 'consent.time', ...proof }),
    },
  },
});
