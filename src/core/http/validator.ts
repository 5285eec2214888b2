import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { validationError, type FieldError } from '../errors.js';
import { findUnsafeText } from './unsafe-text.js';

/**
 * When a schema's own refinement throws on input of the wrong type, names the offending fields by
 * checking each top-level field on its own, so the answer is still a 422 that says which field.
 */
function fieldsOfBrokenInput(schema: unknown, data: unknown): FieldError[] {
  const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : undefined;
  if (!shape || typeof data !== 'object' || data === null || Array.isArray(data))
    return [{ field: '(body)', message: 'Invalid value' }];
  const errors: FieldError[] = [];
  for (const [field, fieldSchema] of Object.entries(shape)) {
    let result: ReturnType<z.ZodType['safeParse']>;
    try {
      result = fieldSchema.safeParse((data as Record<string, unknown>)[field]);
    } catch {
      errors.push({ field, message: 'Invalid value' });
      continue;
    }
    if (!result.success) {
      const issue = result.error.issues[0]!;
      errors.push({ field: [field, ...issue.path.map(String)].join('.'), message: issue.message });
    }
  }
  return errors.length > 0 ? errors : [{ field: '(body)', message: 'Invalid value' }];
}

/**
 * The one validator of every route's body, query string and params: first refuses text no field
 * may hold (NUL, unpaired surrogates), wherever it is, then applies the route's zod schema. A
 * schema that throws is a user error (422), never a 500.
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> = (route) => {
  const validate = zodValidatorCompiler(route);
  return (data: unknown) => {
    const unsafe = findUnsafeText(data);
    if (unsafe) return { error: validationError([unsafe], `Invalid ${route.httpPart ?? 'input'}: ${unsafe.field}.`) };
    try {
      return validate(data) as { value: unknown } | { error: Error };
    } catch {
      const errors = fieldsOfBrokenInput(route.schema, data);
      return {
        error: validationError(
          errors,
          `Invalid ${route.httpPart ?? 'input'}: ${errors.map((e) => e.field).join(', ')}.`,
        ),
      };
    }
  };
};
