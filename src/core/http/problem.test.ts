import { describe, expect, it } from 'vitest';
import { loggableError } from './problem.js';

describe('what an unexpected error puts in the log', () => {
  it("keeps a database error's code and where it arose, never the values its message quotes", () => {
    const error = Object.assign(new Error('invalid input syntax for type integer: "maria@example.pt"'), {
      code: '22P02',
      routine: 'pg_strtoint32_safe',
      detail: 'Key (email)=(maria@example.pt) already exists.',
    });
    const logged = JSON.stringify(loggableError(error));
    expect(logged).not.toContain('maria@example.pt');
    expect(loggableError(error)).toMatchObject({
      code: '22P02',
      routine: 'pg_strtoint32_safe',
      message: 'database error 22P02',
    });
  });

  it("keeps any other error's message and stack", () => {
    const error = new Error('the job queue is not running');
    expect(loggableError(error)).toMatchObject({
      message: 'the job queue is not running',
      stack: expect.stringContaining('problem.test'),
    });
  });
});
