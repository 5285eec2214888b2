import type { ChangeEvent } from 'react';
import { useI18n } from '../../i18n';
import type { Access } from '../../api';
import { Field, Table } from '../../ui/ui';

type Bound = { name: string; value: string; error: string | undefined; onChange: (e: ChangeEvent<HTMLInputElement>) => void; onBlur: () => void };
type Key = 'company' | 'nif' | 'line1' | 'line2' | 'postalCode' | 'city' | 'country';

/** Name and email: the same fields at sign-up and in the Account section. */
export function NameAndEmailFields({ bind }: { bind: (k: 'firstName' | 'lastName' | 'email', serverField?: string) => Bound }) {
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
        <Field label={t('field.country')} autoComplete="country" maxLength={2} {...bind('country', 'address.country')} />
      </div>
    </>
  );
}

/** The API's address object from the form's flat values. */
export function addressPayload(v: { line1: string; line2: string; postalCode: string; city: string; country: string }) {
  return { line1: v.line1, ...(v.line2 ? { line2: v.line2 } : {}), postalCode: v.postalCode, city: v.city, country: v.country.toUpperCase() };
}

/** Sign-ins with their IP and time: shown to the customer (T2) and, audited, to staff. */
export function AccessHistoryTable({ items }: { items: Access[] }) {
  const { t, formatDate } = useI18n();
  return (
    <Table caption={t('privacy.access')} head={[t('privacy.when'), t('privacy.what'), t('security.ip')]}
      rows={items.map((a) => [formatDate(a.at), t(a.kind === 'login' ? 'privacy.kind.login' : 'privacy.kind.signup'), a.ip])} />
  );
}
