import { z } from 'zod';
import { ShownTextResponse } from '../../core/published-texts.js';

export { ShownTextResponse } from '../../core/published-texts.js';
export const NoticeResponse = ShownTextResponse.extend({ purpose: z.string() });
