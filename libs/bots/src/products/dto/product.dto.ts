import { z } from 'zod';
import { listQuerySchema } from '@app/common';

const price = z.union([z.string().trim(), z.number().nonnegative()]).transform(String).pipe(z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, 'A price like 1500 or 1500.50'));

const productFields = {
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(4000).nullish(),
  price,
  currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/),
  photoUrl: z.url().max(2000).nullish(),
  stock: z.number().int().min(0).max(1_000_000_000).nullable(),
  sku: z.string().trim().min(1).max(64).nullish(),
  category: z.string().trim().max(100).nullish(),
  active: z.boolean(),
};

export const createProductSchema = z.object({
  ...productFields,
  currency: productFields.currency.default('RUB'),
  stock: productFields.stock.default(null),
  active: productFields.active.default(true),
});
export type CreateProductInput = z.output<typeof createProductSchema>;

export const updateProductSchema = z.object(productFields).partial();
export type UpdateProductInput = z.output<typeof updateProductSchema>;

export const listProductsSchema = listQuerySchema.extend({
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  category: z.string().trim().max(100).optional(),
});
export type ListProductsQuery = z.output<typeof listProductsSchema>;
