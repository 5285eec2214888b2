import { useEffect, useState } from 'react';
import { Link } from '../../router';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import type { PrivacyRequest } from '../account/Requests';
import { Button, Card, Field, Table, useToast } from '../../ui/ui';

/** The privacy team's queue: by due date, overdue ones marked; approve, refuse with a reason, extend once. */
export function StaffRequests() {
  const { t, formatDate } = useI18n();
  const toast = useToast();
  const [items, setItems] = useState<(PrivacyRequest & { accountId: string | null })[] | null>(null);
  const [reason, setReason] = useState('');
  const load = async () => {
    const [received, progress] = await Promise.all([
      api<{ items: (PrivacyRequest & { accountId: string | null })[] }>('GET', '/api/v1/staff/privacy/requests?status=received'),
      api<{ items: (PrivacyRequest & { accountId: string | null })[] }>('GET', '/api/v1/staff/privacy/requests?status=in_progress'),
    ]);
    setItems([...received.items, ...progress.items].sort((a, b) => a.dueAt.localeCompare(b.dueAt)));
  };
  useEffect(() => { void load(); }, []);
  const act = async (id: string, action: 'approve' | 'refuse' | 'extend') => {
    const body = action === 'approve' ? undefined : action === 'extend' ? { months: 2, reason } : { reason };
    await api('POST', `/api/v1/staff/privacy/requests/${id}/${action}`, body);
    toast(t('staff.requestDone'));
    await load();
  };
  return (
    <>
      <h1>{t('staff.requests')}</h1>
      <Card>
        <Field label={t('staff.requestReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
        {items ? (
          <Table caption={t('staff.requests')} empty={t('staff.noRequests')} head={['#', t('requests.type'), t('requests.status'), t('requests.due'), '']}
            rows={items.map((r) => [
              <Link key="id" to={`/staff/requests/${r.id}`}>{r.id}</Link>, t(`requests.type.${r.type}`), t(`requests.status.${r.status}`),
              <span key="due">{formatDate(r.dueAt)}{r.overdue ? <strong className="overdue"> · {t('staff.overdue')}</strong> : null}</span>,
              r.status === 'received' ? (
                <div key="a" className="actions" role="group" aria-label={t('staff.actionsFor', { id: r.id })}>
                  <Button variant="secondary" onClick={() => void act(r.id, 'approve')}>{t('staff.approve')}</Button>
                  <Button variant="secondary" disabled={reason.trim().length < 10} onClick={() => void act(r.id, 'extend')}>{t('staff.extend')}</Button>
                  <Button variant="danger" disabled={reason.trim().length < 10} onClick={() => void act(r.id, 'refuse')}>{t('staff.refuse')}</Button>
                </div>
              ) : '',
            ])} />
        ) : <p>{t('common.loading')}</p>}
      </Card>
    </>
  );
}

interface History { at: string; actorKind: string; actorId: string | null; action: string }

/** One request with its whole history (from the audit log). */
export function StaffRequest({ id }: { id: string }) {
  const { t, formatDate } = useI18n();
  const [data, setData] = useState<{ request: PrivacyRequest & { accountId: string | null; details: string | null; extensionReason: string | null }; history: History[] } | null>(null);
  useEffect(() => { void api<typeof data>('GET', `/api/v1/staff/privacy/requests/${encodeURIComponent(id)}`).then(setData); }, [id]);
  if (!data) return <p>{t('common.loading')}</p>;
  const r = data.request;
  return (
    <>
      <h1>{t('staff.requestTitle', { id: r.id })}</h1>
      <Card>
        <dl className="facts">
          <dt>{t('requests.type')}</dt><dd>{t(`requests.type.${r.type}`)}</dd>
          <dt>{t('requests.status')}</dt><dd>{t(`requests.status.${r.status}`)}{r.overdue ? <strong className="overdue"> · {t('staff.overdue')}</strong> : null}</dd>
          <dt>{t('requests.due')}</dt><dd>{formatDate(r.dueAt)}</dd>
          <dt>{t('staff.account')}</dt><dd>{r.accountId ? <Link to={`/staff/accounts/${r.accountId}`}>{r.accountId}</Link> : '—'}</dd>
          <dt>{t('publicRequest.details')}</dt><dd>{r.details ?? '—'}</dd>
          {r.extensionReason && <><dt>{t('staff.extend')}</dt><dd>{r.extensionReason}</dd></>}
          {r.refusalReason && <><dt>{t('staff.refuse')}</dt><dd>{r.refusalReason}</dd></>}
        </dl>
      </Card>
      <Card title={t('staff.history')}>
        <Table caption={t('staff.history')} head={[t('staff.when'), t('staff.actor'), t('staff.action')]}
          rows={data.history.map((h) => [formatDate(h.at), `${h.actorKind}${h.actorId ? ` ${h.actorId}` : ''}`, <code key="a">{h.action}</code>])} />
      </Card>
      <Link to="/staff/requests">{t('common.back')}</Link>
    </>
  );
}
