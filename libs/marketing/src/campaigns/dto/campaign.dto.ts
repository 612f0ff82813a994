import { z } from 'zod';
import { listQuerySchema, requestContext } from '@app/common';
import { campaignRecipientStatus, campaignStatus } from '@app/db';
import { t, type MessageKey } from '@app/i18n';

/** A message in the request's language, for checks whose zod default would not say what to do. */
const say = (key: MessageKey) => ({ error: () => t(key, {}, requestContext.locale()) });

/** Fits campaigns.cost: numeric(14, 2), given as a string or a number, kept as a string with two decimals. */
const cost = z
  .union([z.string().trim(), z.number().nonnegative()])
  .transform((value) => String(value))
  .pipe(z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, say('campaigns.cost_invalid')))
  .transform((value) => Number(value).toFixed(2));

/** Values merged over each contact's template context, e.g. {"promo": "SPRING"}. */
const variables = z.record(z.string().trim().min(1).max(100).regex(/^[\p{L}\p{N}_.-]+$/u, say('campaigns.variable_name_invalid')), z.string().max(1000)).refine((v) => Object.keys(v).length <= 50, say('campaigns.variables_too_many'));

export const createCampaignSchema = z.object({
  name: z.string().trim().min(1).max(200),
  inboxId: z.uuid(),
  segmentId: z.uuid(),
  templateId: z.uuid(),
  variables: variables.default({}),
  /** When a launch without its own time starts sending; null or absent: at once. */
  scheduledAt: z.iso.datetime({ offset: true }).nullable().default(null),
  cost: cost.nullable().default(null),
});
export type CreateCampaignInput = z.output<typeof createCampaignSchema>;

export const updateCampaignSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  inboxId: z.uuid().optional(),
  segmentId: z.uuid().optional(),
  templateId: z.uuid().optional(),
  variables: variables.optional(),
  scheduledAt: z.iso.datetime({ offset: true }).nullable().optional(),
  cost: cost.nullable().optional(),
});
export type UpdateCampaignInput = z.output<typeof updateCampaignSchema>;

export const listCampaignsSchema = listQuerySchema.extend({
  status: z.enum(campaignStatus.enumValues).optional(),
});
export type ListCampaignsQuery = z.output<typeof listCampaignsSchema>;

export const launchCampaignSchema = z.object({
  /** Overrides the campaign's scheduledAt; absent: the saved time, or now. */
  scheduledAt: z.iso.datetime({ offset: true }).nullable().optional(),
});
export type LaunchCampaignInput = z.output<typeof launchCampaignSchema>;

export const listRecipientsSchema = z.object({
  status: z.enum(campaignRecipientStatus.enumValues).optional(),
  cursor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListRecipientsQuery = z.output<typeof listRecipientsSchema>;
