import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { call, client, type Account } from '../../api';
import { useI18n } from '../../i18n';
import { usePasswordScore } from '../../password-strength';
import { memberships, useAccount, useActing, useSetAccount } from '../../session';
import { useShownText } from '../../useShownText';
import { countryRule, emailRule, newPasswordRule, required, useForm } from '../../ui/form';
import { Alert, Button, Card, Field, Table, useToast } from '../../ui/ui';
import { useWords } from '../shop/shared';
import { accountMfa } from './mfa-api';
import { NoticeLanguage } from './NoticeLanguage';
import { PermissionList } from './Permissions';
import {
  AccessHistoryTable,
  addressPayload,
  CompanyAndAddressFields,
  NameAndEmailFields,
  NewPasswordField,
} from './ProfileFields';
import { Requests } from './Requests';
import { TwoFactor } from './TwoFactor';

// Words of the newer parts (working on another account), kept beside them as the newer pages do.
const words = {
  en: {
    actingTitle: 'The account you are working on',
    actingText: (name: string) => `You are working on the account of ${name}, with these permissions:`,
    actingSwitch: 'Go back to your own account with “Working on”, above.',
    details: (name: string) => `Details of the account of ${name}`,
    noDetails: (name: string) =>
      `The details of the account of ${name} are not among your permissions on it. Your own password is below.`,
  },
  'pt-PT': {
    actingTitle: 'A conta em que está a trabalhar',
    actingText: (name: string) => `Está a trabalhar na conta de ${name}, com estas permissões:`,
    actingSwitch: 'Volte à sua própria conta em “A trabalhar em”, acima.',
    details: (name: string) => `Dados da conta de ${name}`,
    noDetails: (name: string) =>
      `Os dados da conta de ${name} não fazem parte das suas permissões nela. A sua palavra-passe está abaixo.`,
  },
} as const;

export function Overview() {
  const { t, formatDay } = useI18n();
  const account = useAccount();
  const acting = useActing();
  const w = useWords(words);
  const mfa = useQuery({ queryKey: accountMfa.key, queryFn: accountMfa.status });
  return (
    <>
      <h1>{t('overview.title', { name: account.firstName })}</h1>
      <p className="lead">{t('overview.text')}</p>
      {!acting.owner && (
        <Card title={w.actingTitle}>
          <p>{w.actingText(acting.name)}</p>
          <PermissionList permissions={acting.permissions} />
          <p className="muted">{w.actingSwitch}</p>
        </Card>
      )}
      <Card>
        <dl className="facts">
          <dt>{t('overview.email')}</dt>
          <dd>{account.email}</dd>
          <dt>{t('overview.since')}</dt>
          <dd>{formatDay(account.createdAt)}</dd>
          <dt>{t('overview.twoFactor')}</dt>
          <dd>{mfa.data ? t(mfa.data.totpEnabled ? 'overview.on' : 'overview.off') : t('common.loading')}</dd>
        </dl>
      </Card>
    </>
  );
}

/**
 * The account's details and the language it is written to in, then the person's own password. On
 * their own account the details are theirs; working on another, that account's, with `profile`.
 */
export function Profile() {
  const { t } = useI18n();
  const acting = useActing();
  return (
    <>
      <h1>{t('profile.title')}</h1>
      {acting.owner ? <OwnDetails /> : <ActingDetails />}
      <PasswordCard />
    </>
  );
}

/** Saved details may rename the account in the list of those the person works on. */
function useRenamed() {
  const queries = useQueryClient();
  return () => void queries.invalidateQueries({ queryKey: memberships.queryKey });
}

function OwnDetails() {
  const { t } = useI18n();
  const account = useAccount();
  const setAccount = useSetAccount();
  const renamed = useRenamed();
  const onSaved = (a: Account) => {
    setAccount(a);
    renamed();
  };
  return (
    <>
      <DetailsCard title={t('profile.personal')} account={account} onSaved={onSaved} />
      <NoticeLanguage account={account} onSaved={setAccount} />
    </>
  );
}

const actingDetailsKey = ['account', 'details'];

/** Another account's details: read and changed with `profile`; the person's own session is not touched. */
function ActingDetails() {
  const w = useWords(words);
  const acting = useActing();
  if (!acting.can('profile')) return <Alert>{w.noDetails(acting.name)}</Alert>;
  return <ActingDetailsForm name={acting.name} />;
}

function ActingDetailsForm({ name }: { name: string }) {
  const { t } = useI18n();
  const w = useWords(words);
  const queries = useQueryClient();
  const renamed = useRenamed();
  const found = useQuery({ queryKey: actingDetailsKey, queryFn: () => call(client.GET('/api/v1/account')) });
  const onSaved = (a: Account) => {
    queries.setQueryData(actingDetailsKey, a);
    renamed();
  };
  if (!found.data)
    return found.error ? <Alert kind="error">{found.error.message}</Alert> : <p>{t('common.loading')}</p>;
  return (
    <>
      <DetailsCard key={found.data.id} title={w.details(name)} account={found.data} onSaved={onSaved} />
      <NoticeLanguage key={`${found.data.id}:language`} account={found.data} onSaved={onSaved} />
    </>
  );
}

function DetailsCard({ title, account, onSaved }: { title: string; account: Account; onSaved: (a: Account) => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const f = useForm(
    {
      firstName: account.firstName,
      lastName: account.lastName,
      email: account.email,
      phone: account.phone,
      company: account.company ?? '',
      nif: account.nif ?? '',
      line1: account.address.line1,
      line2: account.address.line2 ?? '',
      postalCode: account.address.postalCode,
      city: account.address.city,
      country: account.address.country,
    },
    {
      firstName: required,
      lastName: required,
      email: emailRule,
      phone: required,
      line1: required,
      postalCode: required,
      city: required,
      country: countryRule,
    },
    t,
  );
  const save = f.submit(async (v) => {
    onSaved(
      await call(
        client.PATCH('/api/v1/account', {
          body: {
            firstName: v.firstName,
            lastName: v.lastName,
            email: v.email,
            phone: v.phone,
            company: v.company || null,
            nif: v.nif || null,
            address: addressPayload(v),
          },
        }),
      ),
    );
    toast(t('profile.saved'));
  });
  return (
    <Card title={title}>
      <form onSubmit={save} noValidate>
        {f.formError && <Alert kind="error">{f.formError}</Alert>}
        <NameAndEmailFields bind={f.bind} />
        <Field label={t('field.phone')} type="tel" autoComplete="tel" {...f.bind('phone')} />
        <CompanyAndAddressFields bind={f.bind} />
        <Button type="submit" busy={f.busy}>
          {t('profile.save')}
        </Button>
      </form>
    </Card>
  );
}

/** The person's own password, whichever account they work on. */
function PasswordCard() {
  const { t } = useI18n();
  const toast = useToast();
  const account = useAccount();
  // Read by the new-password rule when it runs: assigned below, once the form's values are known.
  let score: number | null = null;
  const p = useForm(
    { currentPassword: '', newPassword: '' },
    { currentPassword: required, newPassword: (v) => newPasswordRule(score)(v) },
    t,
  );
  score = usePasswordScore(p.values.newPassword, [account.firstName, account.lastName, account.email]);
  const changePassword = p.submit(async (v) => {
    await call(client.POST('/api/v1/account/password', { body: v }));
    p.setValues({ currentPassword: '', newPassword: '' });
    toast(t('profile.passwordSaved'));
  });
  return (
    <Card title={t('profile.password')}>
      <form onSubmit={changePassword} noValidate>
        {p.formError && <Alert kind="error">{p.formError}</Alert>}
        <Field
          label={t('field.currentPassword')}
          type="password"
          autoComplete="current-password"
          {...p.bind('currentPassword')}
        />
        <NewPasswordField label={t('field.newPassword')} bound={p.bind('newPassword')} score={score} />
        <Button type="submit" busy={p.busy}>
          {t('profile.passwordSave')}
        </Button>
      </form>
    </Card>
  );
}

const sessionsKey = ['account', 'sessions'];

export function Security() {
  const { t, formatDate } = useI18n();
  const toast = useToast();
  const queries = useQueryClient();
  const sessions = useQuery({
    queryKey: sessionsKey,
    queryFn: async () => (await call(client.GET('/api/v1/account/sessions'))).items,
  });
  const revoke = async (id: string) => {
    await call(client.DELETE('/api/v1/account/sessions/{id}', { params: { path: { id } } }));
    toast(t('security.revoked'));
    await queries.invalidateQueries({ queryKey: sessionsKey });
  };
  return (
    <>
      <h1>{t('security.title')}</h1>
      <Card title={t('security.sessions')}>
        {sessions.data ? (
          <Table
            caption={t('security.sessions')}
            head={[t('security.device'), t('security.ip'), t('security.lastSeen'), '']}
            rows={sessions.data.map((s) => [
              s.userAgent ?? '—',
              s.ip,
              formatDate(s.lastSeenAt),
              s.current ? (
                <span className="badge">{t('security.current')}</span>
              ) : (
                <Button
                  variant="secondary"
                  aria-label={t('security.revokeLabel', { id: s.id })}
                  onClick={() => void revoke(s.id)}
                >
                  {t('security.revoke')}
                </Button>
              ),
            ])}
          />
        ) : (
          <p>{t('common.loading')}</p>
        )}
      </Card>
      <TwoFactor mfa={accountMfa} />
    </>
  );
}

const privacyKey = ['account', 'privacy'];

export function Privacy() {
  const { t, formatDate, formatDay } = useI18n();
  const toast = useToast();
  const queries = useQueryClient();
  const account = useAccount();
  const setAccount = useSetAccount();
  const notice = useShownText('marketing');
  const terms = useQuery({
    queryKey: ['account', 'terms'],
    queryFn: async () => (await call(client.GET('/api/v1/account/terms'))).items,
  });
  const records = useQuery({
    queryKey: privacyKey,
    queryFn: async () => {
      const [c, a] = await Promise.all([
        call(client.GET('/api/v1/account/consents')),
        call(client.GET('/api/v1/account/access-history')),
      ]);
      return { consents: c.items, access: a.items };
    },
  });
  const consents = records.data?.consents ?? [];
  const given = consents.find((c) => c.purpose === 'marketing' && c.granted);
  const setMarketing = async (granted: boolean) => {
    // Recorded against the notice on screen, in its language (the page may have just switched).
    const headers = notice ? { 'accept-language': notice.language } : {};
    await call(client.PUT('/api/v1/account/consents/marketing', { body: { granted }, headers }));
    setAccount({ ...account, marketingConsent: granted });
    toast(t(granted ? 'privacy.given' : 'privacy.withdrawn'));
    await queries.invalidateQueries({ queryKey: privacyKey });
  };
  const lastTerms = terms.data?.[0];
  return (
    <>
      <h1>{t('privacy.title')}</h1>
      <Card title={t('privacy.marketing')}>
        <p>
          {account.marketingConsent && given
            ? t('privacy.marketingOn', { date: formatDay(given.recordedAt) })
            : t('privacy.marketingOff')}
        </p>
        {account.marketingConsent ? (
          <Button variant="secondary" onClick={() => void setMarketing(false)}>
            {t('privacy.withdraw')}
          </Button>
        ) : (
          // Consent is asked for only with its notice on screen.
          notice && (
            <>
              <blockquote className="notice">{notice.text}</blockquote>
              <Button variant="secondary" onClick={() => void setMarketing(true)}>
                {t('privacy.give')}
              </Button>
            </>
          )
        )}
        <h3>{t('privacy.history')}</h3>
        <Table
          caption={t('privacy.history')}
          head={[t('privacy.when'), t('privacy.what')]}
          empty="—"
          rows={consents.map((c) => [
            formatDate(c.recordedAt),
            `${t(c.granted ? 'privacy.granted' : 'privacy.refused')} (${c.noticeVersion}, ${c.noticeLanguage})`,
          ])}
        />
      </Card>
      {lastTerms && (
        <p>
          {t('terms.accepted', { version: lastTerms.version, date: formatDay(lastTerms.acceptedAt) })}{' '}
          <Link to="/terms">{t('terms.title')}</Link>
        </p>
      )}
      <Requests />
      <Card title={t('privacy.access')}>
        <p className="muted">{t('privacy.accessText')}</p>
        <AccessHistoryTable items={records.data?.access ?? []} />
      </Card>
    </>
  );
}
