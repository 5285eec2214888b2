import { useState, type ChangeEvent, type FormEvent } from 'react';
import { ApiError } from '../api';
import type { MessageKey } from '../i18n/en';
import { MIN_PASSWORD_SCORE } from '../password-strength';

export type Rule = (value: string) => MessageKey | null;
export const required: Rule = (v) => (v.trim() ? null : 'error.required');
export const emailRule: Rule = (v) =>
  !v.trim() ? 'error.required' : /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) ? null : 'error.email';
export const passwordRule: Rule = (v) => ([...v].length >= 12 ? null : 'error.passwordLength');
/** Long enough, and (once the estimator has scored it) hard enough to guess. */
export const newPasswordRule =
  (score: number | null): Rule =>
  (v) =>
    passwordRule(v) ?? (score !== null && score < MIN_PASSWORD_SCORE ? 'error.passwordWeak' : null);
export const countryRule: Rule = (v) => (/^[A-Z]{2}$/.test(v) ? null : 'error.country');

/**
 * Form state that validates as the user types (after a field is first touched) and shows the
 * server's problem+json field errors next to the right field.
 */
export function useForm<K extends string>(
  initial: Record<K, string>,
  rules: Partial<Record<K, Rule>>,
  t: (k: MessageKey) => string,
) {
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<Partial<Record<K, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const clientError = (k: K) => {
    const r = rules[k];
    const m = r ? r(values[k]) : null;
    return m ? t(m) : undefined;
  };
  const error = (k: K, serverField: string = k) =>
    serverErrors[serverField] ?? (touched[k] ? clientError(k) : undefined);

  const bind = (k: K, serverField: string = k) => ({
    name: k,
    value: values[k],
    error: error(k, serverField),
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
      setValues((v) => ({ ...v, [k]: e.target.value }));
      setTouched((x) => ({ ...x, [k]: true }));
      setServerErrors((s) => {
        const { [serverField]: _, ...rest } = s;
        return rest;
      });
    },
    onBlur: () => setTouched((x) => ({ ...x, [k]: true })),
  });

  /** Runs `action` when every rule passes; maps an ApiError onto fields or the form. */
  const submit = (action: (v: Record<K, string>) => Promise<void>) => async (e: FormEvent) => {
    e.preventDefault();
    setTouched(Object.fromEntries(Object.keys(values).map((k) => [k, true])) as Record<K, boolean>);
    setFormError(null);
    if ((Object.keys(values) as K[]).some((k) => clientError(k))) return;
    setBusy(true);
    try {
      await action(values);
    } catch (err) {
      if (err instanceof ApiError) {
        setServerErrors(err.fieldErrors());
        setFormError(
          err.status === 0
            ? t('error.network')
            : err.type.endsWith(':invalid_credentials')
              ? t('error.credentials')
              : err.status === 429
                ? t('error.blocked')
                : err.errors.length
                  ? null
                  : err.message,
        );
      } else {
        setFormError(t('error.generic'));
      }
    } finally {
      setBusy(false);
    }
  };

  return { values, setValues, bind, submit, busy, formError, setServerErrors };
}
