import { createRequire } from 'node:module';
import { UAParser } from 'ua-parser-js';

/**
 * Where and with what a consent was given (K4, M1): the country from the IP, with the geolocation
 * database that ships inside the npm package (loaded on first use: it is several MB), and the
 * browser and system from the user agent.
 */
let geo: { lookup(ip: string): { country: string } | null } | undefined;
export function countryOf(ip: string): string | null {
  geo ??= createRequire(import.meta.url)('geoip-country') as typeof geo;
  try {
    return geo!.lookup(ip)?.country ?? null;
  } catch {
    return null;
  }
}

export function browserOf(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const ua = new UAParser(userAgent).getResult();
  const parts = [
    [ua.browser.name, ua.browser.major].filter(Boolean).join(' '),
    [ua.os.name, ua.os.version].filter(Boolean).join(' '),
  ].filter(Boolean);
  return parts.length ? parts.join(' / ') : null;
}
