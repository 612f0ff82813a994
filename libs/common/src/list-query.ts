import { z } from 'zod';

/** The query every list route accepts: free-text search, a cursor from the previous page, a page size. */
export const listQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  cursor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListQuery = z.output<typeof listQuerySchema>;

export const idSchema = z.uuid();
