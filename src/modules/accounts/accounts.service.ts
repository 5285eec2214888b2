import { containsPattern } from '../../core/db/like.js';
import { isUniqueViolation } from '../../core/db/errors.js';
import { checkPassword, personalInputs } from '../../core/crypto/password-policy.js';
import type { AccountsTables } from './accounts.tables.js';
import { sql, type Transaction, type Updateable, type Kysely } from 'kysely';
import type { AuditLog } from '../../core/audit/audit-log.js';
import type { NoteReauthentication, RequestContext } from '../../core/context.js';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from '../../core/crypto/passwords.js';
import { AppError, validationError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { negotiateLanguage } from '../../core/published-texts.js';
import { hashToken } from '../../core/crypto/tokens.js';
import type { SessionStore } from '../../core/sessions.js';
import type { ConsentService } from '../consent/index.js';
import type { TermsService } from '../terms/index.js';
import type { AccountRow, AccountsRepo } from './accounts.repo.js';
import type { AccountView, SignupInput, UpdateAccountInput } from './accounts.schemas.js';
import type { AccountTable } from './accounts.tables.js';
import type { NifLookup } from '../../core/tax/nif-lookup.js';
import { checkCountryFields } from './contact-fields.js';

/** What the session check hands on of the signed-in account: never its password hash. */
export type SignedInAccount = Omit<AccountRow, 'password_hash' | 'updated_at'>;

export function toAccountView(row: SignedInAccount): AccountView {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    company: row.company,
    nif: row.nif,
    address: {
      line1: row.address_line1,
      line2: row.address_line2,
      postalCode: row.postal_code,
      city: row.city,
      country: row.country,
    },
    marketingConsent: row.marketing_consent,
    status: row.status,
    language: row.language,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

const emailTakenError = () =>
  new AppError('conflict', 'An account with this email already exists. Sign in, or use another email.');

export function createAccountsService(deps: {
  db: Kysely<AccountsTables>;
  repo: AccountsRepo;
  audit: AuditLog;
  sessions: SessionStore;
  consent: ConsentService;
  terms: TermsService;
  noteReauthentication: NoteReauthentication;
  /** The tax authority's NIF lookup (T4): a Portuguese NIF it does not know is refused. */
  nifLookup: NifLookup;
}) {
  /**
   * Asks the tax authority about a Portuguese NIF (T4), outside any unit of work: one it does not
   * know is refused; when its service is down the check-digit test already passed is enough.
   */
  async function confirmNif(nif: string | null | undefined) {
    if (!nif || !nif.startsWith('PT')) return;
    const answer = await deps.nifLookup.lookup(nif);
    if (answer.status === 'not-found')
      throw validationError([{ field: 'nif', message: 'The tax authority (AT) has no taxpayer with this NIF.' }]);
  }

  /**
   * The answer to a re-confirmation of identity, counted: too many wrong ones in a row and every
   * session of the account ends (whoever holds a stolen one must sign in again, and is throttled there).
   */
  async function reconfirmed(accountId: string, ok: boolean): Promise<boolean> {
    await deps.noteReauthentication('customer', accountId, ok, deps.sessions);
    return ok;
  }

  // The account keeps the current marketing decision as a flag: it changes in the decision's unit of work.
  deps.consent.onDecision(async (ctx, decision) => {
    if (decision.purpose !== 'marketing') return;
    await deps.db
      .updateTable('account')
      .set({ marketing_consent: decision.granted, updated_at: ctx.now })
      .where('id', '=', decision.accountId)
      .execute();
  });

  /** Where to write to an account holder, and whether they agreed to marketing; null when there is no such account. */
  async function contactOf(
    accountId: string,
  ): Promise<{ email: string; marketingConsent: boolean; language: 'en' | 'pt-PT' } | null> {
    const row = await deps.db
      .selectFrom('account')
      .select(['email', 'marketing_consent', 'language'])
      .where('id', '=', accountId)
      .executeTakeFirst();
    return row ? { email: row.email, marketingConsent: row.marketing_consent, language: row.language } : null;
  }

  /**
   * The account behind a session token, with its row, in one query (the account must still be
   * active). Handing the row on saves the commonest route a second round trip.
   */
  async function resolveSession(
    token: string,
    now: Date,
  ): Promise<{
    sessionId: string;
    accountId: string;
    account: SignedInAccount;
    /** The account the session works on when it is not the person's own. */
    actingAccountId: string | null;
  } | null> {
    // This runs on nearly every request: a database function whose plan is prepared once per
    // connection (migration 0014; the query builder and a planned-each-time join both cost more,
    // bench: GET /api/v1/account). It never reads the password hash.
    const result = await sql<
      SignedInAccount & { session_id: string; session_last_seen_at: Date; acting_account_id: string | null }
    >`
      select * from account_session_check(${hashToken(token)}, ${now})`.execute(deps.db);
    const row = result.rows[0];
    if (!row) return null;
    const { session_id: sessionId, session_last_seen_at: lastSeen, acting_account_id: acting, ...account } = row;
    await deps.sessions.touch(sessionId, lastSeen, now);
    return { sessionId, accountId: account.id, account, actingAccountId: acting };
  }

  async function recordAccess(
    tx: Transaction<AccountsTables>,
    ctx: RequestContext,
    accountId: string,
    kind: 'signup' | 'login',
  ) {
    await tx
      .insertInto('account_access')
      .values({ id: newId('acx'), account_id: accountId, kind, ip: ctx.ip, user_agent: ctx.userAgent, at: ctx.now })
      .execute();
  }

  /** Opens an account (C1, C2, C4, M1): account, access history, terms accepted, consent record, audit and session commit together. */
  async function signup(ctx: RequestContext, input: SignupInput) {
    const checked = checkCountryFields({ phone: input.phone, nif: input.nif, country: input.address.country });
    if (checked.errors.length > 0) throw validationError(checked.errors);
    await confirmNif(checked.nif);
    if (await deps.repo.emailTaken(input.email)) throw emailTakenError();
    const passwordHash = await hashPassword(input.password);
    const id = newId('acc');
    try {
      return await deps.db.transaction().execute(async (tx) => {
        await tx
          .insertInto('account')
          .values({
            id,
            first_name: input.firstName,
            last_name: input.lastName,
            email: input.email,
            phone: checked.phone!,
            company: input.company,
            nif: checked.nif ?? null,
            address_line1: input.address.line1,
            address_line2: input.address.line2,
            postal_code: input.address.postalCode,
            city: input.address.city,
            country: input.address.country,
            password_hash: passwordHash,
            language: negotiateLanguage(ctx.language),
            created_at: ctx.now,
            updated_at: ctx.now,
          })
          .execute();
        const signedUp: RequestContext = { ...ctx, actor: { kind: 'customer', accountId: id, sessionId: '' } };
        await deps.audit.record(ctx, {
          actor: { kind: 'customer', id },
          action: 'account.signup',
          target: { kind: 'account', id },
        });
        await recordAccess(tx, ctx, id, 'signup');
        await deps.terms.recordAcceptance(ctx, id);
        if (input.marketingConsent) {
          await deps.consent.recordDecision(signedUp, {
            accountId: id,
            purpose: 'marketing',
            granted: true,
            method: 'signup-form',
          });
        }
        const session = await deps.sessions.create(id, ctx);
        const row = await deps.repo.getById(id, tx);
        return { account: toAccountView(row!), session };
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw emailTakenError(); // lost a race with a simultaneous signup
      throw e;
    }
  }

  /** The account for an email and password, or null; unknown emails cost the same time as wrong passwords. */
  async function verifyCredentials(email: string, password: string): Promise<{ accountId: string } | null> {
    const found = await deps.repo.findCredentialsByEmail(email);
    if (!found) return verifyAgainstDecoy(password).then(() => null);
    const ok = await verifyPassword(found.password_hash, password);
    return ok && found.status === 'active' ? { accountId: found.id } : null;
  }

  /** Whose account an email signs in to (active or not): what a device cookie must name. */
  async function findAccountIdByEmail(email: string): Promise<string | null> {
    return (await deps.repo.findCredentialsByEmail(email))?.id ?? null;
  }

  /** Re-confirms identity for sensitive requests (access, portability, erasure). */
  async function confirmPassword(accountId: string, password: string): Promise<boolean> {
    const row = await deps.repo.getById(accountId);
    return reconfirmed(accountId, row ? await verifyPassword(row.password_hash, password) : false);
  }

  /** Starts a session after a successful sign-in and writes the access history (T2). */
  async function signIn(ctx: RequestContext, accountId: string) {
    return deps.db.transaction().execute(async (tx) => {
      await recordAccess(tx, ctx, accountId, 'login');
      await deps.audit.record(ctx, {
        actor: { kind: 'customer', id: accountId },
        action: 'account.login',
        target: { kind: 'account', id: accountId },
      });
      return deps.sessions.create(accountId, ctx);
    });
  }

  async function getAccount(accountId: string): Promise<AccountView> {
    const row = await deps.repo.getById(accountId);
    if (!row) throw new AppError('not_found', 'No such account.');
    return toAccountView(row);
  }

  /**
   * Rectification (D2). The audit entry names the fields that changed, never their old or new
   * values: the log must not become a second copy of the personal data.
   */
  async function updateAccount(
    ctx: RequestContext,
    accountId: string,
    patch: UpdateAccountInput,
  ): Promise<AccountView> {
    return deps.db.transaction().execute(async (tx) => {
      const current = await tx
        .selectFrom('account')
        .selectAll()
        .where('id', '=', accountId)
        .forUpdate()
        .executeTakeFirst();
      if (!current) throw new AppError('not_found', 'No such account.');
      const country = patch.address?.country ?? current.country;
      // A new country re-checks the stored phone and NIF too, since both are read by country.
      const checked = checkCountryFields({
        phone: patch.phone ?? (patch.address ? current.phone : undefined),
        nif: patch.nif !== undefined ? patch.nif : patch.address && current.nif ? current.nif : undefined,
        country,
      });
      if (checked.errors.length > 0) throw validationError(checked.errors);
      // Only a new NIF is asked about (the row stays locked for that one call; the lookup times out).
      if (checked.nif && checked.nif !== current.nif) await confirmNif(checked.nif);
      const next: Updateable<AccountTable> = {};
      if (patch.firstName !== undefined) next.first_name = patch.firstName;
      if (patch.lastName !== undefined) next.last_name = patch.lastName;
      if (patch.email !== undefined) next.email = patch.email;
      if (checked.phone !== undefined) next.phone = checked.phone;
      if (patch.company !== undefined) next.company = patch.company || null;
      if (checked.nif !== undefined) next.nif = checked.nif;
      if (patch.language !== undefined) next.language = patch.language;
      if (patch.address) {
        Object.assign(next, {
          address_line1: patch.address.line1,
          address_line2: patch.address.line2,
          postal_code: patch.address.postalCode,
          city: patch.address.city,
          country: patch.address.country,
        });
      }
      const changed = Object.entries(next)
        .filter(([k, v]) => current[k as keyof AccountRow] !== v)
        .map(([k]) => k)
        .sort();
      if (changed.length === 0) return toAccountView(current);
      if (next.email !== undefined && next.email !== current.email && (await deps.repo.emailTaken(next.email, tx)))
        throw emailTakenError();
      try {
        await tx
          .updateTable('account')
          .set({ ...next, updated_at: ctx.now })
          .where('id', '=', accountId)
          .execute();
      } catch (e) {
        if (isUniqueViolation(e)) throw emailTakenError();
        throw e;
      }
      await deps.audit.record(ctx, {
        action: 'account.rectify',
        target: { kind: 'account', id: accountId },
        data: { fields: changed },
      });
      return toAccountView((await deps.repo.getById(accountId, tx))!);
    });
  }

  /** Needs the current password; every other session of the account is revoked (a stolen one dies). */
  async function changePassword(
    ctx: RequestContext,
    accountId: string,
    keepSessionId: string,
    currentPassword: string,
    newPassword: string,
  ) {
    const row = await deps.repo.getById(accountId);
    if (!row || !(await reconfirmed(accountId, await verifyPassword(row.password_hash, currentPassword)))) {
      throw validationError([{ field: 'currentPassword', message: 'The current password is not correct.' }]);
    }
    const weakness = checkPassword(newPassword, personalInputs(row.first_name, row.last_name, row.email));
    if (weakness) throw validationError([{ field: 'newPassword', message: weakness }]);
    const hash = await hashPassword(newPassword);
    return deps.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('account')
        .set({ password_hash: hash, updated_at: ctx.now })
        .where('id', '=', accountId)
        .execute();
      const revoked = await deps.sessions.revokeAllExcept(accountId, keepSessionId);
      await deps.audit.record(ctx, {
        action: 'account.password.change',
        target: { kind: 'account', id: accountId },
        data: { revokedSessions: revoked },
      });
      return { revokedSessions: revoked };
    });
  }

  async function setMarketingConsent(ctx: RequestContext, accountId: string, granted: boolean) {
    return deps.db
      .transaction()
      .execute((tx) =>
        deps.consent.recordDecision(ctx, { accountId, purpose: 'marketing', granted, method: 'account-settings' }),
      );
  }

  async function listAccess(accountId: string, limit = 100) {
    const rows = await deps.repo.listAccess(accountId, limit);
    return rows.map((r) => ({ kind: r.kind, ip: r.ip, userAgent: r.user_agent, at: new Date(r.at).toISOString() }));
  }

  /**
   * Staff search over accounts by name, email, company or id. Audited with the number of results,
   * not the search words (they are often an email).
   */
  async function searchForStaff(ctx: RequestContext, query: string, limit = 50) {
    const q = query.trim().toLowerCase();
    let select = deps.db
      .selectFrom('account')
      .select(['id', 'first_name', 'last_name', 'email', 'company', 'country', 'status', 'created_at'])
      .orderBy('created_at', 'desc')
      .limit(limit);
    if (q) {
      const like = containsPattern(q);
      select = select.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['email']), 'like', like),
          eb(eb.fn('lower', ['first_name']), 'like', like),
          eb(eb.fn('lower', ['last_name']), 'like', like),
          eb(eb.fn('lower', ['company']), 'like', like),
          eb('id', '=', query.trim()),
        ]),
      );
    }
    const rows = await select.execute();
    await deps.audit.record(ctx, {
      action: 'staff.accounts.search',
      data: { results: rows.length, filtered: q.length > 0 },
    });
    return rows.map((r) => ({
      id: r.id,
      firstName: r.first_name,
      lastName: r.last_name,
      email: r.email,
      company: r.company,
      country: r.country,
      status: r.status,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }

  /** Everything staff may see of one account; every view is written to the audit log. */
  async function viewForStaff(ctx: RequestContext, accountId: string) {
    const row = await deps.repo.getById(accountId);
    if (!row) throw new AppError('not_found', 'No such account.');
    const [access, consents] = await Promise.all([listAccess(accountId, 20), deps.consent.listForAccount(accountId)]);
    await deps.audit.record(ctx, { action: 'staff.account.view', target: { kind: 'account', id: accountId } });
    return {
      account: toAccountView(row),
      accessHistory: access,
      consents: consents.map((c) => ({ ...c, recordedAt: new Date(c.recordedAt).toISOString() })),
    };
  }

  return {
    resolveSession,
    contactOf,
    signup,
    verifyCredentials,
    findAccountIdByEmail,
    confirmPassword,
    signIn,
    getAccount,
    updateAccount,
    changePassword,
    setMarketingConsent,
    listAccess,
    searchForStaff,
    viewForStaff,
  };
}
export type AccountsService = ReturnType<typeof createAccountsService>;
