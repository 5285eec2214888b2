import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { ApiError, call, client, type Permission, type ResponseOf } from '../../api';
import { useI18n } from '../../i18n';
import { useAccount } from '../../session';
import { emailRule, useForm } from '../../ui/form';
import { Alert, Button, Card, Field, Table, useToast } from '../../ui/ui';
import { ConfirmDialog, useAction, useWords } from '../shop/shared';
import { PermissionChoice, permissionOrder, usePermissionWords } from './Permissions';

type Member = ResponseOf<'/api/v1/account/users', 'get'>['members'][number];

const words = {
  en: {
    title: 'Users',
    text: 'People who work on your account. Each signs in with their own account and password, and may do only what you let them; only you manage the users.',
    members: 'Users of your account',
    none: 'No one else works on your account yet: invite someone below.',
    since: (date: string) => `since ${date}`,
    mayDo: (name: string) => `What ${name} may do`,
    save: 'Save the permissions',
    saveLabel: (name: string) => `Save the permissions of ${name}`,
    saved: (name: string) => `The permissions of ${name} are saved.`,
    remove: 'Remove',
    removeLabel: (name: string) => `Remove ${name}`,
    confirmTitle: (name: string) => `Remove ${name} from your account?`,
    confirmText:
      'They can no longer work on your account: their sessions on it end at once. Their own account is not affected.',
    removed: (name: string) => `${name} no longer works on your account.`,
    invitations: 'Open invitations',
    noInvitations: 'No invitation is open.',
    email: 'Email',
    permissions: 'Permissions',
    expires: 'Valid until',
    withdraw: 'Withdraw',
    withdrawLabel: (email: string) => `Withdraw the invitation to ${email}`,
    withdrawn: (email: string) => `The invitation to ${email} is withdrawn.`,
    invite: 'Invite someone',
    inviteText:
      'They receive an email with a link, valid for 7 days. They accept it signed in with that address (or create an account with it).',
    inviteMayDo: 'What they may do',
    send: 'Send the invitation',
    invited: (email: string) => `An invitation was sent to ${email}.`,
    chooseOne: 'Choose at least one thing they may do.',
    own: 'This is your own address.',
    already: 'This person already works on your account.',
  },
  'pt-PT': {
    title: 'Utilizadores',
    text: 'As pessoas que trabalham na sua conta. Cada uma entra com a sua própria conta e palavra-passe, e só pode fazer o que lhe permitir; só o titular gere os utilizadores.',
    members: 'Utilizadores da sua conta',
    none: 'Ainda ninguém mais trabalha na sua conta: convide alguém abaixo.',
    since: (date: string) => `desde ${date}`,
    mayDo: (name: string) => `O que ${name} pode fazer`,
    save: 'Guardar as permissões',
    saveLabel: (name: string) => `Guardar as permissões de ${name}`,
    saved: (name: string) => `As permissões de ${name} foram guardadas.`,
    remove: 'Remover',
    removeLabel: (name: string) => `Remover ${name}`,
    confirmTitle: (name: string) => `Remover ${name} da sua conta?`,
    confirmText:
      'Deixa de poder trabalhar na sua conta: as sessões nela terminam de imediato. A conta própria dessa pessoa não é afetada.',
    removed: (name: string) => `${name} já não trabalha na sua conta.`,
    invitations: 'Convites em aberto',
    noInvitations: 'Não há nenhum convite em aberto.',
    email: 'Email',
    permissions: 'Permissões',
    expires: 'Válido até',
    withdraw: 'Retirar',
    withdrawLabel: (email: string) => `Retirar o convite para ${email}`,
    withdrawn: (email: string) => `O convite para ${email} foi retirado.`,
    invite: 'Convidar alguém',
    inviteText:
      'A pessoa recebe um email com uma ligação, válida durante 7 dias. Aceita-o com sessão iniciada nesse endereço (ou criando uma conta com ele).',
    inviteMayDo: 'O que pode fazer',
    send: 'Enviar o convite',
    invited: (email: string) => `Foi enviado um convite para ${email}.`,
    chooseOne: 'Escolha pelo menos uma coisa que possa fazer.',
    own: 'Este é o seu próprio endereço.',
    already: 'Esta pessoa já trabalha na sua conta.',
  },
} as const;

const usersKey = ['account', 'users'];

/** The users of the owner's account: what each may do, removing them, the invitations still open, inviting. */
export function Users() {
  const { t, formatDay } = useI18n();
  const w = useWords(words);
  const pw = usePermissionWords();
  const toast = useToast();
  const queries = useQueryClient();
  const action = useAction();
  const users = useQuery({
    queryKey: usersKey,
    queryFn: () => call(client.GET('/api/v1/account/users')),
    // Someone may have accepted an invitation since the last visit.
    staleTime: 0,
  });
  const withdraw = (id: string, email: string) =>
    void action.run(async () => {
      await call(client.DELETE('/api/v1/account/users/invitations/{id}', { params: { path: { id } } }));
      toast(w.withdrawn(email));
      await queries.invalidateQueries({ queryKey: usersKey });
    });
  const data = users.data;
  return (
    <>
      <h1>{w.title}</h1>
      <p className="lead">{w.text}</p>
      {!data ? (
        users.error ? (
          <Alert kind="error">{users.error.message}</Alert>
        ) : (
          <p>{t('common.loading')}</p>
        )
      ) : (
        <>
          <Card title={w.members}>
            {data.members.length === 0 ? (
              <p className="muted">{w.none}</p>
            ) : (
              data.members.map((m) => (
                // Drawn again when the saved permissions change: the boxes start from what the server holds.
                <MemberCard key={`${m.memberId}:${m.permissions.join(',')}`} member={m} />
              ))
            )}
          </Card>
          <Card title={w.invitations}>
            {action.error && <Alert kind="error">{action.error}</Alert>}
            <Table
              caption={w.invitations}
              head={[w.email, w.permissions, w.expires, '']}
              empty={w.noInvitations}
              rows={data.invitations.map((i) => [
                i.email,
                permissionOrder
                  .filter((p) => i.permissions.includes(p))
                  .map((p) => pw.labels[p])
                  .join(', ') || '—',
                formatDay(i.expiresAt),
                <Button
                  key={i.id}
                  variant="secondary"
                  className="btn btn-secondary btn-small"
                  aria-label={w.withdrawLabel(i.email)}
                  disabled={action.busy}
                  onClick={() => withdraw(i.id, i.email)}
                >
                  {w.withdraw}
                </Button>,
              ])}
            />
          </Card>
        </>
      )}
      {/* Offered only to whom the list answered: anyone else is not the owner. */}
      {data && <InviteForm />}
    </>
  );
}

/** One user: who, since when, their permissions as boxes to change, and removing them. */
function MemberCard({ member }: { member: Member }) {
  const { formatDay } = useI18n();
  const w = useWords(words);
  const toast = useToast();
  const queries = useQueryClient();
  const action = useAction();
  const id = useId();
  const [chosen, setChosen] = useState<Permission[]>(member.permissions);
  const [confirming, setConfirming] = useState(false);
  const path = { memberId: member.memberId };
  const save = () =>
    void action.run(async () => {
      await call(
        client.PUT('/api/v1/account/users/{memberId}/permissions', {
          params: { path },
          body: { permissions: chosen },
        }),
      );
      toast(w.saved(member.name));
      await queries.invalidateQueries({ queryKey: usersKey });
    });
  const remove = async () => {
    const ok = await action.run(async () => {
      await call(client.DELETE('/api/v1/account/users/{memberId}', { params: { path } }));
    });
    setConfirming(false);
    if (!ok) return;
    toast(w.removed(member.name));
    await queries.invalidateQueries({ queryKey: usersKey });
  };
  return (
    <section className="member" aria-labelledby={`${id}-name`}>
      <h3 id={`${id}-name`}>{member.name}</h3>
      <p className="muted">
        {member.email} · {w.since(formatDay(member.addedAt))}
      </p>
      {action.error && <Alert kind="error">{action.error}</Alert>}
      <PermissionChoice legend={w.mayDo(member.name)} value={chosen} onChange={setChosen} />
      <div className="actions form-actions">
        <Button busy={action.busy && !confirming} aria-label={w.saveLabel(member.name)} onClick={save}>
          {w.save}
        </Button>
        <Button variant="danger" aria-label={w.removeLabel(member.name)} onClick={() => setConfirming(true)}>
          {w.remove}
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={w.confirmTitle(member.name)}
        confirmLabel={w.remove}
        busy={action.busy}
        onConfirm={() => void remove()}
        onClose={() => setConfirming(false)}
      >
        <p>{w.confirmText}</p>
      </ConfirmDialog>
    </section>
  );
}

/** Inviting someone by email, with what they may do. */
function InviteForm() {
  const { t } = useI18n();
  const w = useWords(words);
  const account = useAccount();
  const toast = useToast();
  const queries = useQueryClient();
  const f = useForm({ email: '' }, { email: emailRule }, t);
  const [chosen, setChosen] = useState<Permission[]>([]);
  const [noneChosen, setNoneChosen] = useState(false);
  const send = f.submit(async (v) => {
    if (chosen.length === 0) return;
    const email = v.email.trim();
    if (email.toLowerCase() === account.email.toLowerCase()) {
      f.setServerErrors({ email: w.own });
      return;
    }
    try {
      await call(client.POST('/api/v1/account/users/invitations', { body: { email, permissions: chosen } }));
    } catch (err) {
      // The server's problem in this form's words when it is one the form knows.
      if (err instanceof ApiError && err.status === 409) throw new ApiError(409, err.type, w.already);
      throw err;
    }
    f.setValues({ email: '' });
    setChosen([]);
    toast(w.invited(email));
    await queries.invalidateQueries({ queryKey: usersKey });
  });
  const onSubmit = (e: FormEvent) => {
    setNoneChosen(chosen.length === 0);
    void send(e);
  };
  return (
    <Card title={w.invite}>
      <p className="muted">{w.inviteText}</p>
      <form onSubmit={onSubmit} noValidate aria-label={w.invite}>
        {f.formError && <Alert kind="error">{f.formError}</Alert>}
        <Field label={w.email} type="email" autoComplete="off" spellCheck={false} {...f.bind('email')} />
        <PermissionChoice
          legend={w.inviteMayDo}
          value={chosen}
          error={noneChosen ? w.chooseOne : undefined}
          onChange={(p) => {
            setChosen(p);
            setNoneChosen(false);
          }}
        />
        <Button type="submit" busy={f.busy}>
          {w.send}
        </Button>
      </form>
    </Card>
  );
}
