import { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import pino, { type DestinationStream } from 'pino';

/**
 * Personal data never reaches the logs: the request line carries method, route pattern (never the
 * raw URL, so no ids typed by users and no query string), status, duration and request id; no IP,
 * no user agent. Any object logged has these keys censored wherever they appear.
 */
export const redactedKeys = [
  'email',
  'phone',
  'firstName',
  'lastName',
  'first_name',
  'last_name',
  'name',
  'password',
  'currentPassword',
  'newPassword',
  'confirmPassword',
  'token',
  'ip',
  'remoteAddress',
  'nif',
  'address',
  'cookie',
  'authorization',
  'set-cookie',
  'userAgent',
  'user_agent',
  // Payment cards: the number and security code must never be written anywhere (PCI DSS).
  'number',
  'cardNumber',
  'card_number',
  'pan',
  'cvc',
  'cvv',
];

const censoredKeys = new Set([...redactedKeys, 'headers']);
const censoredValue = '[redacted]';
const tooDeep = '[too deep to log]';
// Deep enough for anything logged on purpose; a bound that also stops at cycles.
const censorDepth = 4;

/**
 * The logged object with every censored key's value replaced, at any depth up to `censorDepth`;
 * objects with nothing to censor are returned as they are (no copy), so a flat request line costs a
 * few set lookups. pino's own `redact` was dropped for this: its leading-wildcard paths ran on
 * every value of every line, the request id bound to each request's logger included (7% of a
 * no-database request's CPU, issue #8), and it missed top-level keys. Bindings passed to `child()`
 * are not censored: bind ids only (Fastify binds the request id).
 */
export function censor<T>(value: T, depth = 0): T {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return value;
  // Deeper than anything logged on purpose: not read, so not written either.
  if (depth > censorDepth) return tooDeep as T;
  // An error's own fields (a `nif` attached to it, say) are censored like any others, whatever its key.
  if (value instanceof Error) return censor(pino.stdSerializers.err(value) as unknown as T, depth);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = censor(value[i], depth + 1);
      if (item !== value[i]) (copy ??= value.slice())[i] = item;
    }
    return (copy ?? value) as T;
  }
  const object = value as unknown as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key in object) {
    const field = object[key];
    const kept = censoredKeys.has(key) ? censoredValue : censor(field, depth + 1);
    if (kept !== field) (copy ??= { ...object })[key] = kept;
  }
  return (copy ?? object) as T;
}

/** The label of the request id in every line logged during a request. */
export const requestIdLabel = 'requestId';

/**
 * Successful reads (GET/HEAD/OPTIONS answered 2xx/3xx) are the high-volume part of the traffic —
 * the web app's session check, health probes, assets — and one line each cost half the throughput
 * (issue #8). So at `info` each route's first successful read and then every `readSampleEvery`-th
 * is logged, with `sampled` saying how many it stands for; at `debug` every one is. Changes
 * (POST/PUT/PATCH/DELETE) are always logged, and so is every 4xx (warn) and 5xx (error).
 */
export const readSampleEvery = 100;

const reads = new Set(['GET', 'HEAD', 'OPTIONS']);
const everyRead = new Set(['debug', 'trace']);

/** Fastify's request lines replaced by one line per request, written when the response is sent. */
export class RequestLog extends LogController {
  // Keyed by the route's own config object: one entry per route, never per URL.
  private readonly readsSeen = new WeakMap<object, number>();

  constructor() {
    super({ requestIdLogLabel: requestIdLabel });
  }

  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const status = reply.statusCode;
    const log = reply.log;
    const options = request.routeOptions;
    const line = {
      method: request.method,
      route: options.url ?? '(no route)',
      status,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error || status >= 500) {
      log.error(line, 'request failed');
    } else if (status >= 400) {
      log.warn(line, 'request refused');
    } else if (reads.has(line.method) && options.config && !everyRead.has(log.level)) {
      const seen = (this.readsSeen.get(options.config) ?? 0) + 1;
      this.readsSeen.set(options.config, seen);
      if (seen % readSampleEvery === 1) log.info({ ...line, sampled: readSampleEvery }, 'request completed');
    } else {
      log.info(line, 'request completed');
    }
  }
}

export function loggerOptions(level: string, stream?: DestinationStream): FastifyServerOptions['logger'] {
  return {
    level,
    // Buffered, written in the background: a synchronous write per line cost ~0.1 ms each here, and a
    // burst of refused requests (always logged) would otherwise be slowed down by its own log.
    // pino flushes the buffer when the process exits, a crash included. Silent: nothing to buffer.
    stream:
      stream ??
      (level === 'silent'
        ? undefined
        : pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 1000 })),
    // Only `log`: a `bindings` formatter would apply to the root's pid and hostname alone, and makes
    // pino rebuild its formatters for every request's child logger.
    formatters: { log: (object) => censor(object) },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        path: req.url.split('?')[0],
        requestId: req.id,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      // Serializers run after formatters.log: an error's own fields are censored here.
      err: (err: Error) => censor(pino.stdSerializers.err(err)),
    },
  };
}
