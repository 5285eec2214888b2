import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { call, client } from '../../api';
import { useI18n } from '../../i18n';
import { returnPath } from '../../return-path';
import { usePasswordScore } from '../../password-strength';
import { useSignedIn } from '../../session';
import { useShownText } from '../../useShownText';
import { countryRule, emailRule, newPasswordRule, required, useForm } from '../../ui/form';
import { Alert, Button, Card, Checkbox, Field } from '../../ui/ui';
import {
  addressPayload,
  CompanyAndAddressFields,
  NameAndEmailFields,
  NewPasswordField,
} from '../account/ProfileFields';

export function SignUp() {
  const { t } = useI18n();
  const navigate = useNavigate();
  // Back to the page that sent here (an invitation, say) once the account is open.
  const next = returnPath(useSearch({ from: '/public/signup' }).next);
  const signedIn = useSignedIn();
  // The hash of the notice the box was ticked under: a notice in another language (after a switch) is not agreed to yet.
  const [agreedNotice, setAgreedNotice] = useState<string | null>(null);
  const [acceptTerms, setAcceptTerms] = useState(false);
  const [termsError, setTermsError] = useState(false);
  const notice = useShownText('marketing');
  // Read by the password rule when it runs: assigned below, once the form's values are known.
  let score: number | null = null;
  const f = useForm(
    {
      firstName: '',
      lastName: '',
      email: '',
      password: '',
      phone: '',
      company: '',
      nif: '',
      line1: '',
      line2: '',
      postalCode: '',
      city: '',
      country: '',
    },
    {
      firstName: required,
      lastName: required,
      email: emailRule,
      password: (v) => newPasswordRule(score)(v),
      phone: required,
      line1: required,
      postalCode: required,
      city: required,
      country: countryRule,
    },
    t,
  );
  score = usePasswordScore(f.values.password, [f.values.firstName, f.values.lastName, f.values.email]);
  const marketing = notice !== null && agreedNotice === notice.hash;
  const onSubmit = f.submit(async (v) => {
    if (!acceptTerms) {
      setTermsError(true);
      return;
    }
    const account = await call(
      client.POST('/api/v1/auth/signup', {
        body: {
          firstName: v.firstName,
          lastName: v.lastName,
          email: v.email,
          password: v.password,
          phone: v.phone,
          ...(v.company ? { company: v.company } : {}),
          ...(v.nif ? { nif: v.nif } : {}),
          address: addressPayload(v),
          marketingConsent: marketing,
          acceptTerms,
        },
      }),
    );
    signedIn(account);
    await (next ? navigate({ href: next }) : navigate({ to: '/account' }));
  });
  return (
    <div className="narrow">
      <h1>{t('signUp.title')}</h1>
      <Card>
        <form onSubmit={onSubmit} noValidate>
          {f.formError && <Alert kind="error">{f.formError}</Alert>}
          <NameAndEmailFields bind={f.bind} />
          <NewPasswordField label={t('field.password')} bound={f.bind('password')} score={score} />
          <Field label={t('field.phone')} type="tel" autoComplete="tel" {...f.bind('phone')} />
          <CompanyAndAddressFields bind={f.bind} />
          <Checkbox
            label={
              <>
                {t('signUp.acceptTerms')} <Link to="/terms">{t('terms.title')}</Link>
              </>
            }
            checked={acceptTerms}
            error={termsError ? t('signUp.termsRequired') : undefined}
            onChange={(e) => {
              setAcceptTerms(e.target.checked);
              setTermsError(false);
            }}
          />
          {notice && (
            <Checkbox
              label={notice.text}
              checked={marketing}
              onChange={(e) => setAgreedNotice(e.target.checked ? notice.hash : null)}
            />
          )}
          <Button type="submit" busy={f.busy}>
            {t('signUp.submit')}
          </Button>
        </form>
      </Card>
      <p>
        {t('signUp.haveAccount')}{' '}
        <Link to="/signin" search={next ? { next } : {}}>
          {t('nav.signIn')}
        </Link>
      </p>
    </div>
  );
}
