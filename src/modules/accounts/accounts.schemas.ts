import { z } from 'zod';
import { checkPassword, personalInputs } from '../../core/crypto/password-policy.js';
import { checkCountryFields, checkPostalCode, isCountryCode } from './contact-fields.js';

const text = (max: number) => z.string().trim().min(1, 'Required').max(max);

export const email = z.string().trim().toLowerCase().max(254).pipe(z.email('Not a valid email address'));

export const newPassword = z.string().superRefine((value, ctx) => {
  const problem = checkPassword(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const country = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCountryCode, 'Use an ISO 3166-1 alpha-2 country code, e.g. PT');

export const Address = z
  .object({
    line1: text(200),
    line2: z
      .string()
      .trim()
      .max(200)
      .optional()
      .transform((v) => (v ? v : null)),
    postalCode: text(20),
    city: text(100),
    country,
  })
  .superRefine((address, ctx) => {
    const problem = checkPostalCode(address.postalCode, address.country);
    if (problem) ctx.addIssue({ code: 'custom', path: ['postalCode'], message: problem });
  });

export const SignupBody = z
  .object({
    firstName: text(100),
    lastName: text(100),
    email,
    password: newPassword,
    phone: text(40),
    address: Address,
    company: z
      .string()
      .trim()
      .max(200)
      .optional()
      .transform((v) => (v ? v : null)),
    nif: z.string().trim().max(40).optional(),
    marketingConsent: z.boolean().default(false),
    // The contract needs the terms accepted: the acceptance is recorded with the exact text shown.
    acceptTerms: z.literal(true, { error: () => 'Accept the terms of service to open an account.' }),
  })
  .superRefine(
    (body, ctx) => {
      // Runs even when other fields failed (so one answer names every wrong field), hence the guards.
      if (typeof body !== 'object' || body === null) return;
      const country = typeof body.address?.country === 'string' ? body.address.country : undefined;
      const phone = typeof body.phone === 'string' && body.phone.length > 0 ? body.phone : undefined;
      const nif = typeof body.nif === 'string' ? body.nif : undefined;
      const { errors } = checkCountryFields({ phone, nif, country });
      for (const e of errors) ctx.addIssue({ code: 'custom', path: [e.field], message: e.message });
      // The field alone passed; now the same rule knowing the person's own name and email.
      if (typeof body.password === 'string' && checkPassword(body.password) === null) {
        const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
        const problem = checkPassword(
          body.password,
          personalInputs(str(body.firstName), str(body.lastName), str(body.email)),
        );
        if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
      }
    },
    { when: () => true },
  );
export type SignupInput = z.output<typeof SignupBody>;

export const UpdateAccountBody = z
  .object({
    firstName: text(100).optional(),
    lastName: text(100).optional(),
    email: email.optional(),
    phone: text(40).optional(),
    company: z.string().trim().max(200).nullable().optional(),
    nif: z.string().trim().max(40).nullable().optional(),
    address: Address.optional(),
    /** The language notices are written in. */
    language: z.enum(['en', 'pt-PT']).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Send at least one field to change' });
export type UpdateAccountInput = z.output<typeof UpdateAccountBody>;

export const LoginBody = z.object({
  email,
  password: z.string().min(1, 'Required').max(1024),
  /** Six-digit authenticator code or a recovery code, when two-factor sign-in is on. */
  code: z.string().trim().max(32).optional(),
});

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1, 'Required').max(1024),
  newPassword,
});

export const MarketingConsentBody = z.object({ granted: z.boolean() });

export const AccountResponse = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phone: z.string(),
  company: z.string().nullable(),
  nif: z.string().nullable(),
  address: z.object({
    line1: z.string(),
    line2: z.string().nullable(),
    postalCode: z.string(),
    city: z.string(),
    country: z.string(),
  }),
  marketingConsent: z.boolean(),
  status: z.enum(['active', 'suspended', 'closed']),
  language: z.enum(['en', 'pt-PT']),
  createdAt: z.iso.datetime(),
});
export type AccountView = z.infer<typeof AccountResponse>;

export const AccessHistoryResponse = z.object({
  items: z.array(
    z.object({
      kind: z.enum(['signup', 'login']),
      ip: z.string(),
      userAgent: z.string().nullable(),
      at: z.iso.datetime(),
    }),
  ),
});

export const ConsentResponse = z.object({
  id: z.string(),
  purpose: z.string(),
  granted: z.boolean(),
  noticeVersion: z.string(),
  noticeLanguage: z.string(),
  method: z.string(),
  recordedAt: z.iso.datetime(),
});
