import type { ChangeEvent } from 'react';
import { useCountries } from '../../countries';
import { useI18n } from '../../i18n';
import type { Access } from '../../api';
import { MIN_PASSWORD_SCORE } from '../../password-strength';
import { Field, SelectField, Table } from '../../ui/ui';

type Bound = {
  name: string;
  value: string;
  error: string | undefined;
  onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => void;
  onBlur: () => void;
};
type Key = 'company' | 'nif' | 'line1' | 'line2' | 'postalCode' | 'city' | 'country';

/** Name and email: the same fields at sign-up and in the Account section. */
export function NameAndEmailFields({
  bind,
}: {
  bind: (k: 'firstName' | 'lastName' | 'email', serverField?: string) => Bound;
}) {
  const { t } = useI18n();
  return (
    <>
      <div className="row">
        <Field label={t('field.firstName')} autoComplete="given-name" {...bind('firstName')} />
        <Field label={t('field.lastName')} autoComplete="family-name" {...bind('lastName')} />
      </div>
      <Field label={t('field.email')} type="email" autoComplete="email" {...bind('email')} />
    </>
  );
}

/** The country as a list of names in the page's language; the value sent is the ISO 3166-1 code. */
function CountryField(props: Bound) {
  const { t, locale } = useI18n();
  const countries = useCountries(locale);
  // Until the names arrive, the current code is still a choice, so the value is never lost.
  const options =
    countries?.map((c) => ({ value: c.code, label: c.name })) ??
    (props.value ? [{ value: props.value, label: props.value }] : []);
  return (
    <SelectField
      label={t('field.country')}
      placeholder={t('field.countryChoose')}
      autoComplete="country"
      options={options}
      {...props}
    />
  );
}

/** Company, NIF and billing address: the same fields at sign-up and in the Account section. */
export function CompanyAndAddressFields({ bind }: { bind: (k: Key, serverField?: string) => Bound }) {
  const { t } = useI18n();
  return (
    <>
      <div className="row">
        <Field label={t('field.company')} autoComplete="organization" {...bind('company')} />
        <Field label={t('field.nif')} {...bind('nif')} />
      </div>
      <Field label={t('field.line1')} autoComplete="address-line1" {...bind('line1', 'address.line1')} />
      <Field label={t('field.line2')} autoComplete="address-line2" {...bind('line2', 'address.line2')} />
      <div className="row">
        <Field label={t('field.postalCode')} autoComplete="postal-code" {...bind('postalCode', 'address.postalCode')} />
        <Field label={t('field.city')} autoComplete="address-level2" {...bind('city', 'address.city')} />
      </div>
      <CountryField {...bind('country', 'address.country')} />
    </>
  );
}

/** A new password with its strength shown as it is typed (zxcvbn, the person's name and email counting as guessable). */
export function NewPasswordField({ label, bound, score }: { label: string; bound: Bound; score: number | null }) {
  const { t } = useI18n();
  return (
    <>
      <Field label={label} type="password" autoComplete="new-password" hint={t('field.passwordHint')} {...bound} />
      {bound.value !== '' && (
        <div className="strength" aria-live="polite">
          {score === null ? (
            <span>{t('password.checking')}</span>
          ) : (
            <>
              <meter
                min={0}
                max={4}
                low={MIN_PASSWORD_SCORE - 0.5}
                high={MIN_PASSWORD_SCORE + 0.5}
                optimum={4}
                value={score}
                aria-hidden="true"
              />
              <span>{t('password.strength', { level: t(`password.level.${score as 0 | 1 | 2 | 3 | 4}`) })}</span>
            </>
          )}
        </div>
      )}
    </>
  );
}

/** The API's address object from the form's flat values. */
export function addressPayload(v: { line1: string; line2: string; postalCode: string; city: string; country: string }) {
  return {
    line1: v.line1,
    ...(v.line2 ? { line2: v.line2 } : {}),
    postalCode: v.postalCode,
    city: v.city,
    country: v.country,
  };
}

/** Sign-ins with their IP and time: shown to the customer (T2) and, audited, to staff. */
export function AccessHistoryTable({ items }: { items: Access[] }) {
  const { t, formatDate } = useI18n();
  return (
    <Table
      caption={t('privacy.access')}
      head={[t('privacy.when'), t('privacy.what'), t('security.ip')]}
      rows={items.map((a) => [
        formatDate(a.at),
        t(a.kind === 'login' ? 'privacy.kind.login' : 'privacy.kind.signup'),
        a.ip,
      ])}
    />
  );
}
