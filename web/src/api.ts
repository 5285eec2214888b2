/** The browser's side of the API: JSON in, JSON out, problem+json turned into an ApiError. */
export interface FieldError { field: string; message: string }

export class ApiError extends Error {
  constructor(readonly status: number, readonly type: string, message: string, readonly errors: FieldError[] = []) {
    super(message);
  }
  fieldErrors(): Record<string, string> {
    return Object.fromEntries(this.errors.map((e) => [e.field, e.message]));
  }
}

export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method, credentials: 'same-origin',
      // The page's language (set by the i18n provider): consent notices are recorded in the language shown.
      headers: { 'accept-language': document.documentElement.lang || navigator.language, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, data.type ?? '', data.detail ?? res.statusText, data.errors ?? []);
  return data as T;
}

export interface Account {
  id: string; firstName: string; lastName: string; email: string; phone: string; company: string | null; nif: string | null;
  address: { line1: string; line2: string | null; postalCode: string; city: string; country: string };
  marketingConsent: boolean; status: string; createdAt: string;
}
export interface Session { id: string; ip: string; userAgent: string | null; createdAt: string; lastSeenAt: string; current: boolean }
export interface Consent { id: string; purpose: string; granted: boolean; noticeVersion: string; noticeLanguage: string; method: string; recordedAt: string }
export interface Access { kind: 'signup' | 'login'; ip: string; userAgent: string | null; at: string }
export interface MfaStatus { totpEnabled: boolean; recoveryCodesLeft: number }
export interface Enrolment { secret: string; otpauthUri: string; qrSvg: string }
export interface Staff { id: string; email: string; name: string; roles: string[]; mfaRequired: boolean }
