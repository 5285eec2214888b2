import { useState } from 'react';
import { api, type Account } from '../../api';
import { useI18n } from '../../i18n';
import { Link, useRouter } from '../../router';
import { useShownText } from '../../useShownText';
import { countryRule, emailRule, passwordRule, required, useForm } from '../../ui/form';
import { Alert, Button, Card, Checkbox, Field } from '../../ui/ui';
import { addressPayload, CompanyAndAddressFields, NameAndEmailFields } from '../account/ProfileFields';

export function SignUp({ onSignedIn }: { onSignedIn: (a: Account) => void }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const [marketing, setMarketing] = useState(false);
  const [acceptTerms, setAcceptTerms] = useState(false);
  const [termsError, setTermsError] = useState(false);
  const notice = useShownText('/api/v1/consent/notices/marketing');
  const f = useForm(
    { firstName: '', lastName: '', email: '', password: '', phone: '', company: '', nif: '', line1: '', line2: '', postalCode: '', city: '', country: '' },
    { firstName: required, lastName: required, email: emailRule, password: passwordRule, phone: required, line1: required, postalCode: required, city: required, country: countryRule },
    t,
  );
  const onSubmit = f.submit(async (v) => {
    if (!acceptTerms) { setTermsError(true); return; }
    const account = await api<Account>('POST', '/api/v1/auth/signup', {
      firstName: v.firstName, lastName: v.lastName, email: v.email, password: v.password, phone: v.phone,
      ...(v.company ? { company: v.company } : {}), ...(v.nif ? { nif: v.nif } : {}),
      address: addressPayload(v),
      marketingConsent: marketing, acceptTerms,
    });
    onSignedIn(account);
    navigate('/account');
  });
  return (
    <div className="narrow">
      <h1>{t('signUp.title')}</h1>
      <Card>
        <form onSubmit={onSubmit} noValidate>
          {f.formError && <Alert kind="error">{f.formError}</Alert>}
          <NameAndEmailFields bind={f.bind} />
          <Field label={t('field.password')} type="password" autoComplete="new-password" hint={t('field.passwordHint')} {...f.bind('password')} />
          <Field label={t('field.phone')} type="tel" autoComplete="tel" {...f.bind('phone')} />
          <CompanyAndAddressFields bind={f.bind} />
          <Checkbox label={<>{t('signUp.acceptTerms')} <Link to="/terms">{t('terms.title')}</Link></>} checked={acceptTerms}
            error={termsError ? t('signUp.termsRequired') : undefined} onChange={(e) => { setAcceptTerms(e.target.checked); setTermsError(false); }} />
          {notice && <Checkbox label={notice.text} checked={marketing} onChange={(e) => setMarketing(e.target.checked)} />}
          <Button type="submit" busy={f.busy}>{t('signUp.submit')}</Button>
        </form>
      </Card>
      <p>{t('signUp.haveAccount')} <Link to="/signin">{t('nav.signIn')}</Link></p>
    </div>
  );
}
