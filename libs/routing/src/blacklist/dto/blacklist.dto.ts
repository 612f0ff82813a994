import { z } from 'zod';
import { listQuerySchema } from '@app/common';
import { blacklistKind } from '@app/db';

const future = z.iso.datetime({ offset: true }).refine((v) => new Date(v).getTime() > Date.now(), 'Must be a moment in the future');
const reason = z.string().trim().max(1000).nullable();
const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const createBlacklistEntrySchema = z
  .object({
    /**
     * identity: the sender's id in the channel (needs inboxId); phone (any format, stored E.164); email;
     * domain (blocks every address of it and its subdomains); pattern: text found in a message (or /regex/);
     * contact: a contact id.
     */
    kind: z.enum(blacklistKind.enumValues),
    value: z.string().trim().min(1).max(500),
    /** null: every inbox. */
    inboxId: z.uuid().nullable().default(null),
    reason: reason.optional(),
    /** Absent or null: never expires. */
    expiresAt: future.nullable().optional(),
  })
  .refine((e) => e.kind !== 'identity' || e.inboxId !== null, { message: 'A channel identity belongs to one inbox: give inboxId', path: ['inboxId'] });
export type CreateBlacklistEntryInput = z.output<typeof createBlacklistEntrySchema>;

export const updateBlacklistEntrySchema = z.object({
  reason: reason.optional(),
  expiresAt: future.nullable().optional(),
});
export type UpdateBlacklistEntryInput = z.output<typeof updateBlacklistEntrySchema>;

export const listBlacklistSchema = listQuerySchema.extend({
  kind: z.enum(blacklistKind.enumValues).optional(),
  inboxId: z.uuid().optional(),
  /** true: not expired; false: expired. */
  active: booleanQuery.optional(),
});
export type ListBlacklistQuery = z.output<typeof listBlacklistSchema>;

export const blockContactSchema = z.object({
  reason: reason.optional(),
  expiresAt: future.nullable().optional(),
  /** every_inbox (default) or this conversation's inbox only. */
  scope: z.enum(['every_inbox', 'this_inbox']).default('every_inbox'),
});
export type BlockContactInput = z.output<typeof blockContactSchema>;

export const floodSettingsSchema = z.object({
  enabled: z.boolean(),
  /** A sender's messages beyond this many within a minute are stored hidden, and supervisors are told. */
  maxMessagesPerMinute: z.number().int().min(1).max(10_000),
});
export type FloodSettings = z.output<typeof floodSettingsSchema>;
