import { useState } from 'react';
import { ApiError, api } from '../../api';
import { useI18n } from '../../i18n';
import { Link, useRouter } from '../../router';
import { emailRule, required, useForm } from '../../ui/form';
import { Alert, Button, Card, Field } from '../../ui/ui';

/** Sign-in for merchants and staff: email and password, then the code when two-factor is on. */
export function SignIn<T>({ staff = false, onSignedIn }: { staff?: boolean; onSignedIn: (who: T) => void }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const [needCode, setNeedCode] = useState(false);
  const f = useForm({ email: '', password: '', code: '' }, { email: emailRule, password: required, ...(needCode ? { code: required } : {}) }, t);
  const onSubmit = f.submit(async (v) => {
    try {
      const who = await api<T>('POST', staff ? '/api/v1/staff/auth/login' : '/api/v1/auth/login', {
        email: v.email, password: v.password, ...(needCode && v.code ? { code: v.code } : {}),
      });
      onSignedIn(who);
      navigate(staff ? '/staff/accounts' : '/account');
    } catch (e) {
      if (e instanceof ApiError && e.type.endsWith(':mfa_required') && !needCode) {
        setNeedCode(true);
        return;
      }
      throw e;
    }
  });
  return (
    <div className="narrow">
      <h1>{t(staff ? 'staffSignIn.title' : 'signIn.title')}</h1>
      <Card>
        <form onSubmit={onSubmit} noValidate>
          {f.formError && <Alert kind="error">{f.formError}</Alert>}
          <Field label={t('field.email')} type="email" autoComplete="username" {...f.bind('email')} />
          <Field label={t('field.password')} type="password" autoComplete="current-password" {...f.bind('password')} />
          {needCode && <Field label={t('field.code')} inputMode="numeric" autoComplete="one-time-code" hint={t('signIn.codeHelp')} autoFocus {...f.bind('code')} />}
          <Button type="submit" busy={f.busy}>{t('signIn.submit')}</Button>
        </form>
      </Card>
      {!staff && <p>{t('signIn.noAccount')} <Link to="/signup">{t('nav.signUp')}</Link></p>}
    </div>
  );
}
