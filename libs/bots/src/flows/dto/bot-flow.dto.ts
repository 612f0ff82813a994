import { z } from 'zod';
import { listQuerySchema } from '@app/common';
import { triggerSchema } from '../../bot-flow.contract.js';

// The document is checked by the service, so its problems come back in the reader's language with full paths.
const flowFields = {
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).nullish(),
  document: z.record(z.string(), z.unknown()),
  triggers: z.array(triggerSchema).max(50),
};

export const createBotFlowSchema = z.object({ ...flowFields, triggers: flowFields.triggers.default([]) });
export type CreateBotFlowInput = z.output<typeof createBotFlowSchema>;

export const updateBotFlowSchema = z.object(flowFields).partial();
export type UpdateBotFlowInput = z.output<typeof updateBotFlowSchema>;

export const listBotFlowsSchema = listQuerySchema;
export type ListBotFlowsQuery = z.output<typeof listBotFlowsSchema>;

export const validateBotFlowSchema = z.object({ document: z.unknown() });

export const simulateBotFlowSchema = z.object({
  document: z.record(z.string(), z.unknown()).optional(),
  sessionId: z.string().trim().min(1).max(64).optional(),
  input: z.object({ text: z.string().max(4000).optional(), buttonId: z.string().max(64).optional() }).optional(),
  locale: z.enum(['ru', 'en']).optional(),
});
export type SimulateBotFlowInput = z.output<typeof simulateBotFlowSchema>;
