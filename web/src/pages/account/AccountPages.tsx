import { useEffect, useState } from 'react';
import { api, type Access, type Account, type Consent, type MfaStatus, type Session } from '../../api';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { useShownText } from '../../useShownText';
import { countryRule, emailRule, passwordRule, required, useForm } from '../../ui/form';
import { Alert, Button, Card, Field, Table, useToast } from '../../ui/ui';
import { AccessHistoryTable, addressPayload, CompanyAndAddressFields, NameAndEmailFields } from './ProfileFields';
import { Requests } from './Requests';
import { TwoFactor } from './TwoFactor';

export function AccountNav() {
  const { t } = useI18n();
  return (
    <nav aria-label={t('account.nav')} className="subnav">
      <Link to="/account">{t('account.overview')}</Link>
      <Link to="/account/profile">{t('account.profile')}</Link>
      <Link to="/account/security">{t('account.security')}</Link>
      <Link to="/account/privacy">{t('account.privacy')}</Link>
    </nav>
  );
}

export function Overview({ account }: { account: Account }) {
  const { t, formatDate } = useI18n();
  const [mfa, setMfa] = useState<MfaStatus | null>(null);
  useEffect(() => { void api<MfaStatus>('GET', '/api/v1/account/mfa').then(setMfa); }, []);
  return (
    <>
      <h1>{t('overview.title', { name: account.firstName })}</h1>
      <p className="lead">{t('overview.text')}</p>
      <Card>
        <dl className="facts">
          <dt>{t('overview.email')}</dt><dd>{account.email}</dd>
          <dt>{t('overview.since')}</dt><dd>{formatDate(account.createdAt)}</dd>
          <dt>{t('overview.twoFactor')}</dt><dd>{mfa ? t(mfa.totpEnabled ? 'overview.on' : 'overview.off') : t('common.loading')}</dd>
        </dl>
      </Card>
    </>
  );
}

export function Profile({ account, onUpdated }: { account: Account; onUpdated: (a: Account) => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const f = useForm({
    firstName: account.firstName, lastName: account.lastName, email: account.email, phone: account.phone,
    company: account.company ?? '', nif: account.nif ?? '', line1: account.address.line1, line2: account.address.line2 ?? '',
    postalCode: account.address.postalCode, city: account.address.city, country: account.address.country,
  }, { firstName: required, lastName: required, email: emailRule, phone: required, line1: required, postalCode: required, city: required, country: countryRule }, t);
  const save = f.submit(async (v) => {
    const updated = await api<Account>('PATCH', '/api/v1/account', {
      firstName: v.firstName, lastName: v.lastName, email: v.email, phone: v.phone, company: v.company || null, nif: v.nif || null,
      address: addressPayload(v),
    });
    onUpdated(updated);
    toast(t('profile.saved'));
  });
  const p = useForm({ currentPassword: '', newPassword: '' }, { currentPassword: required, newPassword: passwordRule }, t);
  const changePassword = p.submit(async (v) => {
    await api('POST', '/api/v1/account/password', v);
    p.setValues({ currentPassword: '', newPassword: '' });
    toast(t('profile.passwordSaved'));
  });
  return (
    <>
      <h1>{t('profile.title')}</h1>
      <Card title={t('profile.personal')}>
        <form onSubmit={save} noValidate>
          {f.formError && <Alert kind="error">{f.formError}</Alert>}
          <NameAndEmailFields bind={f.bind} />
          <Field label={t('field.phone')} type="tel" autoComplete="tel" {...f.bind('phone')} />
          <CompanyAndAddressFields bind={f.bind} />
          <Button type="submit" busy={f.busy}>{t('profile.save')}</Button>
        </form>
      </Card>
      <Card title={t('profile.password')}>
        <form onSubmit={changePassword} noValidate>
          {p.formError && <Alert kind="error">{p.formError}</Alert>}
          <Field label={t('field.currentPassword')} type="password" autoComplete="current-password" {...p.bind('currentPassword')} />
          <Field label={t('field.newPassword')} type="password" autoComplete="new-password" hint={t('field.passwordHint')} {...p.bind('newPassword')} />
          <Button type="submit" busy={p.busy}>{t('profile.passwordSave')}</Button>
        </form>
      </Card>
    </>
  );
}

export function Security() {
  const { t, formatDate } = useI18n();
  const toast = useToast();
  const [sessions, setSessions] = useState<Session[] | null>(null);
  const load = () => api<{ items: Session[] }>('GET', '/api/v1/account/sessions').then((r) => setSessions(r.items));
  useEffect(() => { void load(); }, []);
  const revoke = async (id: string) => {
    await api('DELETE', `/api/v1/account/sessions/${id}`);
    toast(t('security.revoked'));
    await load();
  };
  return (
    <>
      <h1>{t('security.title')}</h1>
      <Card title={t('security.sessions')}>
        {sessions ? (
          <Table caption={t('security.sessions')} head={[t('security.device'), t('security.ip'), t('security.lastSeen'), '']}
            rows={sessions.map((s) => [
              s.userAgent ?? '—', s.ip, formatDate(s.lastSeenAt),
              s.current ? <span className="badge">{t('security.current')}</span>
                : <Button variant="secondary" aria-label={t('security.revokeLabel', { id: s.id })} onClick={() => void revoke(s.id)}>{t('security.revoke')}</Button>,
            ])} />
        ) : <p>{t('common.loading')}</p>}
      </Card>
      <TwoFactor base="/api/v1/account/mfa" />
    </>
  );
}

export function Privacy({ account, onUpdated }: { account: Account; onUpdated: (a: Account) => void }) {
  const { t, formatDate } = useI18n();
  const toast = useToast();
  const [consents, setConsents] = useState<Consent[]>([]);
  const notice = useShownText('/api/v1/consent/notices/marketing');
  const [terms, setTerms] = useState<{ version: string; acceptedAt: string }[]>([]);
  useEffect(() => { void api<{ items: { version: string; acceptedAt: string }[] }>('GET', '/api/v1/account/terms').then((r) => setTerms(r.items)); }, []);
  const [access, setAccess] = useState<Access[]>([]);
  const load = async () => {
    const [c, a] = await Promise.all([
      api<{ items: Consent[] }>('GET', '/api/v1/account/consents'),
      api<{ items: Access[] }>('GET', '/api/v1/account/access-history'),
    ]);
    setConsents(c.items);
    setAccess(a.items);
  };
  useEffect(() => { void load(); }, []);
  const given = consents.find((c) => c.purpose === 'marketing' && c.granted);
  const setMarketing = async (granted: boolean) => {
    await api('PUT', '/api/v1/account/consents/marketing', { granted });
    onUpdated({ ...account, marketingConsent: granted });
    toast(t(granted ? 'privacy.given' : 'privacy.withdrawn'));
    await load();
  };
  return (
    <>
      <h1>{t('privacy.title')}</h1>
      <Card title={t('privacy.marketing')}>
        <p>{account.marketingConsent && given ? t('privacy.marketingOn', { date: formatDate(given.recordedAt) }) : t('privacy.marketingOff')}</p>
        {account.marketingConsent
          ? <Button variant="secondary" onClick={() => void setMarketing(false)}>{t('privacy.withdraw')}</Button>
          : <>{notice && <blockquote className="notice">{notice.text}</blockquote>}<Button variant="secondary" onClick={() => void setMarketing(true)}>{t('privacy.give')}</Button></>}
        <h3>{t('privacy.history')}</h3>
        <Table caption={t('privacy.history')} head={[t('privacy.when'), t('privacy.what')]} empty="—"
          rows={consents.map((c) => [formatDate(c.recordedAt), `${t(c.granted ? 'privacy.granted' : 'privacy.refused')} (${c.noticeVersion}, ${c.noticeLanguage})`])} />
      </Card>
      {terms[0] && <p>{t('terms.accepted', { version: terms[0].version, date: formatDate(terms[0].acceptedAt) })} <Link to="/terms">{t('terms.title')}</Link></p>}
      <Requests />
      <Card title={t('privacy.access')}>
        <p className="muted">{t('privacy.accessText')}</p>
        <AccessHistoryTable items={access} />
      </Card>
    </>
  );
}
