export { ApiError, call, client, setRequestLanguage, type FieldError } from './client';
export type * from './types';
