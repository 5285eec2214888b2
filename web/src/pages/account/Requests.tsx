import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { required, useForm } from '../../ui/form';
import { Alert, Button, Card, Field, Table, useToast } from '../../ui/ui';

export interface PrivacyRequest {
  id: string; type: 'access' | 'portability' | 'rectification' | 'restriction' | 'erasure' | 'objection';
  status: 'received' | 'in_progress' | 'completed' | 'refused'; createdAt: string; dueAt: string;
  refusalReason: string | null; downloadUrl: string | null; overdue: boolean;
}

/** Customer-area requests (D1, D4, D5): ask, follow the status and due date, download the archive. */
export function Requests() {
  const { t, formatDate } = useI18n();
  const toast = useToast();
  const [items, setItems] = useState<PrivacyRequest[]>([]);
  const [asking, setAsking] = useState<'access' | 'erasure' | null>(null);
  const f = useForm({ confirmPassword: '' }, { confirmPassword: required }, t);
  const load = () => api<{ items: PrivacyRequest[] }>('GET', '/api/v1/privacy/requests').then((r) => setItems(r.items));
  useEffect(() => { void load(); }, []);
  const send = f.submit(async (v) => {
    const created = await api<PrivacyRequest>('POST', '/api/v1/privacy/requests', { type: asking, confirmPassword: v.confirmPassword });
    toast(t('requests.sent', { date: formatDate(created.dueAt) }));
    setAsking(null);
    f.setValues({ confirmPassword: '' });
    await load();
  });
  return (
    <Card title={t('requests.title')}>
      <p>{t('requests.text')}</p>
      {asking ? (
        <form onSubmit={send} noValidate>
          {asking === 'erasure' && <Alert kind="error">{t('requests.erasureWarning')}</Alert>}
          {f.formError && <Alert kind="error">{f.formError}</Alert>}
          <Field label={t('requests.confirm')} type="password" autoComplete="current-password" {...f.bind('confirmPassword')} />
          <div className="inline-form">
            <Button type="submit" variant={asking === 'erasure' ? 'danger' : 'primary'} busy={f.busy}>{t('requests.submit')}</Button>
            <Button type="button" variant="secondary" onClick={() => setAsking(null)}>{t('common.back')}</Button>
          </div>
        </form>
      ) : (
        <div className="inline-form">
          <Button variant="secondary" onClick={() => setAsking('access')}>{t('requests.access')}</Button>
          <Button variant="secondary" onClick={() => setAsking('erasure')}>{t('requests.erasure')}</Button>
        </div>
      )}
      {items.length > 0 && (
        <Table caption={t('requests.title')} head={[t('requests.type'), t('requests.status'), t('requests.due'), '']}
          rows={items.map((r) => [
            t(`requests.type.${r.type}`),
            r.status === 'refused' && r.refusalReason ? t('requests.refused', { reason: r.refusalReason }) : t(`requests.status.${r.status}`),
            formatDate(r.dueAt),
            r.downloadUrl ? <a key="d" href={r.downloadUrl} download>{t('requests.download')}</a> : '',
          ])} />
      )}
    </Card>
  );
}
