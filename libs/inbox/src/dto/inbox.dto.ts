import { z } from 'zod';
import { listQuerySchema } from '@app/common';
import { inboxType, type InboxType } from '@app/db';
import { settingsInputSchema } from '../settings/settings-registry.js';

const inboxName = () => z.string().trim().min(1).max(200);

/** One variant per inbox type, so that every bad settings field is reported as `settings.<path>` at once. */
const createVariants = inboxType.enumValues.map((type) =>
  z.object({
    type: z.literal(type),
    name: inboxName(),
    enabled: z.boolean().default(true),
    settings: settingsInputSchema(type),
  }),
);

export const createInboxSchema = z.discriminatedUnion('type', createVariants as [(typeof createVariants)[number], ...typeof createVariants]);

export interface CreateInboxInput {
  type: InboxType;
  name: string;
  enabled: boolean;
  settings: Record<string, unknown>;
}

export const updateInboxSchema = z.object({
  /** Accepted only when equal to the stored type, so a client may send back what it read. */
  type: z.enum(inboxType.enumValues).optional(),
  name: inboxName().optional(),
  enabled: z.boolean().optional(),
  /** Checked against the inbox's type by the service; secrets left out keep their values, null removes one. */
  settings: z.record(z.string(), z.unknown()).optional(),
});
export type UpdateInboxInput = z.infer<typeof updateInboxSchema>;

export const listInboxesQuerySchema = listQuerySchema.omit({ q: true }).extend({
  type: z.enum(inboxType.enumValues).optional(),
});
export type ListInboxesQuery = z.output<typeof listInboxesQuerySchema>;
