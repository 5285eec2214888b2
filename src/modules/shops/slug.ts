/**
 * A shop's slug is the first label of its host name (<slug>.<PLATFORM_DOMAIN>): DNS label rules
 * (RFC 1035, lower case), 3 to 63 characters, and none of the names the platform keeps for itself
 * or that would mislead a shopper.
 */
const reserved = new Set([
  'www',
  'api',
  'app',
  'admin',
  'administrator',
  'staff',
  'mail',
  'email',
  'smtp',
  'imap',
  'pop',
  'pop3',
  'ftp',
  'ns',
  'ns1',
  'ns2',
  'dns',
  'mx',
  'cdn',
  'static',
  'assets',
  'media',
  'files',
  'img',
  'images',
  'help',
  'support',
  'status',
  'docs',
  'blog',
  'billing',
  'invoice',
  'invoices',
  'payments',
  'pay',
  'checkout',
  'account',
  'accounts',
  'login',
  'signin',
  'signup',
  'register',
  'auth',
  'oauth',
  'sso',
  'privacy',
  'terms',
  'legal',
  'security',
  'abuse',
  'postmaster',
  'hostmaster',
  'webmaster',
  'root',
  'shop',
  'shops',
  'store',
  'stores',
  'dashboard',
  'console',
  'internal',
  'dev',
  'test',
  'staging',
  'localhost',
  'sellrocket',
]);

const label = /^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$/;

/** Why a slug cannot be used, or null when it can. */
export function slugProblem(slug: string): string | null {
  if (slug.length < 3 || slug.length > 63) return 'Use 3 to 63 characters.';
  if (!label.test(slug))
    return 'Use lower-case letters, digits and hyphens, starting and ending with a letter or digit.';
  if (slug.includes('--')) return 'Two hyphens in a row are not allowed.';
  if (reserved.has(slug)) return 'This name is reserved.';
  return null;
}
