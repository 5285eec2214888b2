import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { ApiError, call, client } from '../../api';
import { useI18n } from '../../i18n';
import { customerSession, useAfterSwitch } from '../../session';
import { Alert, Button, Card, useToast } from '../../ui/ui';
import { PermissionList } from '../account/Permissions';
import { useAction, useWords } from '../shop/shared';

const words = {
  en: {
    title: 'Invitation',
    invites: (name: string) => `${name} invites you to work on their SellRocket account.`,
    sentTo: 'Sent to',
    validUntil: 'Valid until',
    mayDo: 'What you may do',
    own: 'You sign in with your own account and password; what you do there is done on their account.',
    accept: 'Accept the invitation',
    accepted: (name: string) => `You now work on the account of ${name}.`,
    signIn: (email: string) => `Sign in with ${email} to accept it.`,
    signInLink: 'Sign in',
    noAccount: 'No account with that address yet?',
    signUpLink: 'Create an account',
    otherAddress: (signedIn: string, invited: string) =>
      `You are signed in as ${signedIn}, but this invitation was sent to ${invited}. Sign out, then sign in with that address to accept it.`,
    signOut: 'Sign out',
    notValid: 'This invitation is not valid any more: it was accepted, withdrawn or has expired. Ask for a new one.',
    problems: {
      otherAddress: 'This invitation was sent to another address: sign in with that one.',
      own: 'This is your own account.',
    },
  },
  'pt-PT': {
    title: 'Convite',
    invites: (name: string) => `${name} convida-o a trabalhar na sua conta SellRocket.`,
    sentTo: 'Enviado para',
    validUntil: 'Válido até',
    mayDo: 'O que pode fazer',
    own: 'Entra com a sua própria conta e palavra-passe; o que lá fizer é feito na conta de quem o convidou.',
    accept: 'Aceitar o convite',
    accepted: (name: string) => `Passou a trabalhar na conta de ${name}.`,
    signIn: (email: string) => `Inicie sessão com ${email} para o aceitar.`,
    signInLink: 'Iniciar sessão',
    noAccount: 'Ainda não tem conta com esse endereço?',
    signUpLink: 'Criar conta',
    otherAddress: (signedIn: string, invited: string) =>
      `Tem sessão iniciada como ${signedIn}, mas este convite foi enviado para ${invited}. Termine a sessão e inicie-a com esse endereço para o aceitar.`,
    signOut: 'Terminar sessão',
    notValid: 'Este convite já não é válido: foi aceite, retirado ou expirou. Peça um novo.',
    problems: {
      otherAddress: 'Este convite foi enviado para outro endereço: inicie sessão com esse.',
      own: 'Esta é a sua própria conta.',
    },
  },
} as const;

/**
 * An invitation link from an email: who invites, the address it was sent to, what it lets one do.
 * Signed in with that address, it is accepted here and the session then works on that account; not
 * signed in, sign-in and sign-up come back here afterwards.
 */
export function Invitation() {
  const { t, formatDay } = useI18n();
  const w = useWords(words);
  const { token } = useParams({ from: '/public/invitations/$token' });
  const navigate = useNavigate();
  const queries = useQueryClient();
  const afterSwitch = useAfterSwitch();
  const toast = useToast();
  const action = useAction();
  const session = useQuery(customerSession);
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => call(client.GET('/api/v1/invitations/{token}', { params: { path: { token } } })),
    // Once accepted it is gone: asked once, when the page opens.
    staleTime: Infinity,
  });
  const inv = invitation.data;
  if (!inv)
    return (
      <div className="narrow">
        <h1>{w.title}</h1>
        {invitation.error ? (
          <Alert kind="error">
            {invitation.error instanceof ApiError && invitation.error.status === 404
              ? w.notValid
              : invitation.error.message}
          </Alert>
        ) : (
          <p>{t('common.loading')}</p>
        )}
      </div>
    );

  const me = session.data?.account;
  const forMe = me && me.email.toLowerCase() === inv.email.toLowerCase();
  const here = `/invitations/${token}`;
  const accept = () =>
    void action.run(async () => {
      try {
        const { accountId } = await call(
          client.POST('/api/v1/invitations/{token}/accept', { params: { path: { token } } }),
        );
        await call(client.PUT('/api/v1/account/acting', { body: { accountId } }));
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) throw new ApiError(404, err.type, w.notValid);
        if (err instanceof ApiError && err.status === 403) throw new ApiError(403, err.type, w.problems.otherAddress);
        if (err instanceof ApiError && err.status === 409) throw new ApiError(409, err.type, w.problems.own);
        throw err;
      }
      // The invitation itself is kept as it was shown: asking again would say it is gone.
      await afterSwitch(['invitation']);
      toast(w.accepted(inv.accountName));
      await navigate({ to: '/account' });
    });
  const signOut = () =>
    void action.run(async () => {
      await call(client.POST('/api/v1/auth/logout'));
      queries.setQueryData(customerSession.queryKey, { account: null });
      // Nothing of the signed-out person's data stays in the cache for the next one at this screen
      // (only who is signed in, nobody now, and the invitation on it are kept).
      queries.removeQueries({
        predicate: ({ queryKey: [first, second] }) =>
          first !== 'invitation' && !(first === 'session' && second === 'customer'),
      });
    });

  return (
    <div className="narrow invitation">
      <h1>{w.title}</h1>
      <p className="lead">{w.invites(inv.accountName)}</p>
      <Card>
        <dl className="facts">
          <dt>{w.sentTo}</dt>
          <dd>{inv.email}</dd>
          <dt>{w.validUntil}</dt>
          <dd>{formatDay(inv.expiresAt)}</dd>
        </dl>
        <h2>{w.mayDo}</h2>
        <PermissionList permissions={inv.permissions} />
        <p className="muted">{w.own}</p>
        {action.error && <Alert kind="error">{action.error}</Alert>}
        {!session.data ? (
          <p>{t('common.loading')}</p>
        ) : forMe ? (
          <Button busy={action.busy} onClick={accept}>
            {w.accept}
          </Button>
        ) : me ? (
          <>
            <Alert>{w.otherAddress(me.email, inv.email)}</Alert>
            <Button variant="secondary" busy={action.busy} onClick={signOut}>
              {w.signOut}
            </Button>
          </>
        ) : (
          <>
            <p>{w.signIn(inv.email)}</p>
            <div className="actions form-actions">
              <Link to="/signin" search={{ next: here }} className="btn btn-primary">
                {w.signInLink}
              </Link>
            </div>
            <p>
              {w.noAccount}{' '}
              <Link to="/signup" search={{ next: here }}>
                {w.signUpLink}
              </Link>
            </p>
          </>
        )}
      </Card>
    </div>
  );
}
