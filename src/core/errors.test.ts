import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';

describe('AppError', () => {
  it('captures no stack trace (expected outcomes are answered, not debugged), and leaves other errors theirs', () => {
    const expected = new AppError('unauthenticated', 'Sign in to continue.');
    expect(expected.stack).not.toMatch(/\n\s+at /);
    expect(expected.message).toBe('Sign in to continue.');
    expect(new Error('unexpected').stack).toMatch(/\n\s+at /);
  });
});
