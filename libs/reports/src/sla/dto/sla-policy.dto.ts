import { z } from 'zod';
import { listQuerySchema } from '@app/common';
import { conversationPriority } from '@app/db';

const ids = z.array(z.uuid()).max(100);
const seconds = z.number().int().min(60).max(365 * 86_400).nullable();

export const slaConditionsSchema = z.object({
  inboxIds: ids.optional(),
  teamIds: ids.optional(),
  priorities: z.array(z.enum(conversationPriority.enumValues)).max(4).optional(),
  labels: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
});

const policyFields = {
  name: z.string().trim().min(1).max(120),
  active: z.boolean(),
  position: z.number().int().min(0).max(10_000),
  firstResponseSeconds: seconds,
  nextResponseSeconds: seconds,
  resolutionSeconds: seconds,
  businessHoursOnly: z.boolean(),
  warningPercent: z.number().int().min(1).max(99),
  conditions: slaConditionsSchema,
};

export const createSlaPolicySchema = z.object({
  ...policyFields,
  active: policyFields.active.default(true),
  position: policyFields.position.optional(),
  firstResponseSeconds: seconds.default(null),
  nextResponseSeconds: seconds.default(null),
  resolutionSeconds: seconds.default(null),
  businessHoursOnly: policyFields.businessHoursOnly.default(false),
  warningPercent: policyFields.warningPercent.default(80),
  conditions: slaConditionsSchema.default({}),
});
export type CreateSlaPolicyInput = z.infer<typeof createSlaPolicySchema>;

export const updateSlaPolicySchema = z.object(policyFields).partial();
export type UpdateSlaPolicyInput = z.infer<typeof updateSlaPolicySchema>;

export const listSlaPoliciesSchema = listQuerySchema;
