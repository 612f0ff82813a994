import { z } from 'zod';
import { listQuerySchema } from '@app/common';
import { activityType } from '@app/db';
import { booleanQuery, isoDateSchema } from '../../shared/query.js';

const nullableId = z.uuid().nullable();
const type = z.enum(activityType.enumValues);
const subject = z.string().trim().min(1).max(300);
const metadata = z.record(z.string().max(100), z.unknown());

/** Every field an activity change may carry. */
export const updateActivitySchema = z.object({
  type: type.optional(),
  subject: subject.optional(),
  body: z.string().max(20_000).nullable().optional(),
  dueAt: isoDateSchema.nullable().optional(),
  done: z.boolean().optional(),
  contactId: nullableId.optional(),
  dealId: nullableId.optional(),
  conversationId: nullableId.optional(),
  ownerId: nullableId.optional(),
  metadata: metadata.optional(),
});
export type UpdateActivityBody = z.output<typeof updateActivitySchema>;

export const createActivitySchema = updateActivitySchema.extend({
  type,
  subject,
  done: z.boolean().default(false),
  metadata: metadata.default({}),
});
export type CreateActivityBody = z.output<typeof createActivitySchema>;

export const listActivitiesSchema = listQuerySchema.omit({ q: true }).extend({
  type: type.optional(),
  contactId: z.uuid().optional(),
  dealId: z.uuid().optional(),
  conversationId: z.uuid().optional(),
  ownerId: z.uuid().optional(),
  done: booleanQuery.optional(),
  dueBefore: isoDateSchema.optional(),
  dueAfter: isoDateSchema.optional(),
});
export type ListActivitiesQuery = z.output<typeof listActivitiesSchema>;
