import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, type Access, type Account, type Consent } from '../../api';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { AccessHistoryTable } from '../account/ProfileFields';
import { Alert, Button, Card, Field, Table, useToast } from '../../ui/ui';

interface Summary { id: string; firstName: string; lastName: string; email: string; company: string | null; country: string; createdAt: string }
interface Block { id: string; kind: string; ip: string | null; accountId: string | null; reason: string; until: string }
interface Entry { seq: number; at: string; actorKind: string; actorId: string | null; action: string; targetKind: string | null; targetId: string | null }
interface Chain { ok: boolean; checked: number; firstBadSeq?: number; reason?: string }

export function StaffNav() {
  const { t } = useI18n();
  return (
    <nav aria-label={t('staff.nav')} className="subnav">
      <Link to="/staff/accounts">{t('staff.accounts')}</Link>
      <Link to="/staff/blocks">{t('staff.blocks')}</Link>
      <Link to="/staff/requests">{t('staff.requests')}</Link>
      <Link to="/staff/processors">{t('processors.title')}</Link>
      <Link to="/staff/audit">{t('staff.audit')}</Link>
      <Link to="/staff/two-factor">{t('staff.twoFactor')}</Link>
    </nav>
  );
}

export function StaffAccounts() {
  const { t, formatDate } = useI18n();
  const [q, setQ] = useState(new URLSearchParams(location.search).get('q') ?? '');
  const [items, setItems] = useState<Summary[] | null>(null);
  const latest = useRef(0);
  const search = async (e?: FormEvent) => {
    e?.preventDefault();
    history.replaceState(null, '', q ? `/staff/accounts?q=${encodeURIComponent(q)}` : '/staff/accounts');
    const mine = ++latest.current;
    const result = (await api<{ items: Summary[] }>('GET', `/api/v1/staff/accounts?q=${encodeURIComponent(q)}`)).items;
    // A slower earlier search must not overwrite the answer to the newest one.
    if (mine === latest.current) setItems(result);
  };
  useEffect(() => { void search(); }, []);
  return (
    <>
      <h1>{t('staff.accounts')}</h1>
      <Card>
        <form role="search" onSubmit={(e) => void search(e)} className="inline-form">
          <Field label={t('field.search')} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          <Button type="submit">{t('staff.searchButton')}</Button>
        </form>
        {items ? (
          <Table caption={t('staff.accounts')} empty={t('staff.noResults')} head={[t('staff.name'), t('field.email'), t('staff.country'), t('staff.created'), '']}
            rows={items.map((a) => [`${a.firstName} ${a.lastName}`, a.email, a.country, formatDate(a.createdAt),
              <Link key={a.id} to={`/staff/accounts/${a.id}`} aria-label={`${t('staff.open')} ${a.email}`}>{t('staff.open')}</Link>])} />
        ) : <p>{t('common.loading')}</p>}
      </Card>
    </>
  );
}

export function StaffAccount({ id }: { id: string }) {
  const { t, formatDate } = useI18n();
  const toast = useToast();
  const [data, setData] = useState<{ account: Account; accessHistory: Access[]; consents: Consent[]; restrictions: { id: string; purpose: string; since: string }[] } | null>(null);
  useEffect(() => { void api<typeof data>('GET', `/api/v1/staff/accounts/${encodeURIComponent(id)}`).then(setData); }, [id]);
  const lift = async (restrictionId: string) => {
    const r = await api<{ liftAt: string }>('POST', `/api/v1/staff/privacy/restrictions/${restrictionId}/lift`);
    toast(t('staff.liftScheduled', { date: formatDate(r.liftAt) }));
  };
  if (!data) return <p>{t('common.loading')}</p>;
  const a = data.account;
  return (
    <>
      <h1>{t('staff.accountTitle', { id: a.id })}</h1>
      <Alert>{t('staff.auditNote')}</Alert>
      {data.restrictions.map((r) => (
        <Alert key={r.id} kind="error">
          {t('staff.restricted', { purpose: r.purpose, date: formatDate(r.since) })}{' '}
          <Button variant="secondary" onClick={() => void lift(r.id)}>{t('staff.liftRestriction')}</Button>
        </Alert>
      ))}
      <Card title={`${a.firstName} ${a.lastName}`}>
        <dl className="facts">
          <dt>{t('field.email')}</dt><dd>{a.email}</dd>
          <dt>{t('field.phone')}</dt><dd>{a.phone}</dd>
          <dt>{t('field.company')}</dt><dd>{a.company ?? '—'}</dd>
          <dt>{t('field.nif')}</dt><dd>{a.nif ?? '—'}</dd>
          <dt>{t('field.line1')}</dt><dd>{[a.address.line1, a.address.line2, a.address.postalCode, a.address.city, a.address.country].filter(Boolean).join(', ')}</dd>
          <dt>{t('privacy.marketing')}</dt><dd>{t(a.marketingConsent ? 'common.yes' : 'common.no')}</dd>
        </dl>
      </Card>
      <Card title={t('privacy.access')}>
        <AccessHistoryTable items={data.accessHistory} />
      </Card>
      <Link to="/staff/accounts">{t('common.back')}</Link>
    </>
  );
}

export function StaffBlocks() {
  const { t, formatDate } = useI18n();
  const toast = useToast();
  const [items, setItems] = useState<Block[] | null>(null);
  const load = () => api<{ items: Block[] }>('GET', '/api/v1/staff/security/blocks').then((r) => setItems(r.items));
  useEffect(() => { void load(); }, []);
  const lift = async (id: string) => { await api('DELETE', `/api/v1/staff/security/blocks/${id}`); toast(t('staff.lifted')); await load(); };
  return (
    <>
      <h1>{t('staff.blocks')}</h1>
      <Card>
        {items ? (
          <Table caption={t('staff.blocks')} empty={t('staff.noBlocks')} head={[t('staff.blockIp'), t('staff.reason'), t('staff.until'), '']}
            rows={items.map((b) => [b.ip ?? b.accountId ?? b.kind, b.reason, formatDate(b.until),
              <Button key={b.id} variant="secondary" aria-label={t('staff.liftLabel', { id: b.id })} onClick={() => void lift(b.id)}>{t('staff.lift')}</Button>])} />
        ) : <p>{t('common.loading')}</p>}
      </Card>
    </>
  );
}

export function StaffAudit() {
  const { t, formatDate } = useI18n();
  const [items, setItems] = useState<Entry[] | null>(null);
  const [chain, setChain] = useState<Chain | null>(null);
  useEffect(() => {
    void api<{ items: Entry[] }>('GET', '/api/v1/staff/audit?limit=100').then((r) => setItems(r.items));
    void api<Chain>('GET', '/api/v1/staff/audit/verify').then(setChain);
  }, []);
  return (
    <>
      <h1>{t('staff.audit')}</h1>
      {chain && (chain.ok
        ? <Alert kind="success">{t('staff.chainOk', { count: chain.checked })}</Alert>
        : <Alert kind="error">{t('staff.chainBroken', { seq: chain.firstBadSeq ?? '?', reason: chain.reason ?? '' })}</Alert>)}
      <Card>
        {items ? (
          <Table caption={t('staff.audit')} head={['#', t('staff.when'), t('staff.actor'), t('staff.action'), t('staff.target')]}
            rows={items.map((e) => [e.seq, formatDate(e.at), `${e.actorKind}${e.actorId ? ` ${e.actorId}` : ''}`, <code key={e.seq}>{e.action}</code>, e.targetId ? `${e.targetKind} ${e.targetId}` : '—'])} />
        ) : <p>{t('common.loading')}</p>}
      </Card>
    </>
  );
}
