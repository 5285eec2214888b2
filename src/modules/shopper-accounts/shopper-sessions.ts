import type { Kysely } from 'kysely';
import type { RequestContext } from '../../core/context.js';
import { hashToken, newSecretToken } from '../../core/crypto/tokens.js';
import { withShop } from '../../core/db/shop-isolation.js';
import { newId } from '../../core/ids.js';
import { TOUCH_AFTER_MS } from '../../core/sessions.js';
import type { ShopScope } from '../shops/index.js';
import type { ShopperAccountsTables } from './shopper-accounts.tables.js';

/**
 * A shopper's sessions at one shop, in the database (any app server checks any session). Only a hash
 * of the cookie's token is kept, and every lookup names the shop: a token from shop A's cookie finds
 * nothing at shop B, even if it were sent there.
 */
export function createShopperSessions(deps: { db: Kysely<ShopperAccountsTables>; ttlMs: number }) {
  const inShop = <T>(scope: ShopScope, fn: (tx: Kysely<ShopperAccountsTables>) => Promise<T>) =>
    withShop(deps.db, scope.shopId, fn);

  return {
    async create(scope: ShopScope, shopperId: string, ctx: RequestContext) {
      const token = newSecretToken();
      const expiresAt = new Date(ctx.now.getTime() + deps.ttlMs);
      await inShop(scope, (tx) =>
        tx
          .insertInto('shopper_session')
          .values({
            shop_id: scope.shopId,
            id: newId('sss'),
            shopper_id: shopperId,
            token_hash: hashToken(token),
            ip: ctx.ip,
            user_agent: ctx.userAgent,
            created_at: ctx.now,
            last_seen_at: ctx.now,
            expires_at: expiresAt,
            revoked_at: null,
          })
          .execute(),
      );
      return { token, expiresAt };
    },

    async check(scope: ShopScope, token: string | undefined, now: Date) {
      if (!token || token.length > 100) return null;
      return inShop(scope, async (tx) => {
        const row = await tx
          .selectFrom('shopper_session')
          .select(['id', 'shopper_id', 'last_seen_at'])
          .where('shop_id', '=', scope.shopId)
          .where('token_hash', '=', hashToken(token))
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', now)
          .executeTakeFirst();
        if (!row) return null;
        // Noting every request would turn each page view into a write; a few minutes' precision is enough.
        if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_AFTER_MS)
          await tx
            .updateTable('shopper_session')
            .set({ last_seen_at: now })
            .where('shop_id', '=', scope.shopId)
            .where('id', '=', row.id)
            .execute();
        return { id: row.id, shopperId: row.shopper_id };
      });
    },

    async revoke(scope: ShopScope, sessionId: string, now: Date) {
      await inShop(scope, (tx) =>
        tx
          .updateTable('shopper_session')
          .set({ revoked_at: now })
          .where('shop_id', '=', scope.shopId)
          .where('id', '=', sessionId)
          .execute(),
      );
    },

    async revokeAll(scope: ShopScope, shopperId: string, now: Date) {
      await inShop(scope, (tx) =>
        tx
          .updateTable('shopper_session')
          .set({ revoked_at: now })
          .where('shop_id', '=', scope.shopId)
          .where('shopper_id', '=', shopperId)
          .where('revoked_at', 'is', null)
          .execute(),
      );
    },

    /** Ended sessions are deleted (the session-lifetime rule). */
    async sweep(scope: ShopScope, now: Date) {
      await inShop(scope, (tx) =>
        tx
          .deleteFrom('shopper_session')
          .where('shop_id', '=', scope.shopId)
          .where((eb) => eb.or([eb('expires_at', '<=', now), eb('revoked_at', 'is not', null)]))
          .execute(),
      );
    },
  };
}
