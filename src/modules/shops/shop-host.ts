/**
 * Which shop a host name is for: `<slug>.<platformDomain>` is a shop; the bare platform domain,
 * `www.` and any other host are the platform's own site and API. The caller gives the host name as
 * Fastify resolved it (X-Forwarded-Host only from a trusted proxy) without the port.
 */
export function shopSlugOf(hostname: string, platformDomain: string): string | null {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  const suffix = `.${platformDomain.toLowerCase()}`;
  if (!host.endsWith(suffix)) return null;
  const label = host.slice(0, -suffix.length);
  if (label === '' || label === 'www' || label.includes('.')) return null;
  return label;
}
