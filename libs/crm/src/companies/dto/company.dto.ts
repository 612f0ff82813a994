import { z } from 'zod';
import { listQuerySchema } from '@app/common';
import { customFieldsSchema } from '../../shared/query.js';

const name = z.string().trim().min(1).max(200);

/** Every field a company change may carry. */
export const updateCompanySchema = z.object({
  name: name.optional(),
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .max(253)
    .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/)
    .nullable()
    .optional(),
  phone: z.string().trim().min(1).max(40).nullable().optional(),
  address: z.string().trim().max(500).nullable().optional(),
  customFields: customFieldsSchema.optional(),
});
export type UpdateCompanyBody = z.output<typeof updateCompanySchema>;

export const createCompanySchema = updateCompanySchema.extend({
  name,
  customFields: customFieldsSchema.default({}),
});
export type CreateCompanyBody = z.output<typeof createCompanySchema>;

export const listCompaniesSchema = listQuerySchema;
