import { z } from 'zod';
import { stageKind } from '@app/db';

const stageFields = {
  name: z.string().trim().min(1).max(100),
  kind: z.enum(stageKind.enumValues),
  probability: z.number().int().min(0).max(100),
};

const newStageSchema = z.object({
  name: stageFields.name,
  kind: stageFields.kind.optional(),
  probability: stageFields.probability.optional(),
});

/** A stage in a pipeline update: with an id it changes that stage, without one it adds a stage. */
const stageUpsertSchema = newStageSchema.extend({ id: z.uuid().optional() });

const hasNoRepeatedIds = (stages: Array<{ id?: string }>) => {
  const ids = stages.flatMap((stage) => (stage.id ? [stage.id] : []));
  return new Set(ids).size === ids.length;
};

export const createPipelineSchema = z.object({
  name: z.string().trim().min(1).max(100),
  isDefault: z.boolean().default(false),
  stages: z.array(newStageSchema).min(1).max(50),
});
export type CreatePipelineBody = z.output<typeof createPipelineSchema>;

export const updatePipelineSchema = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  isDefault: z.boolean().optional(),
  stages: z.array(stageUpsertSchema).min(1).max(50).refine(hasNoRepeatedIds).optional(),
});
export type UpdatePipelineBody = z.output<typeof updatePipelineSchema>;
export type StageUpsert = z.output<typeof stageUpsertSchema>;
