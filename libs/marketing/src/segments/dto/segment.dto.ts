import { z } from 'zod';
import { listQuerySchema } from '@app/common';
import { segmentFilterSchema } from './segment-filter.dto.js';

export const saveSegmentSchema = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).nullable().optional(),
  filter: segmentFilterSchema,
});
export type SaveSegmentBody = z.output<typeof saveSegmentSchema>;

export const updateSegmentSchema = saveSegmentSchema.partial();
export type UpdateSegmentBody = z.output<typeof updateSegmentSchema>;

export const previewSegmentSchema = z.object({ filter: segmentFilterSchema });
export type PreviewSegmentBody = z.output<typeof previewSegmentSchema>;

export const listSegmentsSchema = listQuerySchema;
export type ListSegmentsQuery = z.output<typeof listSegmentsSchema>;

export const segmentContactsSchema = listQuerySchema.omit({ q: true });
export type SegmentContactsQuery = z.output<typeof segmentContactsSchema>;
