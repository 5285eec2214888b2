import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, errorCodes, type FieldError } from '../errors.js';

export const problemContentType = 'application/problem+json; charset=utf-8';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
}

function problemType(code: string): string {
  return `urn:sellrocket:problem:${code}`;
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type(problemContentType).send(problem);
}

interface ZodLikeIssue {
  instancePath?: string;
  message?: string;
  params?: { issue?: { path?: PropertyKey[]; message?: string } };
}

function fieldOf(issue: ZodLikeIssue): string {
  const path = issue.params?.issue?.path;
  if (path && path.length > 0) return path.map(String).join('.');
  const pointer = issue.instancePath ?? '';
  return pointer.replace(/^\//, '').split('/').filter(Boolean).join('.') || '(body)';
}

/**
 * What an unexpected error may put in the log. A database error's message and detail quote the
 * values that failed (`invalid input syntax for type … "<the value>"`), which may be someone's
 * data: only its SQLSTATE code and where in the database it arose are kept.
 */
export function loggableError(error: { message: string; code?: string | undefined; stack?: string | undefined }) {
  const fromDatabase = typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code);
  if (!fromDatabase) return { message: error.message, code: error.code, stack: error.stack };
  const routine = (error as { routine?: unknown }).routine;
  const frames = error.stack?.split('\n').slice(1).join('\n');
  return {
    message: `database error ${error.code}`,
    code: error.code,
    routine: typeof routine === 'string' ? routine : undefined,
    stack: frames,
  };
}

/** Maps anything thrown by a route to RFC 9457 problem+json. User error is never a 500. */
export function installProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    const instance = request.url.split('?')[0];
    if (error instanceof AppError) {
      const meta = errorCodes[error.code];
      if (error.retryAfterSeconds !== undefined)
        reply.header('retry-after', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
      return sendProblem(reply, {
        type: problemType(error.code),
        title: meta.title,
        status: meta.status,
        detail: error.message,
        instance,
        ...(error.errors ? { errors: error.errors } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const seen = new Set<string>();
      const errors: FieldError[] = [];
      for (const issue of error.validation as ZodLikeIssue[]) {
        const field = fieldOf(issue);
        if (seen.has(field)) continue;
        seen.add(field);
        errors.push({ field, message: issue.params?.issue?.message ?? issue.message ?? 'Invalid value' });
      }
      return sendProblem(reply, {
        type: problemType('validation'),
        title: errorCodes.validation.title,
        status: 422,
        detail: `Invalid ${error.validationContext ?? 'input'}: ${errors.map((e) => e.field).join(', ')}.`,
        instance,
        errors,
      });
    }
    if (isResponseSerializationError(error)) {
      request.log.error(
        { err: { message: 'response does not match its schema', route: request.routeOptions.url } },
        'response serialization failed',
      );
      return sendProblem(reply, {
        type: problemType('internal'),
        title: 'Internal error',
        status: 500,
        detail: 'Something went wrong on our side.',
        instance,
      });
    }
    const status =
      typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500
        ? error.statusCode
        : 500;
    if (status === 500) {
      request.log.error({ err: loggableError(error) }, 'unhandled error');
      return sendProblem(reply, {
        type: problemType('internal'),
        title: 'Internal error',
        status,
        detail: 'Something went wrong on our side.',
        instance,
      });
    }
    const title =
      status === 413
        ? 'Payload too large'
        : status === 415
          ? 'Unsupported media type'
          : status === 429
            ? 'Too many requests'
            : 'Bad request';
    return sendProblem(reply, {
      type: problemType(error.code ?? `http-${status}`),
      title,
      status,
      detail:
        status === 400 && error.code === 'FST_ERR_CTP_INVALID_JSON'
          ? 'The request body is not valid JSON.'
          : error.message,
      instance,
    });
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      type: problemType('not_found'),
      title: 'Not found',
      status: 404,
      detail: `No route ${request.method} ${request.url.split('?')[0]}.`,
      instance: request.url.split('?')[0],
    }),
  );
}
