import { describe, expect, it } from 'vitest';
import { t } from '@app/i18n';
import { ACTION_FIELDS, ACTION_TYPES, actionTypesFor, CONDITION_FIELDS, CONDITION_TYPES, conditionTypesFor, draftToRule, emptyRow, RULE_EVENTS, ruleToDraft } from './rule-draft.js';

const rule = {
  name: 'VIP to sales',
  enabled: true,
  event: 'message.created',
  match: 'any' as const,
  conditions: [
    { type: 'channel', in: ['telegram', 'vk'] },
    { type: 'text', op: 'regex', value: 'заказ|order' },
    { type: 'contact_field', field: 'email', op: 'exists' },
  ],
  actions: [
    { type: 'add_label', label: 'vip' },
    { type: 'create_task', subject: 'Call back', dueInMinutes: 30, ownerId: 'assignee' },
  ],
};

describe('automation rule editor state', () => {
  it('gives back the same rule JSON it was opened with', () => {
    expect(draftToRule(ruleToDraft(rule))).toEqual(rule);
  });

  it('sends numbers as numbers and leaves out optional inputs left empty', () => {
    const draft = ruleToDraft(null);
    draft.name = 'Follow up';
    draft.actions = [{ ...emptyRow('action', 'create_task'), values: { subject: 'Ring', body: '', dueInMinutes: '15', ownerId: '' } }];
    expect(draftToRule(draft).actions).toEqual([{ type: 'create_task', subject: 'Ring', dueInMinutes: 15 }]);
  });

  it('starts a new row with the first choice of each select and empty lists', () => {
    expect(emptyRow('condition', 'text').values).toEqual({ op: 'contains', value: '' });
    expect(emptyRow('condition', 'status').values).toEqual({ in: [] });
    expect(draftToRule({ ...ruleToDraft(null), conditions: [emptyRow('condition', 'business_hours')] }).conditions).toEqual([{ type: 'business_hours', is: 'open' }]);
  });

  it('sends a required input left empty so the server can name it', () => {
    const draft = { ...ruleToDraft(null), actions: [emptyRow('action', 'webhook')] };
    expect(draftToRule(draft).actions).toEqual([{ type: 'webhook', url: '' }]);
  });

  it('offers the sender condition on message rules only and deal actions on deal rules', () => {
    expect(conditionTypesFor('message.created')).toContain('sender');
    expect(conditionTypesFor('conversation.created')).not.toContain('sender');
    expect(conditionTypesFor('deal.stage_changed')).toEqual(['contact_field', 'contact_tag', 'business_hours', 'deal_stage', 'contact_in_segment']);
    expect(actionTypesFor('deal.stage_changed')).not.toContain('assign_agent');
  });

  it('has a label in both languages for every event, type, input and choice the editor shows', () => {
    const channels = new Set(['telegram', 'vk', 'email', 'sms', 'webchat', 'telephony', 'api']);
    const keys = [
      ...RULE_EVENTS.map((e) => `ui.settings.rule.event.${e}`),
      ...CONDITION_TYPES.map((c) => `ui.settings.rule.condition.${c}`),
      ...ACTION_TYPES.map((a) => `ui.settings.rule.action.${a}`),
      ...[...Object.values(CONDITION_FIELDS), ...Object.values(ACTION_FIELDS)].flat().flatMap((f) => [
        `ui.settings.rule.field.${f.name}`,
        ...[...(f.options ?? []), ...(f.extra ?? [])].map((o) => (channels.has(o) ? `ui.settings.channel.${o}` : `ui.settings.rule.opt.${o}`)),
      ]),
    ];
    for (const key of keys) {
      for (const locale of ['en', 'ru'] as const) expect(t(key as Parameters<typeof t>[0], {}, locale), `${key} (${locale})`).not.toBe(key);
    }
  });
});
