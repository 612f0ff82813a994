import { z } from 'zod';
import { TICKET_TYPE_VALUES } from '@app/db';

const statuses = ['open', 'pending', 'snoozed', 'resolved'] as const;

export const listConversationsSchema = z.object({
  status: z.enum([...statuses, 'all']).optional(),
  inboxId: z.uuid().optional(),
  /** A user id, `me`, or `none` for unassigned conversations. */
  assigneeId: z.union([z.uuid(), z.enum(['me', 'none'])]).optional(),
  teamId: z.uuid().optional(),
  contactId: z.uuid().optional(),
  dealId: z.uuid().optional(),
  label: z.string().trim().min(1).max(100).optional(),
  /** `only`: conversations marked as tickets; `overdue`: tickets whose due date passed while not resolved. */
  ticket: z.enum(['only', 'overdue']).optional(),
  /** Tickets of this type (implies `ticket=only`). */
  ticketType: z.enum(TICKET_TYPE_VALUES).optional(),
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListConversationsQuery = z.output<typeof listConversationsSchema>;

export const messagesPageSchema = z.object({
  cursor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

const attachmentSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  fileName: z.string().trim().min(1).max(255).optional(),
  contentType: z.string().trim().min(3).max(255).optional(),
});

export const replySchema = z
  .object({
    text: z.string().max(20_000).optional(),
    private: z.boolean().default(false),
    attachments: z.array(attachmentSchema).max(10).default([]),
    replyToId: z.uuid().optional(),
    buttons: z.array(z.array(z.object({ id: z.string().min(1).max(64), text: z.string().min(1).max(64), url: z.url().optional() })).max(8)).max(8).optional(),
  })
  .refine((v) => (v.text?.trim().length ?? 0) > 0 || v.attachments.length > 0, { message: 'Write a text or attach a file', path: ['text'] });
export type ReplyInput = z.output<typeof replySchema>;

export const assignmentSchema = z
  .object({ assigneeId: z.uuid().nullable().optional(), teamId: z.uuid().nullable().optional() })
  .refine((v) => v.assigneeId !== undefined || v.teamId !== undefined, { message: 'Give assigneeId, teamId or both (null removes)', path: ['assigneeId'] });
export type AssignmentInput = z.output<typeof assignmentSchema>;

export const statusSchema = z.object({
  status: z.enum(statuses),
  snoozedUntil: z.iso.datetime({ offset: true }).optional(),
});
export type StatusInput = z.output<typeof statusSchema>;

export const dealLinkSchema = z.object({ dealId: z.uuid().nullable() });

export const attributesSchema = z.object({
  priority: z.enum(['low', 'medium', 'high', 'urgent']).nullable().optional(),
  labels: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
});
export type AttributesInput = z.output<typeof attributesSchema>;
