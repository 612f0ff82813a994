import { z } from 'zod';
import { listQuerySchema } from '@app/common';
import { conversationPriority, conversationStatus, inboxType } from '@app/db';
import { compileSafeRegex, UnsafePatternError } from '../../text-pattern.js';

export const RULE_EVENTS = ['conversation.created', 'message.created', 'conversation.status_changed', 'conversation.assigned', 'deal.stage_changed'] as const;
export type RuleEvent = (typeof RULE_EVENTS)[number];

const ids = z.array(z.uuid()).min(1).max(50);
const shortText = z.string().trim().min(1).max(500);

const textCondition = z
  .object({ type: z.literal('text'), op: z.enum(['contains', 'not_contains', 'regex']), value: shortText })
  .superRefine((c, ctx) => {
    if (c.op !== 'regex') return;
    try {
      compileSafeRegex(c.value);
    } catch (error) {
      if (!(error instanceof UnsafePatternError)) throw error;
      ctx.addIssue({ code: 'custom', path: ['value'], message: `Unsafe or invalid regular expression: ${error.message}` });
    }
  });

export const ruleConditionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('channel'), in: z.array(z.enum(inboxType.enumValues)).min(1) }),
  z.object({ type: z.literal('inbox'), in: ids }),
  textCondition,
  z.object({
    type: z.literal('contact_field'),
    /** name, phone, email, or custom.<field>. */
    field: z.string().regex(/^(name|phone|email|custom\.[\p{L}\p{N}_-]+)$/u, 'Use name, phone, email or custom.<field>'),
    op: z.enum(['equals', 'not_equals', 'contains', 'exists', 'not_exists']),
    value: z.string().max(500).optional(),
  }),
  z.object({ type: z.literal('contact_tag'), op: z.enum(['has', 'not_has']), value: z.string().trim().min(1).max(50) }),
  z.object({ type: z.literal('business_hours'), is: z.enum(['open', 'closed']) }),
  z.object({ type: z.literal('deal_stage'), in: ids }),
  /** message.created only: who wrote. Without this condition a rule sees the customer's messages only. */
  z.object({ type: z.literal('sender'), in: z.array(z.enum(['contact', 'user', 'bot'])).min(1) }),
  z.object({ type: z.literal('status'), in: z.array(z.enum(conversationStatus.enumValues)).min(1) }),
  /** The contact matches the saved segment's filter now (or does not, with not_in). */
  z.object({ type: z.literal('contact_in_segment'), op: z.enum(['in', 'not_in']).default('in'), segmentId: z.uuid() }),
]);
export type RuleCondition = z.output<typeof ruleConditionSchema>;

const decimal = z.union([z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, 'A decimal amount such as 15000 or 15000.50'), z.number().nonnegative()]).transform(String);

export const ruleActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('assign_agent'), userId: z.uuid() }),
  /** The team's assignment policy then picks the agent. */
  z.object({ type: z.literal('assign_team'), teamId: z.uuid() }),
  z.object({ type: z.literal('add_label'), label: z.string().trim().min(1).max(100) }),
  z.object({ type: z.literal('set_priority'), priority: z.enum(conversationPriority.enumValues) }),
  /** Sent to the customer as the bot, rendered for the conversation. */
  z.object({ type: z.literal('send_template'), templateId: z.uuid() }),
  /** A private note; template variables work here too. */
  z.object({ type: z.literal('add_note'), text: z.string().trim().min(1).max(5000) }),
  /** Skipped when the conversation already has a deal. */
  z.object({ type: z.literal('create_deal'), title: shortText, pipelineId: z.uuid().optional(), stageId: z.uuid().optional(), amount: decimal.optional() }),
  z.object({
    type: z.literal('create_task'),
    subject: z.string().trim().min(1).max(300),
    body: z.string().max(5000).optional(),
    dueInMinutes: z.number().int().min(0).max(525_600).optional(),
    /** A user, or whoever is the conversation's assignee or the deal's owner when the rule runs. */
    ownerId: z.union([z.uuid(), z.enum(['assignee', 'deal_owner'])]).optional(),
  }),
  z.object({ type: z.literal('change_deal_stage'), stageId: z.uuid() }),
  /** POSTs the event as JSON, signed (X-Omnibox-Signature: sha256=HMAC(secret, timestamp + "." + body)), retried with backoff. */
  z.object({ type: z.literal('webhook'), url: z.url({ protocol: /^https?$/ }).max(2000) }),
  /** Starts the published bot flow (its id) in the conversation, or in the latest conversation of the deal. */
  z.object({ type: z.literal('start_bot_flow'), flowId: z.string().trim().min(1).max(100) }),
]);
export type RuleAction = z.output<typeof ruleActionSchema>;

/** A deal event has no conversation: only these conditions and actions make sense for it. */
const DEAL_CONDITIONS = new Set<RuleCondition['type']>(['contact_field', 'contact_tag', 'business_hours', 'deal_stage', 'contact_in_segment']);
const DEAL_ACTIONS = new Set<RuleAction['type']>(['create_task', 'change_deal_stage', 'webhook', 'start_bot_flow']);

const ruleFields = {
  name: z.string().trim().min(1).max(200),
  enabled: z.boolean(),
  event: z.enum(RULE_EVENTS),
  match: z.enum(['all', 'any']),
  conditions: z.array(ruleConditionSchema).max(20),
  actions: z.array(ruleActionSchema).min(1).max(20),
  position: z.number().int().min(0).max(1_000_000),
};

export const automationRuleSchema = z
  .object({
    ...ruleFields,
    enabled: ruleFields.enabled.default(true),
    match: ruleFields.match.default('all'),
    conditions: ruleFields.conditions.default([]),
    position: ruleFields.position.optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.event !== 'message.created') {
      rule.conditions.forEach((c, i) => {
        if (c.type === 'sender') ctx.addIssue({ code: 'custom', path: ['conditions', i, 'type'], message: 'The sender condition applies to message.created rules only' });
      });
    }
    if (rule.event !== 'deal.stage_changed') return;
    rule.conditions.forEach((c, i) => {
      if (!DEAL_CONDITIONS.has(c.type)) ctx.addIssue({ code: 'custom', path: ['conditions', i, 'type'], message: `A deal.stage_changed rule cannot use the ${c.type} condition` });
    });
    rule.actions.forEach((a, i) => {
      if (!DEAL_ACTIONS.has(a.type)) ctx.addIssue({ code: 'custom', path: ['actions', i, 'type'], message: `A deal.stage_changed rule cannot use the ${a.type} action` });
    });
  });
export type AutomationRuleInput = z.output<typeof automationRuleSchema>;

export const updateAutomationRuleSchema = z.object({
  name: ruleFields.name.optional(),
  enabled: ruleFields.enabled.optional(),
  event: ruleFields.event.optional(),
  match: ruleFields.match.optional(),
  conditions: ruleFields.conditions.optional(),
  actions: ruleFields.actions.optional(),
  position: ruleFields.position.optional(),
});
export type UpdateAutomationRuleInput = z.output<typeof updateAutomationRuleSchema>;

export const listAutomationRulesSchema = listQuerySchema.omit({ cursor: true }).extend({ event: z.enum(RULE_EVENTS).optional() });
export type ListAutomationRulesQuery = z.output<typeof listAutomationRulesSchema>;

export const reorderRulesSchema = z.object({ ids: z.array(z.uuid()).min(1).max(1000) });

export const listRunsSchema = listQuerySchema.omit({ q: true }).extend({ conversationId: z.uuid().optional(), ruleId: z.uuid().optional() });
export type ListRunsQuery = z.output<typeof listRunsSchema>;
