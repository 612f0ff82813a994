import { z } from 'zod';
import { presenceStatus } from '@app/db';

export const availabilitySchema = z.object({
  /** online: takes new conversations; busy: connected but takes none; offline. */
  status: z.enum(presenceStatus.enumValues),
});
export type AvailabilityInput = z.output<typeof availabilitySchema>;

export const availabilityQuerySchema = z.object({
  /** Only members of this inbox. */
  inboxId: z.uuid().optional(),
  /** Only members of this team. */
  teamId: z.uuid().optional(),
});
export type AvailabilityQuery = z.output<typeof availabilityQuerySchema>;
