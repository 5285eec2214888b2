import type { Kysely } from 'kysely';
import type { ConsentTables } from './consent.tables.js';
import { randomBytes } from 'node:crypto';
import type { AuditLog } from '../../core/audit/audit-log.js';
import type { RequestContext } from '../../core/context.js';
import { newId } from '../../core/ids.js';
import { withShop } from '../../core/db/shop-isolation.js';
import type { ShopScope } from '../shops/index.js';
import { noticeFor } from './notices.js';
import { browserOf, countryOf } from './visitor-details.js';

export const CONSENT_COOKIE = 'sr_consent';
export const CONSENT_DAYS = 30;

/** Cookie value: notice version, the two optional categories, and the visitor's random reference. */
export function parseConsentCookie(
  value: string | undefined,
): { version: string; statistical: boolean; marketing: boolean; visitorRef: string } | null {
  const m = /^([a-z0-9-]+)\.([01])([01])\.([A-Za-z0-9_-]{16,})$/.exec(value ?? '');
  return m ? { version: m[1]!, statistical: m[2] === '1', marketing: m[3] === '1', visitorRef: m[4]! } : null;
}

/**
 * Cookie-banner decisions (K1–K4): each one is logged with the notice shown, the method, the IP, the
 * country from the IP and the browser. Global Privacy Control is a refusal of marketing, whatever
 * was clicked.
 */
export function createCookieConsentService(deps: { db: Kysely<ConsentTables>; audit: AuditLog }) {
  async function record(
    ctx: RequestContext,
    input: {
      statistical: boolean;
      marketing: boolean;
      method: 'accept-all' | 'reject-all' | 'custom';
      gpc: boolean;
      previousCookie: string | undefined;
    },
    /** A decision on a shop's banner is the shop's record (its merchant is the controller). */
    shop?: ShopScope,
  ) {
    const notice = noticeFor('cookies', ctx);
    const visitorRef = parseConsentCookie(input.previousCookie)?.visitorRef ?? randomBytes(16).toString('base64url');
    const marketing = input.marketing && !input.gpc;
    const id = newId('ckc');
    const row = {
      id,
      visitor_ref: visitorRef,
      statistical: input.statistical,
      marketing,
      method: input.method,
      gpc: input.gpc,
      notice_version: notice.version,
      notice_hash: notice.hash,
      notice_language: notice.language,
      ip: ctx.ip,
      country: countryOf(ctx.ip),
      browser: browserOf(ctx.userAgent),
      recorded_at: ctx.now,
    };
    if (shop)
      await withShop(deps.db, shop.shopId, (tx) =>
        tx
          .insertInto('shop_cookie_consent')
          .values({ ...row, shop_id: shop.shopId })
          .execute(),
      );
    else await deps.db.insertInto('cookie_consent').values(row).execute();
    const expiresAt = new Date(ctx.now.getTime() + CONSENT_DAYS * 86_400_000);
    return {
      statistical: input.statistical,
      marketing,
      noticeVersion: notice.version,
      expiresAt,
      cookie: `${notice.version}.${input.statistical ? 1 : 0}${marketing ? 1 : 0}.${visitorRef}`,
    };
  }

  return { record, notice: (ctx: RequestContext) => noticeFor('cookies', ctx) };
}
export type CookieConsentService = ReturnType<typeof createCookieConsentService>;
