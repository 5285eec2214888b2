import type { paths } from './schema';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Success<R> = R extends { 200: infer S } ? S : R extends { 201: infer S } ? S : never;
type Json<S> = S extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON body of a route's success answer, straight from the generated OpenAPI types. */
export type ResponseOf<P extends keyof paths, M extends Method> = paths[P] extends { [K in M]: { responses: infer R } }
  ? Json<Success<R>>
  : never;

export type Account = ResponseOf<'/api/v1/account', 'get'>;
export type Staff = NonNullable<ResponseOf<'/api/v1/staff/auth/session', 'get'>['staff']>;
export type Session = ResponseOf<'/api/v1/account/sessions', 'get'>['items'][number];
export type Consent = ResponseOf<'/api/v1/account/consents', 'get'>['items'][number];
export type Access = ResponseOf<'/api/v1/account/access-history', 'get'>['items'][number];
export type MfaStatus = ResponseOf<'/api/v1/account/mfa', 'get'>;
export type PrivacyRequest = ResponseOf<'/api/v1/privacy/requests', 'get'>['items'][number];
export type ShownText = ResponseOf<'/api/v1/terms', 'get'>;
export type Membership = ResponseOf<'/api/v1/account/memberships', 'get'>['items'][number];
/** What the owner of an account lets a user do on it (S7). */
export type Permission = Membership['permissions'][number];
