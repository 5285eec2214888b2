import { z } from 'zod';

/** A published text as the API shows it (a consent notice, the terms of service). */
export const ShownTextResponse = z.object({ version: z.string(), language: z.string(), effectiveFrom: z.string(), text: z.string(), hash: z.string() });
export const NoticeResponse = ShownTextResponse.extend({ purpose: z.string() });
