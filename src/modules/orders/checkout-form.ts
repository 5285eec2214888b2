import type { FastifyRequest } from 'fastify';
import { cardExpired } from '../../core/payments/cards.js';
import type { DeclineReason } from '../../core/payments/gateway.js';

/** A submitted HTML form as the app parses it: a name given once is a string, a repeated one an array. */
export type FormFields = Record<string, string | string[] | undefined>;

/** A form post's fields (a storefront form is urlencoded; anything else is no fields at all). */
export const formOf = (request: FastifyRequest): FormFields =>
  request.body && typeof request.body === 'object' ? (request.body as FormFields) : {};

/** A form field's value: the last one given (a checkbox after its hidden default), trimmed; '' when absent. */
export function fieldOf(fields: FormFields, name: string): string {
  const v = fields[name];
  const last = Array.isArray(v) ? v.at(-1) : v;
  return typeof last === 'string' ? last.trim().slice(0, 200) : '';
}

/** What the theme's checkout form calls an address's fields, and what the JSON body calls them. */
const addressFields = {
  first_name: 'firstName',
  last_name: 'lastName',
  address1: 'line1',
  address2: 'line2',
  zip: 'postalCode',
  city: 'city',
  country_code: 'country',
  phone: 'phone',
} as const;
type FormAddressField = keyof typeof addressFields;

export interface AddressInput {
  first_name: string;
  last_name: string;
  company: string;
  address1: string;
  address2: string;
  zip: string;
  city: string;
  country_code: string;
  phone: string;
}

export interface CheckoutError {
  field?: string;
  code: string;
}

export const blankAddress = (): AddressInput => ({
  first_name: '',
  last_name: '',
  company: '',
  address1: '',
  address2: '',
  zip: '',
  city: '',
  country_code: '',
  phone: '',
});

/** An address as typed into the form (`prefix[zip]`, …); every field a trimmed string. */
export function addressFromForm(
  fields: FormFields,
  prefix: 'shipping_address' | 'billing_address' | 'address',
): AddressInput {
  const a = blankAddress();
  for (const key of Object.keys(a) as (keyof AddressInput)[]) a[key] = fieldOf(fields, `${prefix}[${key}]`);
  a.country_code = a.country_code.toUpperCase();
  return a;
}

/** The same address as the JSON body takes it: a field left empty is a field not given. */
export function addressForBody(a: AddressInput) {
  const out: Record<string, string> = {};
  for (const [form, body] of Object.entries(addressFields) as [FormAddressField, string][])
    if (a[form] !== '') out[body] = a[form];
  return out;
}

const bodyToForm = Object.fromEntries(Object.entries(addressFields).map(([f, b]) => [b, f])) as Record<
  string,
  FormAddressField
>;

/** The form's name for a field of the JSON address (`postalCode` → `zip`); unknown names are the first line. */
export const formAddressField = (bodyField: string): FormAddressField => bodyToForm[bodyField] ?? 'address1';

const typedEmpty = (value: unknown) => value === undefined || value === '';

/**
 * A JSON field path the checkout body names (`shippingAddress.postalCode`, `payment.number`) as the
 * theme's field and error code (`shipping_address.zip`, `invalid_zip`).
 */
export function formError(path: string, given: unknown): CheckoutError {
  const [head, tail] = path.split('.') as [string, string | undefined];
  const required = typedEmpty(given);
  if (head === 'email') return { field: 'email', code: required ? 'required' : 'invalid_email' };
  if ((head === 'shippingAddress' || head === 'billingAddress') && tail) {
    const prefix = head === 'shippingAddress' ? 'shipping_address' : 'billing_address';
    const field = formAddressField(tail);
    const code = required
      ? 'required'
      : tail === 'postalCode'
        ? 'invalid_zip'
        : tail === 'phone'
          ? 'invalid_phone'
          : tail === 'country'
            ? 'unsupported_country'
            : 'invalid';
    return { field: `${prefix}.${field}`, code };
  }
  if (head === 'payment') {
    if (tail === 'number') return { field: 'card.number', code: required ? 'required' : 'invalid_card_number' };
    if (tail === 'expMonth') return { field: 'card.expiry_month', code: required ? 'required' : 'invalid_expiry' };
    if (tail === 'expYear') return { field: 'card.expiry_year', code: required ? 'required' : 'invalid_expiry' };
    if (tail === 'cvc') return { field: 'card.cvc', code: required ? 'required' : 'invalid_cvc' };
    return { field: 'payment_method', code: 'required' };
  }
  if (head === 'shippingRateId') return { field: 'shipping_rate', code: 'shipping_unavailable' };
  return { code: 'invalid' };
}

/** The value a JSON path points at in a body, to tell "left empty" from "typed wrong". */
export function valueAt(body: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), body);
}

/** A card the bank refused, as the theme words it: an expired card points at its expiry, a wrong code at the code. */
export function declineError(reason: DeclineReason | null): CheckoutError {
  if (reason === 'expired_card') return { field: 'card.expiry_month', code: 'card_expired' };
  if (reason === 'incorrect_cvc') return { field: 'card.cvc', code: 'invalid_cvc' };
  return { code: 'card_declined' };
}

/** The payment step's fields as the JSON body's `payment`. */
export function paymentForBody(fields: FormFields, now: Date) {
  const method = fieldOf(fields, 'payment_method');
  if (method === 'multibanco') return { payment: { method }, expired: false };
  if (method !== 'card') return { payment: undefined, expired: false };
  const month = fieldOf(fields, 'card[expiry_month]');
  const year = fieldOf(fields, 'card[expiry_year]');
  const expMonth = /^\d{1,2}$/.test(month) ? Number(month) : month === '' ? undefined : month;
  // Two digits are this century's year, as cards print it.
  const expYear = /^\d{2}$/.test(year) ? 2000 + Number(year) : /^\d{4}$/.test(year) ? Number(year) : year || undefined;
  const payment: Record<string, unknown> = { method };
  const number = fieldOf(fields, 'card[number]');
  const cvc = fieldOf(fields, 'card[cvc]');
  if (number) payment.number = number;
  if (cvc) payment.cvc = cvc;
  if (expMonth !== undefined) payment.expMonth = expMonth;
  if (expYear !== undefined) payment.expYear = expYear;
  const expired = typeof expMonth === 'number' && typeof expYear === 'number' && cardExpired(expMonth, expYear, now);
  return { payment, expired };
}
