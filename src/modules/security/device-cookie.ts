import { randomBytes } from 'node:crypto';
import { keyedHash, safeEqual } from '../../core/crypto/tokens.js';

/**
 * OWASP "device cookies": proof that this browser signed in to this account before. The value
 * is `<principal id>.<expiry, unix seconds>.<nonce>.<HMAC>` under the platform's hash key: it
 * names the account by its public id (acc_…/stf_…), never by email, and the server stores
 * nothing until the device fails to sign in (then its count is kept under a keyed hash of it).
 */
export const deviceCookieLifetimeMs = 90 * 86_400_000;

export type DeviceScope = 'account' | 'staff';

export interface IssuedDeviceCookie {
  value: string;
  expiresAt: Date;
}

function mac(hashKey: Buffer, scope: DeviceScope, payload: string): string {
  // The scope is signed too, so a staff cookie never vouches for a customer sign-in or back.
  return keyedHash(hashKey, `device-cookie|${scope}|${payload}`);
}

export function issueDeviceCookie(
  hashKey: Buffer,
  scope: DeviceScope,
  principalId: string,
  now: Date,
): IssuedDeviceCookie {
  const expiresAt = new Date(now.getTime() + deviceCookieLifetimeMs);
  const payload = `${principalId}.${Math.floor(expiresAt.getTime() / 1000)}.${randomBytes(12).toString('base64url')}`;
  return { value: `${payload}.${mac(hashKey, scope, payload)}`, expiresAt };
}

/**
 * The device's throttle key when `value` is a genuine, unexpired cookie of this scope naming
 * `principalId`; null otherwise (the browser then counts as unknown).
 */
export function trustedDeviceKey(
  hashKey: Buffer,
  scope: DeviceScope,
  value: string | undefined,
  principalId: string | null,
  now: Date,
): string | null {
  if (!value || !principalId) return null;
  const parts = value.split('.');
  if (parts.length !== 4) return null;
  const [id, expiry, , signature] = parts as [string, string, string, string];
  const payload = parts.slice(0, 3).join('.');
  if (!safeEqual(signature, mac(hashKey, scope, payload))) return null;
  if (id !== principalId || !(Number(expiry) * 1000 > now.getTime())) return null;
  return `device:${keyedHash(hashKey, value)}`;
}
