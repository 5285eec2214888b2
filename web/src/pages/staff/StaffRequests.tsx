import { useEffect, useState } from 'react';
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
              r.id, t(`requests.type.${r.type}`), t(`requests.status.${r.status}`),
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
