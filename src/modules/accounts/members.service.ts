import { sql, type Kysely } from 'kysely';
import type { AuditLog } from '../../core/audit/audit-log.js';
import type { RequestContext } from '../../core/context.js';
import { hashToken, newSecretToken } from '../../core/crypto/tokens.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { Mailer } from '../../core/mail/mailer.js';
import type { AccountsTables } from './accounts.tables.js';
import { permissions as allPermissions, type Permission } from './permissions.js';

const day = 86_400_000;
const INVITATION_DAYS = 7;
// Ended invitations (accepted, revoked, expired) are kept this long, then deleted (user-invitation).
const KEEP_ENDED_DAYS = 30;

const normalised = (email: string) => email.trim().toLowerCase();
const displayName = (a: { company: string | null; first_name: string; last_name: string }) =>
  a.company || `${a.first_name} ${a.last_name}`;

/**
 * The users of an account (issue #11 §1, S7). Each person signs in with their own account (own
 * password, two-factor sign-in, sessions); the owner invites others by email to work on theirs with
 * chosen permissions, and only the owner manages them. A person's session works on one account at
 * a time and may switch to any they belong to. Removing a user ends their sessions on that account.
 */
export function createMembers(deps: {
  db: Kysely<AccountsTables>;
  audit: AuditLog;
  mailer: Mailer;
  /** Where the invitation link points (PUBLIC_URL, or this server). */
  origin: string;
}) {
  // The most users an account's plan allows besides its owner (null: no limit). Billing, built
  // later, tells it how (`limitUsersBy`); until then nothing limits it.
  let maxUsersOf: (accountId: string) => Promise<number | null> = async () => null;

  /** Billing registers how many users an account's plans allow. */
  function limitUsersBy(limit: (accountId: string) => Promise<number | null>) {
    maxUsersOf = limit;
  }

  /** Users and open invitations count against the plan; a new invitation to the same address replaces one. */
  async function withinUserLimit(ctx: RequestContext, ownerId: string, email: string) {
    const max = await maxUsersOf(ownerId);
    if (max === null) return;
    await sql`select pg_advisory_xact_lock(hashtext(${`users:${ownerId}`}))`.execute(deps.db);
    const counted = await sql<{ n: string }>`select
        (select count(*) from account_member where account_id = ${ownerId})
      + (select count(*) from account_invitation where account_id = ${ownerId} and email <> ${email}
           and accepted_at is null and revoked_at is null and expires_at > ${ctx.now}) as n`.execute(deps.db);
    const n = Number(counted.rows[0]!.n);
    if (n >= max)
      throw new AppError(
        'conflict',
        `Your plan allows ${max} ${max === 1 ? 'user' : 'users'} besides you, and ${n} ${n === 1 ? 'is' : 'are'} invited or working on your account: choose a larger plan to invite more.`,
      );
  }

  async function purgeEndedInvitations(now: Date) {
    const before = new Date(now.getTime() - KEEP_ENDED_DAYS * day);
    await sql`delete from account_invitation
      where coalesce(accepted_at, revoked_at, expires_at) < ${before}`.execute(deps.db);
  }

  async function accountRow(id: string) {
    return deps.db
      .selectFrom('account')
      .select(['id', 'email', 'first_name', 'last_name', 'company', 'language'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** The owner invites someone by email: the link, valid 7 days, is mailed; only its hash is kept. */
  async function invite(ctx: RequestContext, ownerId: string, input: { email: string; permissions: Permission[] }) {
    const email = normalised(input.email);
    return deps.db.transaction().execute(async () => {
      const owner = (await accountRow(ownerId))!;
      if (normalised(owner.email) === email)
        throw new AppError('validation', 'You cannot invite yourself.', {
          errors: [{ field: 'email', message: 'This is your own address.' }],
        });
      const member = await deps.db
        .selectFrom('account_member as m')
        .innerJoin('account as a', 'a.id', 'm.member_id')
        .select('m.member_id')
        .where('m.account_id', '=', ownerId)
        .where(sql`lower(a.email)`, '=', email)
        .executeTakeFirst();
      if (member) throw new AppError('conflict', 'This person already works on your account.');
      await withinUserLimit(ctx, ownerId, email);
      await purgeEndedInvitations(ctx.now);
      // A new invitation to the same address replaces the one still open.
      await deps.db
        .updateTable('account_invitation')
        .set({ revoked_at: ctx.now })
        .where('account_id', '=', ownerId)
        .where('email', '=', email)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .execute();
      const token = newSecretToken();
      const row = {
        id: newId('inv'),
        account_id: ownerId,
        email,
        permissions: [...new Set(input.permissions)],
        token_hash: hashToken(token),
        created_at: ctx.now,
        expires_at: new Date(ctx.now.getTime() + INVITATION_DAYS * day),
        accepted_at: null,
        revoked_at: null,
      };
      await deps.db.insertInto('account_invitation').values(row).execute();
      await deps.audit.record(ctx, {
        action: 'account.user.invite',
        target: { kind: 'invitation', id: row.id },
        data: { permissions: row.permissions },
      });
      const link = `${deps.origin}/invitations/${token}`;
      const name = displayName(owner);
      const pt = owner.language === 'pt-PT';
      await deps.mailer.send({
        to: email,
        purpose: 'service',
        lang: pt ? 'pt-PT' : 'en',
        subject: pt
          ? `${name} convida-o a trabalhar na sua conta SellRocket`
          : `${name} invites you to their SellRocket account`,
        text: (pt
          ? [
              `${name} convida-o a trabalhar na sua conta SellRocket.`,
              '',
              `Aceite o convite aqui (válido durante ${INVITATION_DAYS} dias): ${link}`,
              '',
              'Entra com a sua própria conta e palavra-passe; se ainda não tem conta, pode criá-la a partir do convite.',
            ]
          : [
              `${name} invites you to work on their SellRocket account.`,
              '',
              `Accept the invitation here (valid for ${INVITATION_DAYS} days): ${link}`,
              '',
              "You sign in with your own account and password; if you don't have one yet, you can open one from the invitation.",
            ]
        ).join('\n'),
      });
      return invitationView(row, ctx.now);
    });
  }

  /** The owner's list of users and invitations. It names other people, so the read is audited. */
  async function users(ctx: RequestContext, ownerId: string) {
    const members = await deps.db
      .selectFrom('account_member as m')
      .innerJoin('account as a', 'a.id', 'm.member_id')
      .select(['m.member_id', 'm.permissions', 'm.added_at', 'a.first_name', 'a.last_name', 'a.email'])
      .where('m.account_id', '=', ownerId)
      .orderBy('m.added_at')
      .execute();
    const invitations = await deps.db
      .selectFrom('account_invitation')
      .selectAll()
      .where('account_id', '=', ownerId)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', ctx.now)
      .orderBy('created_at', 'desc')
      .execute();
    await deps.audit.record(ctx, { action: 'account.users.read', target: { kind: 'account', id: ownerId } });
    return {
      members: members.map((m) => ({
        memberId: m.member_id,
        name: `${m.first_name} ${m.last_name}`,
        email: m.email,
        permissions: known(m.permissions),
        addedAt: new Date(m.added_at).toISOString(),
      })),
      invitations: invitations.map((i) => invitationView(i, ctx.now)),
    };
  }

  async function revokeInvitation(ctx: RequestContext, ownerId: string, invitationId: string) {
    const done = await deps.db
      .updateTable('account_invitation')
      .set({ revoked_at: ctx.now })
      .where('id', '=', invitationId)
      .where('account_id', '=', ownerId)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) throw new AppError('not_found', 'No such open invitation.');
    await deps.audit.record(ctx, {
      action: 'account.user.invite_revoke',
      target: { kind: 'invitation', id: invitationId },
    });
  }

  async function openInvitation(token: string, now: Date) {
    const inv = await deps.db
      .selectFrom('account_invitation')
      .selectAll()
      .where('token_hash', '=', hashToken(token))
      .executeTakeFirst();
    if (!inv || inv.accepted_at || inv.revoked_at || inv.expires_at <= now)
      throw new AppError('not_found', 'This invitation is not valid any more: ask for a new one.');
    return inv;
  }

  /** What an invitation link offers, for the page that shows it before it is accepted. */
  async function describeInvitation(token: string, now: Date) {
    const inv = await openInvitation(token, now);
    const owner = (await accountRow(inv.account_id))!;
    return {
      accountName: displayName(owner),
      email: inv.email,
      permissions: known(inv.permissions),
      expiresAt: new Date(inv.expires_at).toISOString(),
    };
  }

  /** The signed-in person accepts an invitation sent to their own address. */
  async function accept(ctx: RequestContext, personId: string, token: string) {
    return deps.db.transaction().execute(async () => {
      const inv = await openInvitation(token, ctx.now);
      const person = (await accountRow(personId))!;
      if (normalised(person.email) !== inv.email)
        throw new AppError('forbidden', 'This invitation was sent to another address: sign in with that one.');
      if (inv.account_id === personId) throw new AppError('conflict', 'This is your own account.');
      await deps.db
        .insertInto('account_member')
        .values({ account_id: inv.account_id, member_id: personId, permissions: inv.permissions, added_at: ctx.now })
        .onConflict((oc) => oc.columns(['account_id', 'member_id']).doUpdateSet({ permissions: inv.permissions }))
        .execute();
      // The membership now says what the invitation did: the invited address is not kept beside it.
      await deps.db.deleteFrom('account_invitation').where('id', '=', inv.id).execute();
      await deps.audit.record(ctx, {
        action: 'account.user.join',
        target: { kind: 'account', id: inv.account_id },
        chain: `account:${inv.account_id}`,
      });
      return { accountId: inv.account_id, permissions: known(inv.permissions) };
    });
  }

  async function setPermissions(ctx: RequestContext, ownerId: string, memberId: string, given: Permission[]) {
    const granted = [...new Set(given)];
    const done = await deps.db
      .updateTable('account_member')
      .set({ permissions: granted })
      .where('account_id', '=', ownerId)
      .where('member_id', '=', memberId)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) throw new AppError('not_found', 'No such user on your account.');
    await deps.audit.record(ctx, {
      action: 'account.user.permissions',
      target: { kind: 'account', id: memberId },
      data: { permissions: granted },
    });
    return { memberId, permissions: granted };
  }

  /** The owner removes a user, or a user leaves: their sessions working on the account end at once. */
  async function remove(ctx: RequestContext, accountId: string, memberId: string) {
    return deps.db.transaction().execute(async () => {
      const done = await deps.db
        .deleteFrom('account_member')
        .where('account_id', '=', accountId)
        .where('member_id', '=', memberId)
        .executeTakeFirst();
      if (Number(done.numDeletedRows) === 0) throw new AppError('not_found', 'No such user on this account.');
      await deps.db
        .updateTable('account_session')
        .set({ revoked_at: ctx.now })
        .where('account_id', '=', memberId)
        .where('acting_account_id', '=', accountId)
        .where('revoked_at', 'is', null)
        .execute();
      await deps.audit.record(ctx, {
        action: 'account.user.remove',
        target: { kind: 'account', id: memberId },
        chain: `account:${accountId}`,
      });
    });
  }

  /** The accounts a person may work on: their own first, then those they were invited to. */
  async function memberships(personId: string) {
    const own = (await accountRow(personId))!;
    const others = await deps.db
      .selectFrom('account_member as m')
      .innerJoin('account as a', 'a.id', 'm.account_id')
      .select(['m.account_id', 'm.permissions', 'a.first_name', 'a.last_name', 'a.company'])
      .where('m.member_id', '=', personId)
      .where('a.status', '=', 'active')
      .orderBy('m.added_at')
      .execute();
    return [
      { accountId: own.id, name: displayName(own), owner: true, permissions: [...allPermissions] },
      ...others.map((m) => ({
        accountId: m.account_id,
        name: displayName(m),
        owner: false,
        permissions: known(m.permissions),
      })),
    ];
  }

  /** The permissions a person holds on another account, or null when they do not belong to it. */
  async function permissionsOn(accountId: string, personId: string): Promise<Permission[] | null> {
    const row = await deps.db
      .selectFrom('account_member as m')
      .innerJoin('account as a', 'a.id', 'm.account_id')
      .select('m.permissions')
      .where('m.account_id', '=', accountId)
      .where('m.member_id', '=', personId)
      .where('a.status', '=', 'active')
      .executeTakeFirst();
    return row ? known(row.permissions) : null;
  }

  /** The session works on `accountId` from now on: the person's own, or one they belong to. */
  async function switchTo(ctx: RequestContext, personId: string, sessionId: string, accountId: string) {
    if (accountId !== personId && !(await permissionsOn(accountId, personId)))
      throw new AppError('not_found', 'You do not work on that account.');
    await deps.db
      .updateTable('account_session')
      .set({ acting_account_id: accountId === personId ? null : accountId })
      .where('id', '=', sessionId)
      .where('account_id', '=', personId)
      .execute();
    await deps.audit.record(ctx, { action: 'account.switch', target: { kind: 'account', id: accountId } });
  }

  async function actingAccountOf(sessionId: string) {
    const row = await deps.db
      .selectFrom('account_session')
      .select('acting_account_id')
      .where('id', '=', sessionId)
      .executeTakeFirst();
    return row?.acting_account_id ?? null;
  }

  return {
    limitUsersBy,
    actingAccountOf,
    invite,
    users,
    revokeInvitation,
    describeInvitation,
    accept,
    setPermissions,
    remove,
    memberships,
    permissionsOn,
    switchTo,
  };
}
export type Members = ReturnType<typeof createMembers>;

/** Permissions as stored, without any this version no longer knows. */
function known(stored: string[]): Permission[] {
  return stored.filter((p): p is Permission => (allPermissions as readonly string[]).includes(p));
}

function invitationView(
  i: { id: string; email: string; permissions: string[]; created_at: Date; expires_at: Date },
  now: Date,
) {
  return {
    id: i.id,
    email: i.email,
    permissions: known(i.permissions),
    createdAt: new Date(i.created_at).toISOString(),
    expiresAt: new Date(i.expires_at).toISOString(),
    expired: new Date(i.expires_at) <= now,
  };
}
