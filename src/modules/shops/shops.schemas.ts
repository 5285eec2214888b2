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

export const ShopBody = z.object({
  slug: z.string().trim().toLowerCase().max(63),
  name: z.string().trim().min(1, 'Required').max(120),
  defaultVatRate: vatRate.optional(),
  branding: z.object({ primaryColour: colour.optional(), accentColour: colour.optional() }).optional(),
  shippingRates: z.array(shippingRate).max(shippingZones.length).optional(),
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
  createdAt: z.iso.datetime(),
});
