import { useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError, call, client } from '../../api';
import { useI18n } from '../../i18n';
import { returnPath } from '../../return-path';
import { staffSession, useSignedIn } from '../../session';
import { emailRule, required, useForm } from '../../ui/form';
import { Alert, Button, Card, Field } from '../../ui/ui';

/**
 * Sign-in for merchants and staff: email and password, then the code when two-factor is on. From
 * the sign-in pages it goes on to the area, or back to the page that sent there (`next`, a path on
 * this site: the route checks it); shown in place of an area's page, it stays on that page.
 */
export function SignIn({ staff = false }: { staff?: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const next = returnPath(useSearch({ strict: false }).next);
  const queries = useQueryClient();
  const signedIn = useSignedIn();
  const [needCode, setNeedCode] = useState(false);
  const f = useForm(
    { email: '', password: '', code: '' },
    { email: emailRule, password: required, ...(needCode ? { code: required } : {}) },
    t,
  );
  const onSubmit = f.submit(async (v) => {
    const body = { email: v.email, password: v.password, ...(needCode && v.code ? { code: v.code } : {}) };
    try {
      if (staff) {
        await call(client.POST('/api/v1/staff/auth/login', { body }));
        // The session answer also says whether two-factor enrolment must come first.
        await queries.fetchQuery({ ...staffSession, staleTime: 0 });
        if (pathname === '/staff/signin') await navigate({ to: '/staff/accounts' });
      } else {
        signedIn(await call(client.POST('/api/v1/auth/login', { body })));
        if (pathname === '/signin') await (next ? navigate({ href: next }) : navigate({ to: '/account' }));
      }
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
          {needCode && (
            <Field
              label={t('field.code')}
              inputMode="numeric"
              autoComplete="one-time-code"
              hint={t('signIn.codeHelp')}
              autoFocus
              {...f.bind('code')}
            />
          )}
          <Button type="submit" busy={f.busy}>
            {t('signIn.submit')}
          </Button>
        </form>
      </Card>
      {!staff && (
        <p>
          {t('signIn.noAccount')}{' '}
          <Link to="/signup" search={pathname === '/signin' && next ? { next } : {}}>
            {t('nav.signUp')}
          </Link>
        </p>
      )}
    </div>
  );
}
