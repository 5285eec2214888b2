import { useMutation, useQuery } from '@tanstack/react-query';
import { useSearch } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { ApiError, call, client } from '../../api';
import { useI18n } from '../../i18n';
import { emailRule, useForm } from '../../ui/form';
import { Alert, Button, Card, Field } from '../../ui/ui';

const types = ['access', 'portability', 'rectification', 'restriction', 'erasure', 'objection'] as const;

/** The public form for anyone not signed in; the email is verified with a one-time link. */
export function PublicRequest() {
  const { t } = useI18n();
  const selectId = useId();
  const [type, setType] = useState<(typeof types)[number]>('access');
  const [sent, setSent] = useState(false);
  const f = useForm({ email: '', details: '' }, { email: emailRule }, t);
  const send = f.submit(async (v) => {
    await call(
      client.POST('/api/v1/privacy/public-requests', {
        body: { email: v.email, type, ...(v.details ? { details: v.details } : {}) },
      }),
    );
    setSent(true);
  });
  return (
    <div className="narrow">
      <h1>{t('publicRequest.title')}</h1>
      <p>{t('publicRequest.text')}</p>
      <Card>
        {sent ? (
          <Alert kind="success">{t('publicRequest.sent')}</Alert>
        ) : (
          <form onSubmit={send} noValidate>
            {f.formError && <Alert kind="error">{f.formError}</Alert>}
            <Field label={t('field.email')} type="email" autoComplete="email" {...f.bind('email')} />
            <div className="field">
              <label htmlFor={selectId}>{t('publicRequest.type')}</label>
              <select
                id={selectId}
                className="select"
                value={type}
                onChange={(e) => setType(e.target.value as (typeof types)[number])}
              >
                {types.map((x) => (
                  <option key={x} value={x}>
                    {t(`requests.type.${x}`)}
                  </option>
                ))}
              </select>
            </div>
            <Field label={t('publicRequest.details')} {...f.bind('details')} />
            <Button type="submit" busy={f.busy}>
              {t('publicRequest.submit')}
            </Button>
          </form>
        )}
      </Card>
    </div>
  );
}

export function VerifyPublicRequest() {
  const { t, formatDay } = useI18n();
  const { token = '' } = useSearch({ from: '/public/privacy/request/verify' });
  // The link is single-use: one query per token, never refetched, so it is sent once however often the page renders.
  const verified = useQuery({
    queryKey: ['public-request-verification', token],
    queryFn: () => call(client.POST('/api/v1/privacy/public-requests/verify', { body: { token } })),
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
  });
  const error = verified.error
    ? verified.error instanceof ApiError
      ? verified.error.message
      : t('error.generic')
    : null;
  return (
    <div className="narrow">
      <h1>{t('publicRequest.title')}</h1>
      {verified.data ? (
        <>
          <Alert kind="success">
            {t('publicRequest.verified', { date: formatDay(verified.data.dueAt), id: verified.data.id })}
          </Alert>
          {verified.data.forwardedTo.length > 0 && (
            <>
              <p>{t('publicRequest.forwarded')}</p>
              <ul>
                {verified.data.forwardedTo.map((shop) => (
                  <li key={shop}>{shop}</li>
                ))}
              </ul>
            </>
          )}
        </>
      ) : error ? (
        <Alert kind="error">{error}</Alert>
      ) : (
        <p>{t('publicRequest.verifying')}</p>
      )}
    </div>
  );
}

/**
 * The answer to a public access request: the emailed link opens this page, and the archive is
 * fetched with the token in a POST body (so it stays out of server logs and browser history).
 */
export function DownloadPublicAnswer() {
  const { t } = useI18n();
  const { token = '' } = useSearch({ from: '/public/privacy/request/download' });
  const download = useMutation({
    mutationFn: async () => {
      const blob = await call(
        client.POST('/api/v1/privacy/public-requests/download', { body: { token }, parseAs: 'blob' }),
      );
      const url = URL.createObjectURL(blob as Blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = 'sellrocket-my-data.zip';
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
  });
  const error = download.error
    ? download.error instanceof ApiError && download.error.status !== 0
      ? download.error.message
      : t('error.generic')
    : null;
  return (
    <div className="narrow">
      <h1>{t('publicRequest.downloadTitle')}</h1>
      <p>{t('publicRequest.downloadText')}</p>
      {error && <Alert kind="error">{error}</Alert>}
      {download.isSuccess && <Alert kind="success">{t('publicRequest.downloaded')}</Alert>}
      <Button type="button" busy={download.isPending} onClick={() => download.mutate()}>
        {t('publicRequest.download')}
      </Button>
    </div>
  );
}
