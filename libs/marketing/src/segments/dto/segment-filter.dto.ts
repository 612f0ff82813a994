import { z } from 'zod';

const CHANNELS = ['telegram', 'vk', 'email', 'sms', 'webchat', 'telephony', 'api'] as const;
const compare = z.enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte']);
const dateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
const text = z.string().trim().min(1).max(200);
const money = z.number().min(0).max(1e12);

/** Either a moment (before/after a date) or a window from now (within/not within N days). */
const timeFields = { op: z.enum(['before', 'after', 'within', 'not_within']), date: dateOrDateTime.optional(), days: z.number().int().min(1).max(36_500).optional() };
const checkTime = (value: { op: string; date?: string; days?: number }, ctx: z.RefinementCtx) => {
  const needsDate = value.op === 'before' || value.op === 'after';
  if (needsDate && !value.date) ctx.addIssue({ code: 'custom', path: ['date'], message: 'Enter a date (YYYY-MM-DD).' });
  if (!needsDate && !value.days) ctx.addIssue({ code: 'custom', path: ['days'], message: 'Enter a number of days.' });
};

export const segmentConditionSchema = z.discriminatedUnion('field', [
  z
    .object({ field: z.literal('channel'), inboxType: z.enum(CHANNELS).optional(), inboxId: z.uuid().optional() })
    .refine((c) => Boolean(c.inboxType) !== Boolean(c.inboxId), { path: ['inboxType'], message: 'Choose a channel type or an inbox.' }),
  z.object({ field: z.literal('tag'), op: z.enum(['any', 'none']), values: z.array(text).min(1).max(50) }),
  z
    .object({
      field: z.literal('customField'),
      key: z.string().trim().min(1).max(100),
      op: z.enum(['eq', 'neq', 'contains', 'gt', 'lt', 'exists']),
      value: z.union([z.string().trim().max(500), z.number()]).optional(),
    })
    .refine((c) => c.op === 'exists' || (c.value !== undefined && c.value !== ''), { path: ['value'], message: 'Enter a value to compare with.' }),
  z.object({ field: z.literal('dealStage'), stageId: z.uuid() }),
  z.object({ field: z.literal('dealAmount'), op: compare, value: money }),
  z.object({ field: z.literal('lastContact'), ...timeFields }).superRefine(checkTime),
  z.object({ field: z.literal('wonDeals'), op: compare, value: z.number().int().min(0).max(1_000_000) }),
  z.object({ field: z.literal('wonRevenue'), op: compare, value: money }),
  z
    .object({ field: z.literal('nps'), op: compare.optional(), value: z.number().int().min(0).max(10).optional(), category: z.enum(['promoter', 'passive', 'detractor']).optional() })
    .refine((c) => (c.category ? c.op === undefined : c.op !== undefined && c.value !== undefined), { path: ['value'], message: 'Choose a category, or a comparison and a score from 0 to 10.' }),
  z.object({ field: z.literal('optedOut'), value: z.boolean() }),
  z.object({ field: z.literal('createdAt'), ...timeFields }).superRefine(checkTime),
  z.object({ field: z.literal('birthdayMonth'), month: z.number().int().min(1).max(12) }),
  z.object({ field: z.literal('locale'), values: z.array(z.string().trim().min(2).max(10)).min(1).max(20) }),
  z
    .object({ field: z.literal('company'), op: z.enum(['is', 'exists', 'not_exists']), companyId: z.uuid().optional() })
    .refine((c) => c.op !== 'is' || Boolean(c.companyId), { path: ['companyId'], message: 'Choose a company.' }),
]);

export const segmentFilterSchema = z.object({
  match: z.enum(['all', 'any']).default('all'),
  conditions: z.array(segmentConditionSchema).max(50).default([]),
});

export type SegmentCondition = z.output<typeof segmentConditionSchema>;
export type SegmentFilter = z.output<typeof segmentFilterSchema>;
