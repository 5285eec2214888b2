import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { call, client } from '../../api';
import { useI18n } from '../../i18n';
import { AccessHistoryTable } from '../account/ProfileFields';
import { Alert, Button, Card, Field, Table, useToast } from '../../ui/ui';

/**
 * Staff reads of someone's data are audited on the server: each time a page shows them it asks
 * again (never stale), and nothing is kept once the page is left.
 */
const audited = { staleTime: 0, gcTime: 0 } as const;

export function StaffAccounts() {
  const { t, formatDay } = useI18n();
  const { q = '' } = useSearch({ from: '/staff/accounts' });
  const navigate = useNavigate({ from: '/staff/accounts' });
  const [draft, setDraft] = useState(q);
  // The query is the address's `q`: a slower earlier search can never show under a newer one.
  const results = useQuery({
    queryKey: ['staff', 'accounts', q],
    queryFn: async () => (await call(client.GET('/api/v1/staff/accounts', { params: { query: { q } } }))).items,
    ...audited,
  });
  const search = (e: FormEvent) => {
    e.preventDefault();
    void navigate({ search: draft ? { q: draft } : {}, replace: true });
  };
  return (
    <>
      <h1>{t('staff.accounts')}</h1>
      <Card>
        <form role="search" onSubmit={search} className="inline-form">
          <Field label={t('field.search')} type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
          <Button type="submit">{t('staff.searchButton')}</Button>
        </form>
        {results.data ? (
          <Table
            caption={t('staff.accounts')}
            empty={t('staff.noResults')}
            head={[t('staff.name'), t('field.email'), t('staff.country'), t('staff.created'), '']}
            rows={results.data.map((a) => [
              `${a.firstName} ${a.lastName}`,
              a.email,
              a.country,
              formatDay(a.createdAt),
              <Link
                key={a.id}
                to="/staff/accounts/$id"
                params={{ id: a.id }}
                aria-label={`${t('staff.open')} ${a.email}`}
              >
                {t('staff.open')}
              </Link>,
            ])}
          />
        ) : (
          <p>{t('common.loading')}</p>
        )}
      </Card>
    </>
  );
}

export function StaffAccount() {
  const { t, formatDate, formatDay } = useI18n();
  const toast = useToast();
  const { id } = useParams({ from: '/staff/accounts/$id' });
  const detail = useQuery({
    queryKey: ['staff', 'account', id],
    queryFn: () => call(client.GET('/api/v1/staff/accounts/{id}', { params: { path: { id } } })),
    ...audited,
  });
  const lift = async (restrictionId: string) => {
    const r = await call(
      client.POST('/api/v1/staff/privacy/restrictions/{id}/lift', { params: { path: { id: restrictionId } } }),
    );
    toast(t('staff.liftScheduled', { date: formatDay(r.liftAt) }));
  };
  if (!detail.data) return <p>{t('common.loading')}</p>;
  const data = detail.data;
  const a = data.account;
  return (
    <>
      <h1>{t('staff.accountTitle', { id: a.id })}</h1>
      <Alert>{t('staff.auditNote')}</Alert>
      {data.restrictions.map((r) => (
        <Alert key={r.id} kind="error">
          {t('staff.restricted', { purpose: r.purpose, date: formatDate(r.since) })}{' '}
          <Button variant="secondary" onClick={() => void lift(r.id)}>
            {t('staff.liftRestriction')}
          </Button>
        </Alert>
      ))}
      <Card title={`${a.firstName} ${a.lastName}`}>
        <dl className="facts">
          <dt>{t('field.email')}</dt>
          <dd>{a.email}</dd>
          <dt>{t('field.phone')}</dt>
          <dd>{a.phone}</dd>
          <dt>{t('field.company')}</dt>
          <dd>{a.company ?? '—'}</dd>
          <dt>{t('field.nif')}</dt>
          <dd>{a.nif ?? '—'}</dd>
          <dt>{t('field.line1')}</dt>
          <dd>
            {[a.address.line1, a.address.line2, a.address.postalCode, a.address.city, a.address.country]
              .filter(Boolean)
              .join(', ')}
          </dd>
          <dt>{t('privacy.marketing')}</dt>
          <dd>{t(a.marketingConsent ? 'common.yes' : 'common.no')}</dd>
        </dl>
      </Card>
      <Card title={t('privacy.access')}>
        <AccessHistoryTable items={data.accessHistory} />
      </Card>
      <Link to="/staff/accounts">{t('common.back')}</Link>
    </>
  );
}

const blocksKey = ['staff', 'blocks'];

export function StaffBlocks() {
  const { t, formatDate } = useI18n();
  const toast = useToast();
  const queries = useQueryClient();
  const blocks = useQuery({
    queryKey: blocksKey,
    queryFn: async () => (await call(client.GET('/api/v1/staff/security/blocks'))).items,
    ...audited,
  });
  const lift = async (id: string) => {
    await call(client.DELETE('/api/v1/staff/security/blocks/{id}', { params: { path: { id } } }));
    toast(t('staff.lifted'));
    await queries.invalidateQueries({ queryKey: blocksKey });
  };
  return (
    <>
      <h1>{t('staff.blocks')}</h1>
      <Card>
        {blocks.data ? (
          <Table
            caption={t('staff.blocks')}
            empty={t('staff.noBlocks')}
            head={[t('staff.blockIp'), t('staff.reason'), t('staff.until'), '']}
            rows={blocks.data.map((b) => [
              b.ip ?? b.accountId ?? b.kind,
              b.reason,
              formatDate(b.until),
              <Button
                key={b.id}
                variant="secondary"
                aria-label={t('staff.liftLabel', { id: b.id })}
                onClick={() => void lift(b.id)}
              >
                {t('staff.lift')}
              </Button>,
            ])}
          />
        ) : (
          <p>{t('common.loading')}</p>
        )}
      </Card>
    </>
  );
}

export function StaffAudit() {
  const { t, formatDate } = useI18n();
  const entries = useQuery({
    queryKey: ['staff', 'audit'],
    queryFn: async () => (await call(client.GET('/api/v1/staff/audit', { params: { query: { limit: 100 } } }))).items,
    staleTime: 0,
  });
  const chain = useQuery({
    queryKey: ['staff', 'audit-chain'],
    queryFn: () => call(client.GET('/api/v1/staff/audit/verify')),
    staleTime: 0,
  }).data;
  return (
    <>
      <h1>{t('staff.audit')}</h1>
      {chain &&
        (chain.ok ? (
          <Alert kind="success">{t('staff.chainOk', { count: chain.checked })}</Alert>
        ) : (
          <Alert kind="error">
            {t('staff.chainBroken', { seq: chain.firstBadSeq ?? '?', reason: chain.reason ?? '' })}
          </Alert>
        ))}
      <Card>
        {entries.data ? (
          <Table
            caption={t('staff.audit')}
            head={['#', t('staff.when'), t('staff.actor'), t('staff.action'), t('staff.target')]}
            rows={entries.data.map((e) => [
              e.seq,
              formatDate(e.at),
              `${e.actorKind}${e.actorId ? ` ${e.actorId}` : ''}`,
              <code key={e.seq}>{e.action}</code>,
              e.targetId ? `${e.targetKind} ${e.targetId}` : '—',
            ])}
          />
        ) : (
          <p>{t('common.loading')}</p>
        )}
      </Card>
    </>
  );
}
