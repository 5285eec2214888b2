import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { RequestContext } from '../../core/context.js';
import { checkPassword, personalInputs } from '../../core/crypto/password-policy.js';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from '../../core/crypto/passwords.js';
import { hashToken, newSecretToken } from '../../core/crypto/tokens.js';
import { withShop } from '../../core/db/shop-isolation.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { sendReported, type Mailer } from '../../core/mail/mailer.js';
import type { SecurityService, SignInAttempt } from '../security/index.js';
import type { ShopScope } from '../shops/index.js';
import { newsletterNotice, type NoticeLanguage } from './newsletter-notice.js';
import { createShopperSessions } from './shopper-sessions.js';
import type { ShopperAccountsTables, ShopperTokenPurpose } from './shopper-accounts.tables.js';

const VERIFY_TTL_MS = 7 * 86_400_000;
const RESET_TTL_MS = 3_600_000;

/** What the accounts need of the shop's shoppers (the orders module keeps them). */
export interface ShopperRows {
  ensure(scope: ShopScope, email: string, now: Date): Promise<string>;
  findByEmail(scope: ShopScope, email: string): Promise<string | null>;
  emailOf(scope: ShopScope, shopperId: string): Promise<string | null>;
}

/** The shop a mail speaks for: its name (the sender's name) and its storefront's address. */
export interface ShopMailer {
  id: string;
  name: string;
  origin: string;
}

export interface SignedInShopper {
  sessionId: string;
  shopperId: string;
  email: string;
  firstName: string;
  lastName: string;
  emailVerified: boolean;
}

export interface SavedAddress {
  id: string;
  firstName: string;
  lastName: string;
  company: string | null;
  line1: string;
  line2: string | null;
  postalCode: string;
  city: string;
  country: string;
  phone: string | null;
  isDefault: boolean;
}

/** A field a form must show again with its error; the codes are the theme's `account.errors`. */
export class AccountFormError extends AppError {
  constructor(
    readonly fields: { field?: string; code: string }[],
    status: 'validation' | 'conflict' | 'blocked' = 'validation',
  ) {
    super(status, 'The form has errors.', {
      errors: fields.map((f) => ({ field: f.field ?? 'form', message: f.code })),
    });
  }
}

/**
 * Shopper accounts, one shop at a time: a shopper of shop A is unknown to shop B, even with the same
 * email (another shopper row, another account, other sessions). Passwords are argon2id with the
 * platform's password rules; sign-in is throttled like a merchant's (S1), keyed by shop and email.
 */
export function createShopperAccounts(deps: {
  db: Kysely<ShopperAccountsTables>;
  shoppers: ShopperRows;
  security: SecurityService;
  mailer: Pick<Mailer, 'send'>;
  onError: (err: unknown) => void;
  sessionTtlMs: number;
}) {
  const sessions = createShopperSessions({ db: deps.db, ttlMs: deps.sessionTtlMs });
  const inShop = <T>(scope: ShopScope, fn: (tx: Kysely<ShopperAccountsTables>) => Promise<T>) =>
    withShop(deps.db, scope.shopId, fn);

  async function issueToken(scope: ShopScope, shopperId: string, purpose: ShopperTokenPurpose, now: Date) {
    const token = newSecretToken();
    await inShop(scope, (tx) =>
      tx
        .insertInto('shopper_token')
        .values({
          shop_id: scope.shopId,
          id: newId('stk'),
          shopper_id: shopperId,
          purpose,
          token_hash: hashToken(token),
          created_at: now,
          expires_at: new Date(now.getTime() + (purpose === 'verify' ? VERIFY_TTL_MS : RESET_TTL_MS)),
        })
        .execute(),
    );
    return token;
  }

  /** The token row a link names, while it is unused and unexpired, for its purpose at this shop. */
  const usable =
    (scope: ShopScope, token: string, purpose: ShopperTokenPurpose, now: Date) =>
    (eb: ExpressionBuilder<ShopperAccountsTables, 'shopper_token'>) =>
      eb.and([
        eb('shop_id', '=', scope.shopId),
        eb('token_hash', '=', hashToken(token)),
        eb('purpose', '=', purpose),
        eb('used_at', 'is', null),
        eb('expires_at', '>', now),
      ]);
  const plausible = (token: string) => token.length > 0 && token.length <= 100;

  /** A token still valid for its purpose, used up in the same step; null when expired, used or unknown. */
  async function spendToken(scope: ShopScope, token: string, purpose: ShopperTokenPurpose, now: Date) {
    if (!plausible(token)) return null;
    return inShop(scope, async (tx) => {
      const row = await tx
        .updateTable('shopper_token')
        .set({ used_at: now })
        .where(usable(scope, token, purpose, now))
        .returning('shopper_id')
        .executeTakeFirst();
      return row?.shopper_id ?? null;
    });
  }

  /** Mail failures are reported, never the shopper's problem: the link can be asked for again. */
  const mail = (shop: ShopMailer, to: string, subject: string, text: string) =>
    sendReported(deps.mailer, deps.onError, { to, subject, text, fromName: shop.name, shopId: shop.id });

  async function sendVerification(scope: ShopScope, shop: ShopMailer, shopperId: string, email: string, now: Date) {
    const token = await issueToken(scope, shopperId, 'verify', now);
    await mail(
      shop,
      email,
      `${shop.name}: confirm your email`,
      [
        `Confirm the email of your account at ${shop.name}:`,
        `${shop.origin}/account/confirm?token=${token}`,
        '',
        'The link works for 7 days. If you did not create this account, ignore this message.',
      ].join('\n'),
    );
  }

  /** The account an email signs in to at this shop, if there is one. */
  async function accountByEmail(scope: ShopScope, email: string) {
    const shopperId = await deps.shoppers.findByEmail(scope, email);
    if (!shopperId) return undefined;
    return inShop(scope, (tx) =>
      tx
        .selectFrom('shopper_account')
        .select(['shopper_id', 'password_hash'])
        .where('shop_id', '=', scope.shopId)
        .where('shopper_id', '=', shopperId)
        .executeTakeFirst(),
    );
  }

  function attemptFor(ctx: RequestContext, scope: ShopScope, email: string): SignInAttempt {
    // No lockout mail: the platform's notice names SellRocket, and the shopper is the shop's.
    return {
      ip: ctx.ip,
      loginKey: deps.security.loginKey(`shop:${scope.shopId}`, email),
      deviceKey: null,
      ownerEmail: null,
    };
  }

  async function recordNewsletter(
    ctx: RequestContext,
    scope: ShopScope,
    shopperId: string,
    decision: { granted: boolean; shopName: string; language: NoticeLanguage; method: 'sign-up' | 'account' },
  ) {
    const notice = newsletterNotice(decision.shopName, decision.language);
    await inShop(scope, (tx) =>
      tx
        .insertInto('shopper_newsletter_consent')
        .values({
          shop_id: scope.shopId,
          id: newId('snc'),
          shopper_id: shopperId,
          granted: decision.granted,
          notice_version: notice.version,
          notice_hash: notice.hash,
          notice_language: decision.language,
          method: decision.method,
          ip: ctx.ip,
          user_agent: ctx.userAgent,
          recorded_at: ctx.now,
        })
        .execute(),
    );
  }

  return {
    sessions,

    async register(
      ctx: RequestContext,
      scope: ShopScope,
      shop: ShopMailer,
      input: {
        email: string;
        password: string;
        firstName: string;
        lastName: string;
        newsletter: boolean;
        language: NoticeLanguage;
      },
    ) {
      const weak = checkPassword(input.password, personalInputs(input.email, input.firstName, input.lastName));
      if (weak) throw new AccountFormError([{ field: 'password', code: 'password_weak' }]);
      const passwordHash = await hashPassword(input.password);
      // The shopper row, the account and the first decision on the newsletter commit together.
      const shopperId = await inShop(scope, async (tx) => {
        const id = await deps.shoppers.ensure(scope, input.email, ctx.now);
        const made = await tx
          .insertInto('shopper_account')
          .values({
            shop_id: scope.shopId,
            shopper_id: id,
            password_hash: passwordHash,
            first_name: input.firstName,
            last_name: input.lastName,
            email_verified_at: null,
            created_at: ctx.now,
            updated_at: ctx.now,
          })
          .onConflict((oc) => oc.columns(['shop_id', 'shopper_id']).doNothing())
          .returning('shopper_id')
          .executeTakeFirst();
        if (!made) throw new AccountFormError([{ field: 'email', code: 'email_taken' }], 'conflict');
        if (input.newsletter)
          await recordNewsletter(ctx, scope, id, {
            granted: true,
            shopName: shop.name,
            language: input.language,
            method: 'sign-up',
          });
        return id;
      });
      await sendVerification(scope, shop, shopperId, input.email, ctx.now);
      return sessions.create(scope, shopperId, ctx);
    },

    async signIn(ctx: RequestContext, scope: ShopScope, input: { email: string; password: string }) {
      const attempt = attemptFor(ctx, scope, input.email);
      try {
        await deps.security.assertLoginAllowed(attempt);
      } catch (e) {
        if (e instanceof AppError) throw new AccountFormError([{ code: 'throttled' }], 'blocked');
        throw e;
      }
      const account = await accountByEmail(scope, input.email);
      const ok = account
        ? await verifyPassword(account.password_hash, input.password)
        : await verifyAgainstDecoy(input.password);
      if (!ok || !account) {
        await deps.security.recordLoginFailure(attempt);
        throw new AccountFormError([{ code: 'invalid_credentials' }]);
      }
      await deps.security.recordLoginSuccess(attempt);
      return sessions.create(scope, account.shopper_id, ctx);
    },

    /** The shopper a session cookie names at this shop, or null (another shop's cookie finds nothing here). */
    async signedIn(scope: ShopScope, token: string | undefined, now: Date): Promise<SignedInShopper | null> {
      if (!token) return null;
      // Every account page and the checkout ask this: the session, account and email in one unit of work.
      return inShop(scope, async (tx) => {
        const session = await sessions.check(scope, token, now);
        if (!session) return null;
        const row = await tx
          .selectFrom('shopper_account')
          .select(['first_name', 'last_name', 'email_verified_at'])
          .where('shop_id', '=', scope.shopId)
          .where('shopper_id', '=', session.shopperId)
          .executeTakeFirst();
        const email = await deps.shoppers.emailOf(scope, session.shopperId);
        if (!row || !email) return null;
        return {
          sessionId: session.id,
          shopperId: session.shopperId,
          email,
          firstName: row.first_name,
          lastName: row.last_name,
          emailVerified: row.email_verified_at !== null,
        };
      });
    },

    async confirmEmail(scope: ShopScope, token: string, now: Date) {
      const shopperId = await spendToken(scope, token, 'verify', now);
      if (!shopperId) return false;
      await inShop(scope, (tx) =>
        tx
          .updateTable('shopper_account')
          .set({ email_verified_at: now, updated_at: now })
          .where('shop_id', '=', scope.shopId)
          .where('shopper_id', '=', shopperId)
          .execute(),
      );
      return true;
    },

    /** Sends a reset link when the email has an account here; the answer is the same either way. */
    async requestReset(ctx: RequestContext, scope: ShopScope, shop: ShopMailer, email: string) {
      const account = await accountByEmail(scope, email);
      if (!account) return;
      const token = await issueToken(scope, account.shopper_id, 'reset', ctx.now);
      await mail(
        shop,
        email,
        `${shop.name}: choose a new password`,
        [
          `Someone asked to reset the password of your account at ${shop.name}. To choose a new one:`,
          `${shop.origin}/account/reset?token=${token}`,
          '',
          'The link works for one hour. If it was not you, ignore this message: your password stays as it is.',
        ].join('\n'),
      );
    },

    /** Whether a reset link can still be used (the form is shown only then). */
    async resetLinkValid(scope: ShopScope, token: string, now: Date) {
      if (!plausible(token)) return false;
      const row = await inShop(scope, (tx) =>
        tx
          .selectFrom('shopper_token')
          .select('id')
          .where(usable(scope, token, 'reset', now))
          .executeTakeFirst(),
      );
      return row !== undefined;
    },

    /**
     * A new password from a reset link: every session of the shopper ends (whoever had the old
     * password is out), and the link is spent. Following the link proves the email, so it is confirmed.
     */
    async completeReset(ctx: RequestContext, scope: ShopScope, token: string, password: string) {
      return inShop(scope, async (tx) => {
        const shopperId = await spendToken(scope, token, 'reset', ctx.now);
        if (!shopperId) throw new AccountFormError([{ code: 'link_invalid' }]);
        const email = (await deps.shoppers.emailOf(scope, shopperId)) ?? '';
        const account = await tx
          .selectFrom('shopper_account')
          .select(['first_name', 'last_name'])
          .where('shop_id', '=', scope.shopId)
          .where('shopper_id', '=', shopperId)
          .executeTakeFirstOrThrow();
        if (checkPassword(password, personalInputs(email, account.first_name, account.last_name)))
          throw new AccountFormError([{ field: 'password', code: 'password_weak' }]);
        await tx
          .updateTable('shopper_account')
          .set({ password_hash: await hashPassword(password), email_verified_at: ctx.now, updated_at: ctx.now })
          .where('shop_id', '=', scope.shopId)
          .where('shopper_id', '=', shopperId)
          .execute();
        await sessions.revokeAll(scope, shopperId, ctx.now);
      });
    },

    signOut: (scope: ShopScope, sessionId: string, now: Date) => sessions.revoke(scope, sessionId, now),

    resendVerification: (scope: ShopScope, shop: ShopMailer, who: SignedInShopper, now: Date) =>
      sendVerification(scope, shop, who.shopperId, who.email, now),

    async addresses(scope: ShopScope, shopperId: string): Promise<SavedAddress[]> {
      const rows = await inShop(scope, (tx) =>
        tx
          .selectFrom('shopper_address')
          .selectAll()
          .where('shop_id', '=', scope.shopId)
          .where('shopper_id', '=', shopperId)
          .orderBy('is_default', 'desc')
          .orderBy('created_at')
          .orderBy('id')
          .execute(),
      );
      return rows.map((r) => ({
        id: r.id,
        firstName: r.first_name,
        lastName: r.last_name,
        company: r.company,
        line1: r.address1,
        line2: r.address2,
        postalCode: r.postal_code,
        city: r.city,
        country: r.country,
        phone: r.phone,
        isDefault: r.is_default,
      }));
    },

    /** The first address saved is the default one. */
    async addAddress(
      ctx: RequestContext,
      scope: ShopScope,
      shopperId: string,
      a: Omit<SavedAddress, 'id' | 'isDefault'>,
    ) {
      await inShop(scope, async (tx) => {
        const existing = await tx
          .selectFrom('shopper_address')
          .select('id')
          .where('shop_id', '=', scope.shopId)
          .where('shopper_id', '=', shopperId)
          .limit(1)
          .executeTakeFirst();
        await tx
          .insertInto('shopper_address')
          .values({
            shop_id: scope.shopId,
            id: newId('sad'),
            shopper_id: shopperId,
            first_name: a.firstName,
            last_name: a.lastName,
            company: a.company,
            address1: a.line1,
            address2: a.line2,
            city: a.city,
            postal_code: a.postalCode,
            country: a.country,
            phone: a.phone,
            is_default: existing === undefined,
            created_at: ctx.now,
          })
          .execute();
      });
    },

    async removeAddress(scope: ShopScope, shopperId: string, addressId: string) {
      await inShop(scope, async (tx) => {
        const gone = await tx
          .deleteFrom('shopper_address')
          .where('shop_id', '=', scope.shopId)
          .where('shopper_id', '=', shopperId)
          .where('id', '=', addressId)
          .returning('is_default')
          .executeTakeFirst();
        if (!gone?.is_default) return;
        // The default went: the oldest one left takes its place.
        const next = await tx
          .selectFrom('shopper_address')
          .select('id')
          .where('shop_id', '=', scope.shopId)
          .where('shopper_id', '=', shopperId)
          .orderBy('created_at')
          .orderBy('id')
          .limit(1)
          .executeTakeFirst();
        if (next)
          await tx
            .updateTable('shopper_address')
            .set({ is_default: true })
            .where('shop_id', '=', scope.shopId)
            .where('id', '=', next.id)
            .execute();
      });
    },

    async setDefaultAddress(scope: ShopScope, shopperId: string, addressId: string) {
      await inShop(scope, (tx) =>
        tx
          .updateTable('shopper_address')
          .set({ is_default: sql<boolean>`id = ${addressId}` })
          .where('shop_id', '=', scope.shopId)
          .where('shopper_id', '=', shopperId)
          .execute(),
      );
    },

    /** Subscribed now: the latest decision, if any, was a yes. */
    async subscribed(scope: ShopScope, shopperId: string) {
      const latest = await inShop(scope, (tx) =>
        tx
          .selectFrom('shopper_newsletter_consent')
          .select('granted')
          .where('shop_id', '=', scope.shopId)
          .where('shopper_id', '=', shopperId)
          .orderBy('recorded_at', 'desc')
          .orderBy('id', 'desc')
          .limit(1)
          .executeTakeFirst(),
      );
      return latest?.granted ?? false;
    },

    setNewsletter: (
      ctx: RequestContext,
      scope: ShopScope,
      shopperId: string,
      decision: { granted: boolean; shopName: string; language: NoticeLanguage },
    ) => recordNewsletter(ctx, scope, shopperId, { ...decision, method: 'account' }),
  };
}
export type ShopperAccounts = ReturnType<typeof createShopperAccounts>;
