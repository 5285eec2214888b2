import { z } from 'zod';
import { vatRates } from '../shops/index.js';

export const handleSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Required')
  .max(100)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lowercase letters, digits and single hyphens, e.g. blue-t-shirt');

const vatRate = z.union(
  vatRates.map((r) => z.literal(r)) as unknown as [
    z.ZodLiteral<23>,
    z.ZodLiteral<13>,
    z.ZodLiteral<6>,
    z.ZodLiteral<0>,
  ],
  { error: 'Use 23, 13, 6 or 0' },
);

const optionName = z.string().trim().min(1, 'Required').max(50);
const optionValue = z.string().trim().min(1, 'Required').max(100);

const VariantBody = z.object({
  /** Given when changing a product: keeps the variant (and the carts and orders that name it). */
  id: z.string().max(64).optional(),
  sku: z.string().trim().min(1, 'Required').max(64),
  /** What the shopper pays, VAT included, in cents. */
  priceCents: z.number().int().min(0).max(100_000_000),
  stock: z.number().int().min(0).max(1_000_000_000),
  weightGrams: z.number().int().min(0).max(1_000_000).optional(),
  /** One value per product option, in the options' order. */
  options: z.array(optionValue).max(3).optional(),
});

export const ProductBody = z.object({
  title: z.string().trim().min(1, 'Required').max(255),
  handle: handleSchema.optional(),
  /** Markdown; raw HTML in it is shown as text. */
  description: z.string().max(20_000).optional(),
  status: z.enum(['draft', 'active']).default('draft'),
  vatRate: vatRate.optional(),
  options: z
    .array(z.object({ name: optionName, values: z.array(optionValue).min(1, 'Give at least one value').max(100) }))
    .max(3, 'At most three options')
    .optional(),
  variants: z.array(VariantBody).min(1, 'A product needs at least one variant').max(100),
  collections: z.array(handleSchema).max(50).optional(),
});
export type ProductInput = z.output<typeof ProductBody>;

export const ProductPatchBody = ProductBody.partial().extend({ status: z.enum(['draft', 'active']).optional() });
export type ProductPatch = z.output<typeof ProductPatchBody>;

const VariantResponse = z.object({
  id: z.string(),
  sku: z.string(),
  priceCents: z.number().int(),
  stock: z.number().int(),
  weightGrams: z.number().int().nullable(),
  options: z.array(z.string()),
});

export const ProductResponse = z.object({
  id: z.string(),
  handle: z.string(),
  title: z.string(),
  description: z.string(),
  descriptionHtml: z.string(),
  status: z.enum(['draft', 'active']),
  vatRate: z.number().int(),
  options: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
  variants: z.array(VariantResponse),
  collections: z.array(z.string()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const ProductListQuery = z.object({
  status: z.enum(['draft', 'active']).optional(),
  q: z.string().trim().max(200).optional(),
  collection: handleSchema.optional(),
  /** `out`: some variant is sold out; `low`: some variant has 3 units or fewer. */
  stock: z.enum(['out', 'low']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  perPage: z.coerce.number().int().min(1).max(100).default(20),
});
export type ProductListInput = z.output<typeof ProductListQuery>;

export const CollectionBody = z.object({
  title: z.string().trim().min(1, 'Required').max(255),
  handle: handleSchema.optional(),
  description: z.string().max(5_000).optional(),
  /** Product handles, in the order the collection shows them. */
  products: z.array(handleSchema).max(1_000).optional(),
});
export type CollectionInput = z.output<typeof CollectionBody>;

export const CollectionResponse = z.object({
  id: z.string(),
  handle: z.string(),
  title: z.string(),
  description: z.string(),
  productsCount: z.number().int(),
  createdAt: z.iso.datetime(),
});

export const StockEditBody = z.object({
  items: z
    .array(z.object({ variantId: z.string().max(64), stock: z.number().int().min(0).max(1_000_000_000) }))
    .min(1, 'Give at least one variant')
    .max(1000),
});
export type StockEdit = z.output<typeof StockEditBody>;
