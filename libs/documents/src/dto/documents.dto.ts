import { z } from 'zod';
import { listQuerySchema } from '@app/common';
import { DOCUMENT_TOKEN } from '../documents/document-links.js';

export const DOCUMENT_KINDS = ['invoice', 'quote', 'contract'] as const;
export const DOCUMENT_LOCALES = ['ru', 'en'] as const;

export const createTemplateSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  name: z.string().trim().min(1).max(200),
  locale: z.enum(DOCUMENT_LOCALES),
  html: z.string().min(1).max(200_000),
  isDefault: z.boolean().default(false),
});
export type CreateTemplateInput = z.output<typeof createTemplateSchema>;

export const updateTemplateSchema = createTemplateSchema.partial().refine((v) => Object.keys(v).length > 0, { message: 'Change at least one field', path: ['name'] });
export type UpdateTemplateInput = z.output<typeof updateTemplateSchema>;

export const listTemplatesSchema = listQuerySchema.omit({ q: true }).extend({
  kind: z.enum(DOCUMENT_KINDS).optional(),
  locale: z.enum(DOCUMENT_LOCALES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(100),
});
export type ListTemplatesQuery = z.output<typeof listTemplatesSchema>;

export const previewTemplateSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  locale: z.enum(DOCUMENT_LOCALES),
  html: z.string().min(1).max(200_000),
  /** A deal to fill the preview with; without it sample data is used. */
  dealId: z.uuid().optional(),
});
export type PreviewTemplateInput = z.output<typeof previewTemplateSchema>;

const requisite = (max: number) => z.string().trim().max(max).default('');

export const documentSettingsSchema = z.object({
  companyName: requisite(300),
  // Free text: sellers outside Russia have other tax ids and no КПП or БИК.
  taxId: requisite(50),
  kpp: requisite(50),
  address: requisite(500),
  bank: requisite(300),
  account: requisite(50),
  bik: requisite(50),
  signatory: requisite(200),
});
export type DocumentSettingsInput = z.output<typeof documentSettingsSchema>;

export const generateDocumentSchema = z.object({ templateId: z.uuid() });
export const sendDocumentSchema = z.object({ conversationId: z.uuid() });
export const documentTokenSchema = z.string().regex(DOCUMENT_TOKEN);
