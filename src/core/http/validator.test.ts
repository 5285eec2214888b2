import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { validatorCompiler } from './validator.js';

// A refinement that, like a cross-field check written for valid input, assumes `b` is a string.
const Body = z.object({ a: z.string(), b: z.string().optional() }).superRefine(
  (v, ctx) => {
    if (v.b?.trim() === 'x') ctx.addIssue({ code: 'custom', path: ['b'], message: 'no x' });
  },
  { when: () => true },
);

const validate = validatorCompiler({ schema: Body, method: 'POST', url: '/t', httpPart: 'body' });
const errorOf = (data: unknown) => {
  const result = validate(data) as { error?: Error };
  expect(result.error).toBeInstanceOf(AppError);
  return result.error as AppError;
};

describe('the validator every route uses', () => {
  it('turns a refinement that throws on a wrong type into a validation error naming the field', () => {
    expect(() => Body.parse({ a: 'ok', b: 123 })).toThrow(TypeError);
    const error = errorOf({ a: 'ok', b: 123 });
    expect(error.code).toBe('validation');
    expect(error.errors).toEqual([{ field: 'b', message: expect.any(String) }]);
  });

  it('names the path of NUL or an unpaired surrogate, in values and in keys', () => {
    expect(errorOf({ a: 'x\u0000' }).errors).toEqual([{ field: 'a', message: expect.stringMatching(/NUL/) }]);
    expect(errorOf({ a: 'ok', list: [{ deep: '\udfff' }] }).errors).toEqual([
      { field: 'list.0.deep', message: expect.stringMatching(/surrogate/) },
    ]);
    expect(errorOf({ a: 'ok', ['k\u0000']: 1 }).errors![0]!.message).toMatch(/Field name/);
  });

  it('passes valid input through to the schema', () => {
    expect(validate({ a: 'é 😀', b: 'y' })).toEqual({ value: { a: 'é 😀', b: 'y' } });
    expect((validate({ a: 'ok', b: 'x' }) as { error: unknown }).error).toBeDefined();
  });
});
