import { useEffect, useId, useRef, useState } from 'react';
import { ApiError, api } from '../../api';
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
    await api('POST', '/api/v1/privacy/public-requests', { email: v.email, type, ...(v.details ? { details: v.details } : {}) });
    setSent(true);
  });
  return (
    <div className="narrow">
      <h1>{t('publicRequest.title')}</h1>
      <p>{t('publicRequest.text')}</p>
      <Card>
        {sent ? <Alert kind="success">{t('publicRequest.sent')}</Alert> : (
          <form onSubmit={send} noValidate>
            {f.formError && <Alert kind="error">{f.formError}</Alert>}
            <Field label={t('field.email')} type="email" autoComplete="email" {...f.bind('email')} />
            <div className="field">
              <label htmlFor={selectId}>{t('publicRequest.type')}</label>
              <select id={selectId} className="select" value={type} onChange={(e) => setType(e.target.value as (typeof types)[number])}>
                {types.map((x) => <option key={x} value={x}>{t(`requests.type.${x}`)}</option>)}
              </select>
            </div>
            <Field label={t('publicRequest.details')} {...f.bind('details')} />
            <Button type="submit" busy={f.busy}>{t('publicRequest.submit')}</Button>
          </form>
        )}
      </Card>
    </div>
  );
}

export function VerifyPublicRequest() {
  const { t, formatDate } = useI18n();
  const [state, setState] = useState<{ id?: string; dueAt?: string; error?: string }>({});
  const started = useRef(false);
  useEffect(() => {
    // The link is single-use: never send it twice (React may run an effect twice in development).
    if (started.current) return;
    started.current = true;
    const token = new URLSearchParams(location.search).get('token') ?? '';
    api<{ id: string; dueAt: string }>('POST', '/api/v1/privacy/public-requests/verify', { token })
      .then((r) => setState({ id: r.id, dueAt: r.dueAt }))
      .catch((e: unknown) => setState({ error: e instanceof ApiError ? e.message : t('error.generic') }));
  }, []);
  return (
    <div className="narrow">
      <h1>{t('publicRequest.title')}</h1>
      {state.dueAt ? <Alert kind="success">{t('publicRequest.verified', { date: formatDate(state.dueAt), id: state.id ?? '' })}</Alert>
        : state.error ? <Alert kind="error">{state.error}</Alert> : <p>{t('publicRequest.verifying')}</p>}
    </div>
  );
}

/**
 * The answer to a public access request: the emailed link opens this page, and the archive is
 * fetched with the token in a POST body (so it stays out of server logs and browser history).
 */
export function DownloadPublicAnswer() {
  const { t } = useI18n();
  const [state, setState] = useState<{ busy?: boolean; done?: boolean; error?: string }>({});
  const download = async () => {
    setState({ busy: true });
    const token = new URLSearchParams(location.search).get('token') ?? '';
    try {
      const res = await fetch('/api/v1/privacy/public-requests/download', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
      if (!res.ok) {
        const problem = await res.json().catch(() => ({}));
        setState({ error: problem.detail ?? t('error.generic') });
        return;
      }
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = 'sellrocket-my-data.zip';
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState({ done: true });
    } catch {
      setState({ error: t('error.generic') });
    }
  };
  return (
    <div className="narrow">
      <h1>{t('publicRequest.downloadTitle')}</h1>
      <p>{t('publicRequest.downloadText')}</p>
      {state.error && <Alert kind="error">{state.error}</Alert>}
      {state.done && <Alert kind="success">{t('publicRequest.downloaded')}</Alert>}
      <Button type="button" busy={state.busy ?? false} onClick={() => void download()}>{t('publicRequest.download')}</Button>
    </div>
  );
}
