import type { FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';

/**
 * Personal data never reaches the logs: request logs carry method, path (no query string),
 * status and request id only, and any object logged has these keys censored wherever they appear.
 */
export const redactedKeys = [
  'email', 'phone', 'firstName', 'lastName', 'first_name', 'last_name', 'name', 'password',
  'currentPassword', 'newPassword', 'confirmPassword', 'token', 'ip', 'remoteAddress', 'nif', 'address',
  'cookie', 'authorization', 'set-cookie', 'userAgent', 'user_agent',
];

const redactPaths = [
  ...redactedKeys.map((k) => `*.${k}`),
  ...redactedKeys.map((k) => `*.*.${k}`),
  'req.headers', 'headers',
];

export function loggerOptions(level: string, stream?: DestinationStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: redactPaths, censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        path: req.url.split('?')[0],
        requestId: req.id,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
