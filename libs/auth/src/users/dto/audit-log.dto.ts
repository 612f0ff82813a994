import { z } from 'zod';
import { listQuerySchema } from '@app/common';

export const auditLogQuerySchema = listQuerySchema.omit({ q: true }).extend({
  action: z.string().trim().min(1).max(100).optional(),
  targetId: z.string().trim().min(1).max(100).optional(),
});
export type AuditLogQuery = z.output<typeof auditLogQuerySchema>;
