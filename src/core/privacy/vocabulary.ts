/** The words of the privacy policy, as types: the data map may only use these. */

export const subjects = ['customer', 'user', 'shopper', 'affiliate', 'visitor', 'caller', 'staff'] as const;
export type Subject = (typeof subjects)[number];

export const categories = [
  'identification',
  'tracking',
  'authentication',
  'localisation',
  'financial',
  'communication',
] as const;
export type Category = (typeof categories)[number];

export const legalBases = ['contract', 'consent', 'legal-obligation', 'legitimate-interest'] as const;
export type LegalBasis = (typeof legalBases)[number];

export const purposes = {
  service: 'Providing the contracted service',
  billing: 'Billing and invoicing',
  security: 'Protecting the platform and its users (firewall, abuse prevention)',
  accountability: 'Proving who did what (audit log, consent proof)',
  marketing: 'Sending marketing with consent',
  support: 'Customer support',
  'legal-compliance': 'Meeting legal obligations',
} as const;
export type Purpose = keyof typeof purposes;

/** Processing areas of the policy's section L, with the countries their data is stored in. */
export const storageRegions = {
  servers: { label: 'Platform servers', countries: ['PT', 'DE', 'CH'] },
  backups: { label: 'Backups', countries: ['GB'] },
} as const;
export type StorageRegion = keyof typeof storageRegions;

/** Recipients (section R); keys into the processors register that a later issue makes editable. */
export const recipients = {
  hosting: { promise: 'R3', label: 'Hosting datacentre' },
  backup: { promise: 'R4', label: 'Backup server' },
  invoicing: { promise: 'R1', label: 'Invoicing provider' },
  registrars: { promise: 'R2', label: 'Domain registrars' },
  'email-distribution': { promise: 'R5', label: 'Email distribution service' },
  'cookie-consent': { promise: 'R6', label: 'Cookie consent service' },
  'certificate-issuer': { promise: 'R7', label: 'Certificate issuer' },
  'call-centre': { promise: 'R8', label: 'Call centre' },
  'chat-software': { promise: 'R9', label: 'Chat software' },
} as const;
export type Recipient = keyof typeof recipients;
