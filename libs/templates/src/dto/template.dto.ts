import { z } from 'zod';
import { listQuerySchema } from '@app/common';
import { inboxType } from '@app/db';
import { isKnownVariable, variablesOf } from '../template-renderer.js';

const MAX_TEXT = 20_000;

/** Every variable must be one the renderer knows, so that a typo is caught when the template is saved. */
const templateText = z
  .string()
  .min(1)
  .max(MAX_TEXT)
  .superRefine((text, ctx) => {
    const unknown = variablesOf(text).filter((v) => !isKnownVariable(v));
    if (unknown.length) ctx.addIssue({ code: 'custom', message: `Unknown variable ${unknown.map((v) => `{{${v}}}`).join(', ')}: see GET /api/templates/variables` });
  });

/** Typed after a slash in the composer (`/greet`): letters, digits, _ and -, stored in lower case. */
const shortCode = z
  .string()
  .trim()
  .transform((v) => v.replace(/^\//, '').toLocaleLowerCase('ru'))
  .pipe(z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}_-]{0,39}$/u, 'Use 1–40 letters, digits, _ or -, starting with a letter or digit'));

export const templateAttachmentSchema = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  fileName: z.string().trim().min(1).max(255).optional(),
  contentType: z.string().trim().min(3).max(255).optional(),
});

/** A different text for some channel types, e.g. a shorter one for SMS. */
const variants = z.partialRecord(z.enum(inboxType.enumValues), templateText);

export const createTemplateSchema = z.object({
  shortCode,
  name: z.string().trim().min(1).max(200),
  body: templateText,
  /** null or absent: every inbox. */
  inboxId: z.uuid().nullable().default(null),
  variants: variants.default({}),
  attachments: z.array(templateAttachmentSchema).max(10).default([]),
});
export type CreateTemplateInput = z.output<typeof createTemplateSchema>;

export const updateTemplateSchema = z.object({
  shortCode: shortCode.optional(),
  name: z.string().trim().min(1).max(200).optional(),
  body: templateText.optional(),
  inboxId: z.uuid().nullable().optional(),
  variants: variants.optional(),
  attachments: z.array(templateAttachmentSchema).max(10).optional(),
});
export type UpdateTemplateInput = z.output<typeof updateTemplateSchema>;

export const listTemplatesSchema = listQuerySchema.extend({
  /** The templates usable in this inbox: its own and the global ones. */
  inboxId: z.uuid().optional(),
});
export type ListTemplatesQuery = z.output<typeof listTemplatesSchema>;

export const byShortCodeSchema = z.object({ inboxId: z.uuid().optional() });

const sampleValues = z.record(z.string().max(100), z.string().max(1000));

export const previewTemplateSchema = z.object({
  /** Fill the variables from this conversation (its contact, deal, inbox and channel variant). */
  conversationId: z.uuid().optional(),
  /** The channel variant to show when no conversation is given. */
  channel: z.enum(inboxType.enumValues).optional(),
  /** Values for variables no conversation fills, e.g. {"contact.name": "Анна"}. */
  values: sampleValues.optional(),
});
export type PreviewTemplateInput = z.output<typeof previewTemplateSchema>;

export const previewTextSchema = previewTemplateSchema.extend({ body: templateText });
export type PreviewTextInput = z.output<typeof previewTextSchema>;

export const useTemplateSchema = z.object({
  conversationId: z.uuid(),
  /** Also send the rendered text as the caller's reply (or private note); otherwise it is only returned for the composer. */
  send: z.boolean().default(false),
  private: z.boolean().default(false),
});
export type UseTemplateInput = z.output<typeof useTemplateSchema>;
