import { z } from 'zod';
import { listQuerySchema } from '@app/common';
import { TICKET_STATUSES, TICKET_TYPES } from '../ticket-view.js';

const MAX_ITEMS = 50;
const itemText = z.string().trim().min(1).max(500);
const checklistItem = z.object({ id: z.uuid().optional(), text: itemText, done: z.boolean().optional() });
/** An instant with its offset; null removes the due date. */
const dueAt = z.iso.datetime({ offset: true }).nullable();

export const markTicketSchema = z.object({
  type: z.enum(TICKET_TYPES),
  dueAt: dueAt.optional(),
  checklist: z.array(checklistItem).max(MAX_ITEMS).default([]),
});
export type MarkTicketInput = z.output<typeof markTicketSchema>;

export const updateTicketSchema = z.object({
  type: z.enum(TICKET_TYPES).optional(),
  dueAt: dueAt.optional(),
  /** Replaces the whole list. */
  checklist: z.array(checklistItem).max(MAX_ITEMS).optional(),
  addItem: itemText.optional(),
  toggleItem: z.object({ id: z.uuid(), done: z.boolean() }).optional(),
  removeItemId: z.uuid().optional(),
});
export type UpdateTicketInput = z.output<typeof updateTicketSchema>;

export const listTicketsSchema = listQuerySchema.extend({
  type: z.enum(TICKET_TYPES).optional(),
  status: z.enum([...TICKET_STATUSES, 'all']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** A user id, `me` or `none` (unassigned). */
  assigneeId: z.union([z.uuid(), z.enum(['me', 'none'])]).optional(),
  inboxId: z.uuid().optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
export type ListTicketsQuery = z.output<typeof listTicketsSchema>;

/** A date (`2026-11-01`, midnight in the time zone) or a full ISO date-time; `to` is exclusive. */
const moment = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
export const ticketReportSchema = z.object({
  from: moment,
  to: moment,
  timezone: z.string().trim().min(1).max(64).optional(),
});
export type TicketReportQuery = z.output<typeof ticketReportSchema>;

export const MAX_CHECKLIST_ITEMS = MAX_ITEMS;
