import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { call, client } from '../../api';
import { useI18n } from '../../i18n';
import { Button, Card, Field, Table, useToast } from '../../ui/ui';

const queueKey = ['staff', 'privacy-requests'];

/** The privacy team's queue: by due date, overdue ones marked; approve, refuse with a reason, extend once. */
export function StaffRequests() {
  const { t, formatDay } = useI18n();
  const toast = useToast();
  const queries = useQueryClient();
  const [reason, setReason] = useState('');
  const queue = useQuery({
    queryKey: queueKey,
    queryFn: async () => {
      const open = (status: 'received' | 'in_progress') =>
        call(client.GET('/api/v1/staff/privacy/requests', { params: { query: { status } } }));
      const [received, progress] = await Promise.all([open('received'), open('in_progress')]);
      return [...received.items, ...progress.items].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    },
    staleTime: 0,
  });
  const act = async (id: string, action: 'approve' | 'refuse' | 'extend') => {
    const path = { params: { path: { id } } };
    if (action === 'approve') await call(client.POST('/api/v1/staff/privacy/requests/{id}/approve', path));
    else if (action === 'extend')
      await call(client.POST('/api/v1/staff/privacy/requests/{id}/extend', { ...path, body: { months: 2, reason } }));
    else await call(client.POST('/api/v1/staff/privacy/requests/{id}/refuse', { ...path, body: { reason } }));
    toast(t('staff.requestDone'));
    await queries.invalidateQueries({ queryKey: queueKey });
  };
  return (
    <>
      <h1>{t('staff.requests')}</h1>
      <Card>
        <Field label={t('staff.requestReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
        {queue.data ? (
          <Table
            caption={t('staff.requests')}
            empty={t('staff.noRequests')}
            head={['#', t('requests.type'), t('requests.status'), t('requests.due'), '']}
            rows={queue.data.map((r) => [
              <Link key="id" to="/staff/requests/$id" params={{ id: r.id }}>
                {r.id}
              </Link>,
              t(`requests.type.${r.type}`),
              t(`requests.status.${r.status}`),
              <span key="due">
                {formatDay(r.dueAt)}
                {r.overdue ? <strong className="overdue"> · {t('staff.overdue')}</strong> : null}
              </span>,
              r.status === 'received' ? (
                <div key="a" className="actions" role="group" aria-label={t('staff.actionsFor', { id: r.id })}>
                  <Button variant="secondary" onClick={() => void act(r.id, 'approve')}>
                    {t('staff.approve')}
                  </Button>
                  <Button
                    variant="secondary"
                    disabled={reason.trim().length < 10}
                    onClick={() => void act(r.id, 'extend')}
                  >
                    {t('staff.extend')}
                  </Button>
                  <Button
                    variant="danger"
                    disabled={reason.trim().length < 10}
                    onClick={() => void act(r.id, 'refuse')}
                  >
                    {t('staff.refuse')}
                  </Button>
                </div>
              ) : (
                ''
              ),
            ])}
          />
        ) : (
          <p>{t('common.loading')}</p>
        )}
      </Card>
    </>
  );
}

/** One request with its whole history (from the audit log). */
export function StaffRequest() {
  const { t, formatDate, formatDay } = useI18n();
  const { id } = useParams({ from: '/staff/requests/$id' });
  const detail = useQuery({
    queryKey: ['staff', 'privacy-request', id],
    queryFn: () => call(client.GET('/api/v1/staff/privacy/requests/{id}', { params: { path: { id } } })),
    staleTime: 0,
    gcTime: 0,
  });
  if (!detail.data) return <p>{t('common.loading')}</p>;
  const r = detail.data.request;
  return (
    <>
      <h1>{t('staff.requestTitle', { id: r.id })}</h1>
      <Card>
        <dl className="facts">
          <dt>{t('requests.type')}</dt>
          <dd>{t(`requests.type.${r.type}`)}</dd>
          <dt>{t('requests.status')}</dt>
          <dd>
            {t(`requests.status.${r.status}`)}
            {r.overdue ? <strong className="overdue"> · {t('staff.overdue')}</strong> : null}
          </dd>
          <dt>{t('requests.due')}</dt>
          <dd>{formatDay(r.dueAt)}</dd>
          <dt>{t('staff.account')}</dt>
          <dd>
            {r.accountId ? (
              <Link to="/staff/accounts/$id" params={{ id: r.accountId }}>
                {r.accountId}
              </Link>
            ) : (
              '—'
            )}
          </dd>
          <dt>{t('publicRequest.details')}</dt>
          <dd>{r.details ?? '—'}</dd>
          {r.extensionReason && (
            <>
              <dt>{t('staff.extend')}</dt>
              <dd>{r.extensionReason}</dd>
            </>
          )}
          {r.refusalReason && (
            <>
              <dt>{t('staff.refuse')}</dt>
              <dd>{r.refusalReason}</dd>
            </>
          )}
        </dl>
      </Card>
      <Card title={t('staff.history')}>
        <Table
          caption={t('staff.history')}
          head={[t('staff.when'), t('staff.actor'), t('staff.action')]}
          rows={detail.data.history.map((h) => [
            formatDate(h.at),
            `${h.actorKind}${h.actorId ? ` ${h.actorId}` : ''}`,
            <code key="a">{h.action}</code>,
          ])}
        />
      </Card>
      <Link to="/staff/requests">{t('common.back')}</Link>
    </>
  );
}
