import createClient from 'openapi-fetch';
import type { paths } from './schema';

/** A field the server rejected, as problem+json names it. */
export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }
  fieldErrors(): Record<string, string> {
    return Object.fromEntries(this.errors.map((e) => [e.field, e.message]));
  }
}

let language = 'en';
/**
 * The language every request names in Accept-Language: the one on screen, set by the i18n provider
 * before anything is fetched, so a notice is shown and recorded in the language the person reads.
 */
export function setRequestLanguage(l: string) {
  language = l;
}

/** The typed client: paths, parameters, bodies and answers come from the server's OpenAPI document. */
export const client = createClient<paths>({ baseUrl: location.origin, credentials: 'same-origin' });
client.use({
  onRequest: ({ request }) => {
    // A call may name its language itself: a notice fetched for the language it is about to be shown in.
    if (!request.headers.has('accept-language')) request.headers.set('accept-language', language);
    return request;
  },
});

interface Problem {
  type?: string;
  detail?: string;
  errors?: FieldError[];
}

/**
 * The answer's body, or an ApiError made from its problem+json (status 0: the server was not
 * reached). Lets TanStack Query and the forms treat every call the same way.
 */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let answer: Awaited<typeof request>;
  try {
    answer = await request;
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  const { data, error, response } = answer;
  if (!response.ok) {
    const problem = (error ?? {}) as Problem;
    throw new ApiError(
      response.status,
      problem.type ?? '',
      problem.detail ?? response.statusText,
      problem.errors ?? [],
    );
  }
  return data as T;
}
