import type { VatNumberCheck, ViesAnswer } from './vies.js';

/** The form `VatNumberCheck.check` accepts: two letters (EL for Greece), then 2–13 letters and digits. */
const wellFormed = /^[A-Z]{2}[0-9A-Z]{2,13}$/;

/**
 * VIES error codes that say something about the number itself. Every other code (MS_UNAVAILABLE,
 * SERVICE_UNAVAILABLE, TIMEOUT, MS_MAX_CONCURRENT_REQ, GLOBAL_MAX_CONCURRENT_REQ, their _TIME
 * variants, VAT_BLOCKED, IP_BLOCKED, INVALID_REQUESTER_INFO, and any code added later) says only
 * that no answer could be had this time.
 */
const numberErrors = new Set(['INVALID_INPUT']);

/**
 * The real VIES client (T5): the European Commission's REST service,
 * `POST {baseUrl}/check-vat-number` with `{"countryCode":"DE","vatNumber":"123456789"}`, answered
 * with `{"valid":true|false,…}` or, when VIES could not answer, `{"actionSucceed":false,
 * "errorWrappers":[{"error":"MS_UNAVAILABLE"}]}`. Its documented base URL is
 * `https://ec.europa.eu/taxation_customs/vies/rest-api`.
 *
 * Why "unavailable" is not "invalid": VIES relays each question to the member state's own
 * registry, and those are down, overloaded or slow often enough to matter. A failure to get an
 * answer — a member state's service down, a concurrency limit, VIES's or our own timeout, an HTTP
 * 5xx, a network error, a reply we cannot read — says nothing about whether the number is
 * registered. Reporting it as "invalid" would wrongly tell a customer their number was refused (and
 * could be recorded as such); the caller decides what an unanswered question means (billing charges
 * the state's VAT and records `unavailable`). Only `valid:false` and INVALID_INPUT are "invalid".
 *
 * The VAT number identifies a business or, for sole traders, a person: this client logs nothing,
 * and its errors never leave it (every failure becomes "unavailable").
 */
export function viesRestClient(opts: { baseUrl: string; timeoutMs?: number; fetch?: typeof fetch }): VatNumberCheck {
  const url = `${opts.baseUrl.replace(/\/+$/, '')}/check-vat-number`;
  const timeoutMs = opts.timeoutMs ?? 8000;
  const doFetch = opts.fetch ?? fetch;

  return {
    async check(vatNumber): Promise<ViesAnswer> {
      if (!wellFormed.test(vatNumber)) return 'invalid';
      const body = JSON.stringify({ countryCode: vatNumber.slice(0, 2), vatNumber: vatNumber.slice(2) });
      try {
        const response = await doFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (response.status >= 500) {
          await response.body?.cancel();
          return 'unavailable';
        }
        // The body is read under the same timeout signal: a reply that stalls midway is unavailable too.
        return answerOf(response.ok, await response.json().catch(() => undefined));
      } catch {
        // Network error, refused connection, our timeout (AbortSignal.timeout): no answer, not a "no".
        return 'unavailable';
      }
    },
  };
}

/**
 * Reads a VIES reply (any status below 500): a verdict on the number, or "unavailable". Error codes
 * count whatever the status (VIES sends them with 200 as well as 4xx); `valid` counts only on a 2xx
 * reply that reports no failure.
 */
function answerOf(ok: boolean, reply: unknown): ViesAnswer {
  if (typeof reply !== 'object' || reply === null) return 'unavailable';
  const { valid, actionSucceed, errorWrappers } = reply as Record<string, unknown>;
  if (Array.isArray(errorWrappers) && errorWrappers.length > 0) {
    const codes = errorWrappers.map((w: unknown) =>
      typeof w === 'object' && w !== null ? (w as { error?: unknown }).error : undefined,
    );
    return codes.every((c) => typeof c === 'string' && numberErrors.has(c)) ? 'invalid' : 'unavailable';
  }
  if (!ok || actionSucceed === false) return 'unavailable';
  if (valid === true) return 'valid';
  if (valid === false) return 'invalid';
  return 'unavailable';
}
