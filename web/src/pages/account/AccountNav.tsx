import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { call, client } from '../../api';
import { useI18n } from '../../i18n';
import { useActing, useAfterSwitch, type Acting } from '../../session';
import { useToast } from '../../ui/ui';
import { useWords } from '../shop/shared';

// The newer parts keep their words beside them, as the back office does, not in the shared catalogue.
const words = {
  en: {
    users: 'Users',
    workingOn: 'Working on:',
    own: (name: string) => `${name} (your own account)`,
    switched: (name: string) => `You are now working on ${name}.`,
    notSwitched: 'The account could not be switched. Try again.',
  },
  'pt-PT': {
    users: 'Utilizadores',
    workingOn: 'A trabalhar em:',
    own: (name: string) => `${name} (a sua própria conta)`,
    switched: (name: string) => `Está agora a trabalhar em ${name}.`,
    notSwitched: 'Não foi possível mudar de conta. Tente novamente.',
  },
} as const;

/**
 * The customer area's sections. The person's own things (overview, password and sessions, privacy)
 * are always there; the rest only as far as their permissions on the account worked on allow, and
 * the users of an account only on their own.
 */
export function AccountNav() {
  const { t } = useI18n();
  const w = useWords(words);
  const acting = useActing();
  return (
    <nav aria-label={t('account.nav')} className="subnav">
      <Link to="/account" activeOptions={{ exact: true }}>
        {t('account.overview')}
      </Link>
      <Link to="/account/profile">{t('account.profile')}</Link>
      <Link to="/account/security">{t('account.security')}</Link>
      <Link to="/account/privacy">{t('account.privacy')}</Link>
      {/* Anyone working on the account may list its shops, to reach what their permissions open. */}
      <Link to="/account/shops">{t('account.shops')}</Link>
      {acting.can('emails') && <Link to="/account/emails">{t('account.emails')}</Link>}
      {acting.can('invoices') && <Link to="/account/invoices">{t('account.invoices')}</Link>}
      {acting.owner && <Link to="/account/users">{w.users}</Link>}
      {(acting.accounts.length > 1 || !listed(acting)) && <AccountSwitch acting={acting} />}
    </nav>
  );
}

/** Whether the account worked on is still one of the person's (it may have been closed since). */
const listed = (acting: Acting) => acting.accounts.some((a) => a.accountId === acting.accountId);

/** Which account the session works on, for someone who may work on more than their own. */
function AccountSwitch({ acting }: { acting: Acting }) {
  const w = useWords(words);
  const navigate = useNavigate();
  const toast = useToast();
  const afterSwitch = useAfterSwitch();
  const [busy, setBusy] = useState(false);
  const switchTo = async (accountId: string) => {
    const to = acting.accounts.find((a) => a.accountId === accountId);
    if (!to || accountId === acting.accountId) return;
    setBusy(true);
    try {
      // The overview first: the page open may be one the other account does not allow, or not have.
      await navigate({ to: '/account' });
      await call(client.PUT('/api/v1/account/acting', { body: { accountId } }));
      await afterSwitch();
      toast(w.switched(to.name));
    } catch {
      toast(w.notSwitched, 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <label className="working-on">
      <span>{w.workingOn}</span>
      <select value={acting.accountId} disabled={busy} onChange={(e) => void switchTo(e.target.value)}>
        {!listed(acting) && (
          <option value={acting.accountId} disabled>
            —
          </option>
        )}
        {acting.accounts.map((a) => (
          <option key={a.accountId} value={a.accountId}>
            {a.owner ? w.own(a.name) : a.name}
          </option>
        ))}
      </select>
    </label>
  );
}
