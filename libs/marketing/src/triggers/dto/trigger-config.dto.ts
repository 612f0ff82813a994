import { z } from 'zod';

const customFieldKey = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}_-]{1,64}$/u, 'Use 1–64 letters, digits, _ or -');

/** A date of the contact: the birthday, a custom field holding a date (YYYY-MM-DD or DD.MM.YYYY), or when the contact was created. */
export const dateTriggerConfigSchema = z
  .object({
    field: z.enum(['birthday', 'custom', 'created_at']),
    customFieldKey: customFieldKey.optional(),
    /** Negative: days before the date; positive: after. */
    offsetDays: z.number().int().min(-365).max(365).default(0),
  })
  .superRefine(
    (config, ctx) => {
      if (config.field === 'custom' && !config.customFieldKey) ctx.addIssue({ code: 'custom', path: ['customFieldKey'], message: 'Name the custom field that holds the date' });
    },
    // Also beside the offset's or field's own errors, so the form shows them all at once.
    { when: () => true },
  );
export type DateTriggerConfig = z.output<typeof dateTriggerConfigSchema>;

export const eventTriggerConfigSchema = z.discriminatedUnion('event', [
  /** A deal moved into this stage. */
  z.object({ event: z.literal('deal_stage'), pipelineId: z.uuid().optional(), stageId: z.uuid() }),
  /** The team wrote last and the customer has not answered for this many days. */
  z.object({ event: z.literal('no_reply'), days: z.number().int().min(1).max(90) }),
  /** A bot session's cart stayed without an order this many hours after the session ended or went quiet. */
  z.object({ event: z.literal('cart_abandoned'), hours: z.number().int().min(1).max(720) }),
]);
export type EventTriggerConfig = z.output<typeof eventTriggerConfigSchema>;
export type TriggerEvent = EventTriggerConfig['event'];
