import { z } from 'zod';
import { listQuerySchema } from '@app/common';
import { dateTriggerConfigSchema, eventTriggerConfigSchema, type DateTriggerConfig, type EventTriggerConfig } from './trigger-config.dto.js';

export const TRIGGER_KINDS = ['date', 'event'] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];
export type TriggerConfig = DateTriggerConfig | EventTriggerConfig;

const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM, e.g. 09:30');

const quietHoursSchema = z
  .object({ from: localTime, to: localTime })
  .refine((q) => q.from !== q.to, { message: 'Quiet hours must start and end at different times', path: ['to'] });

const fields = {
  name: z.string().trim().min(1).max(200),
  active: z.boolean(),
  /** null: the inbox of the contact's latest conversation. */
  inboxId: z.uuid().nullable(),
  templateId: z.uuid(),
  segmentId: z.uuid().nullable(),
  /** The local time date triggers send at, in the contact's time zone. */
  sendAtLocal: localTime,
  quietHours: quietHoursSchema.nullable(),
};

const isKind = (kind: unknown): kind is TriggerKind => (TRIGGER_KINDS as readonly unknown[]).includes(kind);
const configSchemaOf = (kind: TriggerKind) => (kind === 'date' ? dateTriggerConfigSchema : eventTriggerConfigSchema);

/**
 * The config must suit the kind; its problems are reported under `config.<field>`, together with the
 * other fields' problems (the check runs even when they failed), so a form shows every error at once.
 */
function checkConfig(input: { kind?: unknown; config?: unknown }, ctx: z.RefinementCtx, required: boolean): void {
  if (input.config === undefined) {
    if (required || input.kind !== undefined) ctx.addIssue({ code: 'custom', path: ['config'], message: 'Send the config that suits the kind' });
    return;
  }
  if (!isKind(input.kind)) {
    if (input.kind === undefined) ctx.addIssue({ code: 'custom', path: ['kind'], message: 'Send the kind together with the config' });
    return;
  }
  const result = configSchemaOf(input.kind).safeParse(input.config, { reportInput: true });
  if (result.success) return;
  for (const issue of result.error.issues) {
    const path = ['config', ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    // Zod's own issues go without their message, so the request's language writes it; ours keep their text.
    const { message, ...rest } = issue;
    ctx.addIssue(issue.code === 'custom' ? { code: 'custom', path, message } : ({ ...rest, path } as Parameters<typeof ctx.addIssue>[0]));
  }
}

const always = { when: () => true };
const withParsedConfig = <T extends { kind?: TriggerKind; config?: unknown }>(input: T) => ({
  ...input,
  config: input.kind && input.config !== undefined ? (configSchemaOf(input.kind).parse(input.config) as TriggerConfig) : undefined,
});

export const createTriggerSchema = z
  .object({
    name: fields.name,
    active: fields.active.default(true),
    kind: z.enum(TRIGGER_KINDS),
    config: z.unknown(),
    inboxId: fields.inboxId.default(null),
    templateId: fields.templateId,
    segmentId: fields.segmentId.default(null),
    sendAtLocal: fields.sendAtLocal.default('10:00'),
    quietHours: fields.quietHours.default(null),
  })
  .superRefine((input, ctx) => checkConfig(input, ctx, true), always)
  .transform((input) => ({ ...input, config: withParsedConfig(input).config as TriggerConfig }));
export type CreateTriggerInput = z.output<typeof createTriggerSchema>;

export const updateTriggerSchema = z
  .object({
    name: fields.name.optional(),
    active: fields.active.optional(),
    kind: z.enum(TRIGGER_KINDS).optional(),
    config: z.unknown().optional(),
    inboxId: fields.inboxId.optional(),
    templateId: fields.templateId.optional(),
    segmentId: fields.segmentId.optional(),
    sendAtLocal: fields.sendAtLocal.optional(),
    quietHours: fields.quietHours.optional(),
  })
  .superRefine((input, ctx) => checkConfig(input, ctx, false), always)
  .transform(withParsedConfig);
export type UpdateTriggerInput = z.output<typeof updateTriggerSchema>;

export const listTriggersSchema = listQuerySchema.extend({
  kind: z.enum(TRIGGER_KINDS).optional(),
});
export type ListTriggersQuery = z.output<typeof listTriggersSchema>;

export const listOccurrencesSchema = z.object({
  cursor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListOccurrencesQuery = z.output<typeof listOccurrencesSchema>;

export const testTriggerSchema = z.object({ contactId: z.uuid() });
