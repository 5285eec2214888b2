import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { safeEqual } from '../crypto/tokens.js';
import { typed } from '../http/types.js';

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Lets `npx sellrocket …` act through the running server, which alone may open the embedded
 * database. Reachable only over loopback, with the token the server wrote to DATA_DIR/server.lock
 * (mode 0600), so only a local user who can read the data directory can use it.
 */
export function registerAdminEndpoint(
  app: FastifyInstance,
  opts: {
    token: string;
    run: (command: string, args: Record<string, unknown>) => Promise<{ lines: string[]; exitCode: number }>;
  },
) {
  typed(app).post(
    '/internal/admin/run',
    {
      config: { rateLimit: false },
      schema: {
        hide: true,
        body: z.object({ command: z.string().max(64), args: z.record(z.string(), z.unknown()).default({}) }),
      },
    },
    async (request) => {
      const given = request.headers['x-admin-token'];
      if (
        !loopback.has(request.socket.remoteAddress ?? '') ||
        typeof given !== 'string' ||
        !safeEqual(given, opts.token)
      ) {
        throw new AppError(
          'forbidden',
          "Operator commands are accepted only from this machine with the server's token.",
        );
      }
      return opts.run(request.body.command, request.body.args);
    },
  );
}
