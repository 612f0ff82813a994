import { z } from 'zod';
import { listQuerySchema } from '@app/common';
import { SLUG_PATTERN } from '../slug.js';

export const kbLocaleSchema = z.enum(['ru', 'en']);
export const kbStatusSchema = z.enum(['draft', 'published']);

const slug = z
  .string()
  .trim()
  .toLowerCase()
  .max(80)
  .regex(SLUG_PATTERN, 'Use lower-case Latin letters, digits and single hyphens, e.g. "returns-and-refunds"');

export const createCategorySchema = z.object({
  name: z.string().trim().min(1).max(120),
  /** Made from the name when omitted. */
  slug: slug.optional(),
  description: z.string().trim().max(500).nullable().default(null),
  position: z.number().int().min(0).max(10_000).default(0),
  /** null: the category is shown for every language. */
  locale: kbLocaleSchema.nullable().default(null),
});
export type CreateCategoryInput = z.output<typeof createCategorySchema>;

export const updateCategorySchema = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  slug: slug.optional(),
  description: z.string().trim().max(500).nullable().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  locale: kbLocaleSchema.nullable().optional(),
});
export type UpdateCategoryInput = z.output<typeof updateCategorySchema>;

export const createArticleSchema = z.object({
  title: z.string().trim().min(1).max(200),
  /** Made from the title when omitted. */
  slug: slug.optional(),
  categoryId: z.uuid().nullable().default(null),
  summary: z.string().trim().max(500).default(''),
  /** Markdown. */
  body: z.string().max(100_000).default(''),
  locale: kbLocaleSchema.default('ru'),
  status: kbStatusSchema.default('draft'),
});
export type CreateArticleInput = z.output<typeof createArticleSchema>;

export const updateArticleSchema = z.object({
  title: z.string().trim().min(1).max(200).optional(),
  slug: slug.optional(),
  categoryId: z.uuid().nullable().optional(),
  summary: z.string().trim().max(500).optional(),
  body: z.string().max(100_000).optional(),
  locale: kbLocaleSchema.optional(),
  status: kbStatusSchema.optional(),
});
export type UpdateArticleInput = z.output<typeof updateArticleSchema>;

export const listArticlesSchema = listQuerySchema.extend({
  categoryId: z.uuid().optional(),
  status: kbStatusSchema.optional(),
  locale: kbLocaleSchema.optional(),
});
export type ListArticlesQuery = z.output<typeof listArticlesSchema>;

export const searchArticlesSchema = z.object({
  q: z.string().trim().min(1).max(200),
  /** Search articles of this language with its stemming; omitted: every article with its own language's. */
  locale: kbLocaleSchema.optional(),
  /** Drafts are found too unless published=true. */
  published: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type SearchArticlesQuery = z.output<typeof searchArticlesSchema>;

export const suggestionsQuerySchema = z.object({ conversationId: z.uuid() });

export const previewSchema = z.object({ body: z.string().max(100_000) });
export type PreviewInput = z.output<typeof previewSchema>;
