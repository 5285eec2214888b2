import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { required, useForm } from '../../ui/form';
import { Alert, Button, Card, Field, useToast } from '../../ui/ui';
import type { MfaApi } from './mfa-api';

/** Enrol, show recovery codes once, or turn off: the same for merchants and staff. */
export function TwoFactor({ mfa, onChange }: { mfa: MfaApi; onChange?: (enabled: boolean) => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const queries = useQueryClient();
  const status = useQuery({ queryKey: mfa.key, queryFn: mfa.status });
  const [enrolment, setEnrolment] = useState<Awaited<ReturnType<MfaApi['start']>> | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const f = useForm({ code: '' }, { code: required }, t);
  // Turning it on needs the current password too (the server signs out the other sessions).
  const enrolForm = useForm({ code: '', currentPassword: '' }, { code: required, currentPassword: required }, t);
  const reload = () => queries.invalidateQueries({ queryKey: mfa.key });

  const start = async () => setEnrolment(await mfa.start());
  const confirm = enrolForm.submit(async (v) => {
    const res = await mfa.confirm(v.code, v.currentPassword);
    setEnrolment(null);
    setCodes(res.recoveryCodes);
    enrolForm.setValues({ code: '', currentPassword: '' });
    await reload();
    onChange?.(true);
  });
  const disable = f.submit(async (v) => {
    await mfa.disable(v.code);
    f.setValues({ code: '' });
    toast(t('security.disabled'));
    await reload();
    onChange?.(false);
  });

  if (!status.data)
    return (
      <Card title={t('security.twoFactor')}>
        <p>{t('common.loading')}</p>
      </Card>
    );
  return (
    <Card title={t('security.twoFactor')}>
      {codes && (
        <Alert kind="success">
          <h3>{t('security.recoveryTitle')}</h3>
          <p>{t('security.recoveryText')}</p>
          <ul className="codes" aria-label={t('security.recoveryTitle')}>
            {codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <Button variant="secondary" onClick={() => setCodes(null)}>
            {t('security.done')}
          </Button>
        </Alert>
      )}
      {status.data.totpEnabled ? (
        <form onSubmit={disable} noValidate>
          <p>{t('security.twoFactorOn', { count: status.data.recoveryCodesLeft })}</p>
          <Field label={t('field.code')} inputMode="numeric" autoComplete="one-time-code" {...f.bind('code')} />
          <Button type="submit" variant="danger" busy={f.busy}>
            {t('security.disable')}
          </Button>
        </form>
      ) : enrolment ? (
        <form onSubmit={confirm} noValidate>
          <p>{t('security.scan')}</p>
          <img
            className="qr"
            src={`data:image/svg+xml;base64,${btoa(enrolment.qrSvg)}`}
            alt={t('security.qrAlt')}
            width={200}
            height={200}
          />
          <p>
            {t('security.secret')}: <code data-testid="totp-secret">{enrolment.secret}</code>
          </p>
          <Field label={t('field.code')} inputMode="numeric" autoComplete="one-time-code" {...enrolForm.bind('code')} />
          <Field
            label={t('field.currentPassword')}
            type="password"
            autoComplete="current-password"
            {...enrolForm.bind('currentPassword')}
          />
          {enrolForm.formError && <Alert kind="error">{enrolForm.formError}</Alert>}
          <Button type="submit" busy={enrolForm.busy}>
            {t('security.confirm')}
          </Button>
        </form>
      ) : (
        <>
          <p>{t('security.twoFactorOff')}</p>
          <Button onClick={() => void start()}>{t('security.enable')}</Button>
        </>
      )}
    </Card>
  );
}
