import { z } from 'zod';
import { listQuerySchema } from '@app/common';

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1).max(200),
  role: z.enum(['admin', 'supervisor', 'agent']),
});
export type CreateApiKeyInput = z.output<typeof createApiKeySchema>;

export const listApiKeysQuerySchema = listQuerySchema.omit({ q: true });
export type ListApiKeysQuery = z.output<typeof listApiKeysQuerySchema>;
