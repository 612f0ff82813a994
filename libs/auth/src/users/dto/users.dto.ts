import { z } from 'zod';
import { listQuerySchema } from '@app/common';

const roleSchema = z.enum(['admin', 'supervisor', 'agent']);
const localeSchema = z.enum(['ru', 'en']);
const nameSchema = z.string().trim().min(1).max(200);
const passwordSchema = z.string().min(8).max(1000);

export const createUserSchema = z.object({
  email: z.string().trim().toLowerCase().max(320).pipe(z.email()),
  name: nameSchema,
  password: passwordSchema,
  role: roleSchema,
  locale: localeSchema.default('ru'),
});
export type CreateUserInput = z.output<typeof createUserSchema>;

export const updateUserSchema = z.object({
  name: nameSchema.optional(),
  role: roleSchema.optional(),
  locale: localeSchema.optional(),
  active: z.boolean().optional(),
  /** The agent's internal number on the office PBX ("101"); null removes it. */
  phoneExtension: z.string().trim().regex(/^\d{1,10}$/).nullable().optional(),
});
export type UpdateUserInput = z.output<typeof updateUserSchema>;

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1).max(1000).optional(),
  newPassword: passwordSchema,
});
export type ChangePasswordInput = z.output<typeof changePasswordSchema>;

export const listUsersQuerySchema = listQuerySchema.extend({
  role: roleSchema.optional(),
  active: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});
export type ListUsersQuery = z.output<typeof listUsersQuerySchema>;
