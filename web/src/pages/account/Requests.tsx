import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { call, client } from '../../api';
import { useI18n } from '../../i18n';
import { required, useForm } from '../../ui/form';
import { Alert, Button, Card, Field, Table, useToast } from '../../ui/ui';

const requestsKey = ['account', 'privacy-requests'];

/** Customer-area requests (D1, D4, D5): ask, follow the status and due date, download the archive. */
export function Requests() {
  const { t, formatDay } = useI18n();
  const toast = useToast();
  const queries = useQueryClient();
  const [asking, setAsking] = useState<'access' | 'erasure' | null>(null);
  const f = useForm({ confirmPassword: '' }, { confirmPassword: required }, t);
  const items =
    useQuery({ queryKey: requestsKey, queryFn: async () => (await call(client.GET('/api/v1/privacy/requests'))).items })
      .data ?? [];
  const send = f.submit(async (v) => {
    if (!asking) return;
    const created = await call(
      client.POST('/api/v1/privacy/requests', { body: { type: asking, confirmPassword: v.confirmPassword } }),
    );
    toast(t('requests.sent', { date: formatDay(created.dueAt) }));
    setAsking(null);
    f.setValues({ confirmPassword: '' });
    await queries.invalidateQueries({ queryKey: requestsKey });
  });
  return (
    <Card title={t('requests.title')}>
      <p>{t('requests.text')}</p>
      {asking ? (
        <form onSubmit={send} noValidate>
          {asking === 'erasure' && <Alert kind="error">{t('requests.erasureWarning')}</Alert>}
          {f.formError && <Alert kind="error">{f.formError}</Alert>}
          <Field
            label={t('requests.confirm')}
            type="password"
            autoComplete="current-password"
            {...f.bind('confirmPassword')}
          />
          <div className="inline-form">
            <Button type="submit" variant={asking === 'erasure' ? 'danger' : 'primary'} busy={f.busy}>
              {t('requests.submit')}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setAsking(null)}>
              {t('common.back')}
            </Button>
          </div>
        </form>
      ) : (
        <div className="inline-form">
          <Button variant="secondary" onClick={() => setAsking('access')}>
            {t('requests.access')}
          </Button>
          <Button variant="secondary" onClick={() => setAsking('erasure')}>
            {t('requests.erasure')}
          </Button>
        </div>
      )}
      {items.length > 0 && (
        <Table
          caption={t('requests.title')}
          head={[t('requests.type'), t('requests.status'), t('requests.due'), '']}
          rows={items.map((r) => [
            t(`requests.type.${r.type}`),
            r.status === 'refused' && r.refusalReason
              ? t('requests.refused', { reason: r.refusalReason })
              : t(`requests.status.${r.status}`),
            formatDay(r.dueAt),
            r.downloadUrl ? (
              <a key="d" href={r.downloadUrl} download>
                {t('requests.download')}
              </a>
            ) : (
              ''
            ),
          ])}
        />
      )}
    </Card>
  );
}
