import countries from 'i18n-iso-countries';
import { z } from 'zod';
import { shippingZones, vatRates } from './shops.tables.js';

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #1f4f8f');
const vatRate = z.union(
  vatRates.map((r) => z.literal(r)) as unknown as [
    z.ZodLiteral<23>,
    z.ZodLiteral<13>,
    z.ZodLiteral<6>,
    z.ZodLiteral<0>,
  ],
  {
    error: 'Use 23, 13, 6 or 0',
  },
);
const shippingRate = z.object({ zone: z.enum(shippingZones), priceCents: z.number().int().min(0).max(1_000_000) });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

/** What the storefront shows of who runs the shop (the law asks an online shop to say who it is). */
const ShopDetails = z.object({
  legalName: optionalText(200),
  taxId: optionalText(20),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254)
    .transform((v) => (v === '' ? null : v))
    .pipe(z.email('Not a valid email address').nullable())
    .nullable()
    .optional(),
  phone: optionalText(40),
  address: z
    .object({
      line1: optionalText(200),
      postalCode: optionalText(20),
      city: optionalText(100),
      country: z
        .string()
        .trim()
        .toUpperCase()
        .refine((c) => c === '' || countries.isValid(c), 'Use an ISO 3166-1 alpha-2 country code, e.g. PT')
        .transform((v) => (v === '' ? null : v))
        .nullable()
        .optional(),
    })
    .optional(),
});

export const ShopBody = z.object({
  slug: z.string().trim().toLowerCase().max(63),
  name: z.string().trim().min(1, 'Required').max(120),
  defaultVatRate: vatRate.optional(),
  branding: z.object({ primaryColour: colour.optional(), accentColour: colour.optional() }).optional(),
  shippingRates: z.array(shippingRate).max(shippingZones.length).optional(),
  details: ShopDetails.optional(),
  /** The collections the home page shows, in order (handles); an empty list: the first ones with products. */
  homeCollections: z.array(z.string().trim().toLowerCase().min(1).max(120)).max(4).optional(),
});
export type ShopInput = z.output<typeof ShopBody>;

export const ShopPatchBody = ShopBody.omit({ slug: true }).partial();
export type ShopPatch = z.output<typeof ShopPatchBody>;

export const ShopResponse = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  status: z.enum(['active', 'suspended', 'closed']),
  currency: z.string(),
  defaultVatRate: z.number().int(),
  branding: z.object({ primaryColour: z.string(), accentColour: z.string() }),
  shippingRates: z.array(z.object({ zone: z.enum(shippingZones), priceCents: z.number().int() })),
  url: z.string(),
  details: z.object({
    legalName: z.string().nullable(),
    taxId: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.object({
      line1: z.string().nullable(),
      postalCode: z.string().nullable(),
      city: z.string().nullable(),
      country: z.string().nullable(),
    }),
  }),
  homeCollections: z.array(z.string()),
  /** The logo's address on the shop's host (a middle size, WebP), or null. */
  logo: z.object({ src: z.string(), width: z.number().int(), height: z.number().int() }).nullable(),
  createdAt: z.iso.datetime(),
});
