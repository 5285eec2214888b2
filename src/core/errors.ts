/**
 * One error type for expected failures. The HTTP layer maps each code to a status and a
 * problem+json body once (src/core/http/problem.ts).
 */
export const errorCodes = {
  validation: { status: 422, title: 'Invalid input' },
  unauthenticated: { status: 401, title: 'Not signed in' },
  /** Wrong email or password: one code for both so the answer never tells which. */
  invalid_credentials: { status: 401, title: 'Invalid credentials' },
  /** Password accepted; the sign-in needs the second factor (field `code`) to finish. */
  mfa_required: { status: 401, title: 'Two-factor code required' },
  /** Staff whose policy requires two-factor sign-in may only enrol until they have. */
  mfa_enrolment_required: { status: 403, title: 'Two-factor enrolment required' },
  forbidden: { status: 403, title: 'Forbidden' },
  csrf: { status: 403, title: 'Cross-site request refused' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  /** An upload over its size limit (UPLOAD_LIMIT_BYTES). */
  too_large: { status: 413, title: 'Content too large' },
  /** The card was refused by its bank (or the gateway): nothing was charged. */
  payment_declined: { status: 402, title: 'Payment declined' },
  /** A temporary block after repeated failures or a request burst (S1). */
  blocked: { status: 429, title: 'Too many requests' },
  unavailable: { status: 503, title: 'Service unavailable' },
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly errors: FieldError[] | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, detail: string, opts: { errors?: FieldError[]; retryAfterSeconds?: number } = {}) {
    // An expected outcome is answered as problem+json and never logged, so it needs no stack trace;
    // capturing one was 10% of the CPU of a signed-out session check (issue #8).
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(detail);
    Error.stackTraceLimit = stackTraceLimit;
    this.code = code;
    this.errors = opts.errors;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }
}

export function validationError(errors: FieldError[], detail = 'Some fields are not valid.'): AppError {
  return new AppError('validation', detail, { errors });
}
