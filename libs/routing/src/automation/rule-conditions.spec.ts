import { describe, expect, it } from 'vitest';
import type { RuleCondition } from './dto/automation-rule.dto.js';
import { ruleMatches, type RuleFacts } from './rule-conditions.js';

const INBOX = '0193a0b2-0000-7000-8000-000000000001';
const STAGE = '0193a0b2-0000-7000-8000-0000000000aa';

const facts: RuleFacts = {
  event: 'message.created',
  inboxId: INBOX,
  channel: 'telegram',
  text: 'Хочу заказать доставку, заказ №4521',
  senderType: 'contact',
  contact: { name: 'Ольга Ёжикова', phones: ['+79120001122'], emails: [], tags: ['VIP'], customFields: { city: 'Казань', level: 3 } },
  businessOpen: false,
  dealStageId: STAGE,
  status: 'open',
};

const rule = (conditions: RuleCondition[], match: 'all' | 'any' = 'all') => ({ event: 'message.created' as const, match, conditions });

describe('ruleMatches', () => {
  it('fires when every condition holds', () => {
    expect(
      ruleMatches(
        rule([
          { type: 'channel', in: ['telegram', 'vk'] },
          { type: 'inbox', in: [INBOX] },
          { type: 'text', op: 'contains', value: 'ДОСТАВКУ' },
          { type: 'text', op: 'regex', value: 'заказ\\s*№\\s*\\d+' },
          { type: 'contact_field', field: 'name', op: 'contains', value: 'ежикова' },
          { type: 'contact_field', field: 'custom.city', op: 'equals', value: 'казань' },
          { type: 'contact_field', field: 'custom.level', op: 'equals', value: '3' },
          { type: 'contact_field', field: 'email', op: 'not_exists' },
          { type: 'contact_tag', op: 'has', value: 'vip' },
          { type: 'business_hours', is: 'closed' },
          { type: 'deal_stage', in: [STAGE] },
          { type: 'status', in: ['open'] },
        ]),
        facts,
      ),
    ).toBe(true);
  });

  it('does not fire when one condition of an all-rule fails', () => {
    for (const failing of [
      { type: 'channel', in: ['email'] },
      { type: 'text', op: 'not_contains', value: 'доставк' },
      { type: 'text', op: 'regex', value: '^привет' },
      { type: 'contact_field', field: 'phone', op: 'equals', value: '+70000000000' },
      { type: 'contact_tag', op: 'not_has', value: 'VIP' },
      { type: 'business_hours', is: 'open' },
      { type: 'status', in: ['resolved'] },
    ] as RuleCondition[]) {
      expect(ruleMatches(rule([{ type: 'channel', in: ['telegram'] }, failing]), facts), failing.type).toBe(false);
    }
  });

  it('fires an any-rule when one condition holds and not when none does', () => {
    expect(ruleMatches(rule([{ type: 'channel', in: ['email'] }, { type: 'contact_tag', op: 'has', value: 'vip' }], 'any'), facts)).toBe(true);
    expect(ruleMatches(rule([{ type: 'channel', in: ['email'] }, { type: 'contact_tag', op: 'has', value: 'new' }], 'any'), facts)).toBe(false);
  });

  it('checks segment membership against the segments gathered for the contact', () => {
    const SEGMENT = '0193a0b2-0000-7000-8000-0000000000bb';
    const OTHER = '0193a0b2-0000-7000-8000-0000000000cc';
    const inSegment: RuleFacts = { ...facts, segmentIds: new Set([SEGMENT]) };
    expect(ruleMatches(rule([{ type: 'contact_in_segment', op: 'in', segmentId: SEGMENT }]), inSegment)).toBe(true);
    expect(ruleMatches(rule([{ type: 'contact_in_segment', op: 'in', segmentId: OTHER }]), inSegment)).toBe(false);
    expect(ruleMatches(rule([{ type: 'contact_in_segment', op: 'not_in', segmentId: OTHER }]), inSegment)).toBe(true);
    expect(ruleMatches(rule([{ type: 'contact_in_segment', op: 'in', segmentId: SEGMENT }]), facts)).toBe(false);
  });

  it('sees only the customer\'s messages unless the rule names the sender', () => {
    const agentReply: RuleFacts = { ...facts, senderType: 'user' };
    expect(ruleMatches(rule([]), agentReply)).toBe(false);
    expect(ruleMatches(rule([{ type: 'sender', in: ['user'] }]), agentReply)).toBe(true);
  });

  it('does not fire for another event and counts an inbox without hours as open', () => {
    expect(ruleMatches({ ...rule([]), event: 'conversation.created' }, facts)).toBe(false);
    expect(ruleMatches(rule([{ type: 'business_hours', is: 'open' }]), { ...facts, businessOpen: null })).toBe(true);
  });
});
