import { z } from 'zod';

/** Plain words for the commonest problems; zod's defaults speak of types. Idempotent. */
export function configureZodMessages(): void {
  z.config({
    customError: (issue) => {
      if (issue.code === 'invalid_type' && issue.input === undefined) return 'Required';
      if (issue.code === 'invalid_type') return `Expected ${issue.expected}`;
      return undefined;
    },
  });
}
