/** The automation rule editor's state, and its conversion to and from the rule JSON the API takes. */

export const RULE_EVENTS = ['conversation.created', 'message.created', 'conversation.status_changed', 'conversation.assigned', 'deal.stage_changed'] as const;
export const CONDITION_TYPES = ['channel', 'inbox', 'text', 'contact_field', 'contact_tag', 'business_hours', 'deal_stage', 'sender', 'status', 'contact_in_segment'] as const;
export const ACTION_TYPES = ['assign_agent', 'assign_team', 'add_label', 'set_priority', 'send_template', 'add_note', 'create_deal', 'create_task', 'change_deal_stage', 'webhook', 'start_bot_flow'] as const;
export type ConditionType = (typeof CONDITION_TYPES)[number];
export type ActionType = (typeof ACTION_TYPES)[number];

/** Lists the editor offers choices from. */
export type RefList = 'users' | 'teams' | 'templates' | 'inboxes' | 'stages' | 'pipelines' | 'segments';

export interface RowField {
  name: string;
  kind: 'text' | 'textarea' | 'number' | 'select' | 'multi' | 'ref';
  /** select and multi: fixed choices. */
  options?: readonly string[];
  /** ref and multi: choices from a list, by id. */
  ref?: RefList;
  /** ref: fixed choices offered before the list's items. */
  extra?: readonly string[];
  optional?: boolean;
}

const CHANNELS = ['telegram', 'vk', 'email', 'sms', 'webchat', 'telephony', 'api'];

export const CONDITION_FIELDS: Record<ConditionType, RowField[]> = {
  channel: [{ name: 'in', kind: 'multi', options: CHANNELS }],
  inbox: [{ name: 'in', kind: 'multi', ref: 'inboxes' }],
  text: [
    { name: 'op', kind: 'select', options: ['contains', 'not_contains', 'regex'] },
    { name: 'value', kind: 'text' },
  ],
  contact_field: [
    { name: 'field', kind: 'text' },
    { name: 'op', kind: 'select', options: ['equals', 'not_equals', 'contains', 'exists', 'not_exists'] },
    { name: 'value', kind: 'text', optional: true },
  ],
  contact_tag: [
    { name: 'op', kind: 'select', options: ['has', 'not_has'] },
    { name: 'value', kind: 'text' },
  ],
  business_hours: [{ name: 'is', kind: 'select', options: ['open', 'closed'] }],
  deal_stage: [{ name: 'in', kind: 'multi', ref: 'stages' }],
  sender: [{ name: 'in', kind: 'multi', options: ['contact', 'user', 'bot'] }],
  status: [{ name: 'in', kind: 'multi', options: ['open', 'pending', 'snoozed', 'resolved'] }],
  contact_in_segment: [
    { name: 'op', kind: 'select', options: ['in', 'not_in'] },
    { name: 'segmentId', kind: 'ref', ref: 'segments' },
  ],
};

export const ACTION_FIELDS: Record<ActionType, RowField[]> = {
  assign_agent: [{ name: 'userId', kind: 'ref', ref: 'users' }],
  assign_team: [{ name: 'teamId', kind: 'ref', ref: 'teams' }],
  add_label: [{ name: 'label', kind: 'text' }],
  set_priority: [{ name: 'priority', kind: 'select', options: ['low', 'medium', 'high', 'urgent'] }],
  send_template: [{ name: 'templateId', kind: 'ref', ref: 'templates' }],
  add_note: [{ name: 'text', kind: 'textarea' }],
  create_deal: [
    { name: 'title', kind: 'text' },
    { name: 'pipelineId', kind: 'ref', ref: 'pipelines', optional: true },
    { name: 'stageId', kind: 'ref', ref: 'stages', optional: true },
    { name: 'amount', kind: 'text', optional: true },
  ],
  create_task: [
    { name: 'subject', kind: 'text' },
    { name: 'body', kind: 'textarea', optional: true },
    { name: 'dueInMinutes', kind: 'number', optional: true },
    { name: 'ownerId', kind: 'ref', ref: 'users', extra: ['assignee', 'deal_owner'], optional: true },
  ],
  change_deal_stage: [{ name: 'stageId', kind: 'ref', ref: 'stages' }],
  webhook: [{ name: 'url', kind: 'text' }],
  start_bot_flow: [{ name: 'flowId', kind: 'text' }],
};

/** A deal event has no conversation: only these conditions and actions apply to it. */
const DEAL_CONDITIONS: readonly ConditionType[] = ['contact_field', 'contact_tag', 'business_hours', 'deal_stage', 'contact_in_segment'];
const DEAL_ACTIONS: readonly ActionType[] = ['create_task', 'change_deal_stage', 'webhook', 'start_bot_flow'];

export function conditionTypesFor(event: string): ConditionType[] {
  if (event === 'deal.stage_changed') return [...DEAL_CONDITIONS];
  return CONDITION_TYPES.filter((type) => type !== 'sender' || event === 'message.created');
}

export function actionTypesFor(event: string): ActionType[] {
  return event === 'deal.stage_changed' ? [...DEAL_ACTIONS] : [...ACTION_TYPES];
}

/** One condition or action row: its type and the inputs' values (lists for multi-choice inputs). */
export interface RowDraft {
  key: number;
  type: string;
  values: Record<string, string | string[]>;
}

export interface RuleDraft {
  name: string;
  enabled: boolean;
  event: string;
  match: 'all' | 'any';
  conditions: RowDraft[];
  actions: RowDraft[];
}

let nextKey = 1;

export function fieldsOfRow(kind: 'condition' | 'action', type: string): RowField[] {
  return (kind === 'condition' ? CONDITION_FIELDS[type as ConditionType] : ACTION_FIELDS[type as ActionType]) ?? [];
}

/** A new row of a type, with the first choice of each select already made. */
export function emptyRow(kind: 'condition' | 'action', type: string): RowDraft {
  const values: RowDraft['values'] = {};
  for (const field of fieldsOfRow(kind, type)) values[field.name] = field.kind === 'multi' ? [] : field.kind === 'select' ? (field.options?.[0] ?? '') : '';
  return { key: nextKey++, type, values };
}

function toRow(kind: 'condition' | 'action', item: Record<string, unknown>): RowDraft {
  const row = emptyRow(kind, String(item.type));
  for (const [name, value] of Object.entries(item)) {
    if (name === 'type' || value === undefined || value === null) continue;
    row.values[name] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return row;
}

function fromRow(kind: 'condition' | 'action', row: RowDraft): Record<string, unknown> {
  const item: Record<string, unknown> = { type: row.type };
  for (const field of fieldsOfRow(kind, row.type)) {
    const value = row.values[field.name];
    if (field.kind === 'multi') {
      item[field.name] = Array.isArray(value) ? value : [];
      continue;
    }
    const text = typeof value === 'string' ? value : '';
    if (!text.trim() && field.optional) continue;
    item[field.name] = field.kind === 'number' && text.trim() && Number.isFinite(Number(text)) ? Number(text) : text;
  }
  return item;
}

export function ruleToDraft(rule: { name: string; enabled: boolean; event: string; match: 'all' | 'any'; conditions: Array<Record<string, unknown>>; actions: Array<Record<string, unknown>> } | null): RuleDraft {
  if (!rule) return { name: '', enabled: true, event: 'conversation.created', match: 'all', conditions: [], actions: [emptyRow('action', 'add_label')] };
  return {
    name: rule.name,
    enabled: rule.enabled,
    event: rule.event,
    match: rule.match,
    conditions: rule.conditions.map((c) => toRow('condition', c)),
    actions: rule.actions.map((a) => toRow('action', a)),
  };
}

export function draftToRule(draft: RuleDraft) {
  return {
    name: draft.name,
    enabled: draft.enabled,
    event: draft.event,
    match: draft.match,
    conditions: draft.conditions.map((row) => fromRow('condition', row)),
    actions: draft.actions.map((row) => fromRow('action', row)),
  };
}
