import { foldForSearch } from '@app/common';
import type { Conversation, InboxType } from '@app/db';
import { compileSafeRegex, MATCHED_TEXT_LIMIT } from '../text-pattern.js';
import type { RuleCondition, RuleEvent } from './dto/automation-rule.dto.js';

/** What the conditions of a rule are checked against, gathered once per event. */
export interface RuleFacts {
  event: RuleEvent;
  inboxId: string | null;
  channel: InboxType | null;
  /** The message's text (message.created). */
  text: string | null;
  senderType: 'contact' | 'user' | 'bot' | 'system' | null;
  contact: { name: string; phones: string[]; emails: string[]; tags: string[]; customFields: Record<string, unknown> } | null;
  /** Null when the inbox has no business hours: it counts as open. */
  businessOpen: boolean | null;
  dealStageId: string | null;
  status: Conversation['status'] | null;
  /** The segments the contact is in, among those the rules ask about. */
  segmentIds?: ReadonlySet<string>;
}

type Condition<T extends RuleCondition['type']> = Extract<RuleCondition, { type: T }>;

function contactValues(facts: RuleFacts, field: string): string[] {
  const contact = facts.contact;
  if (!contact) return [];
  if (field === 'name') return contact.name ? [contact.name] : [];
  if (field === 'phone') return contact.phones;
  if (field === 'email') return contact.emails;
  const value = contact.customFields[field.slice('custom.'.length)];
  return value === undefined || value === null || value === '' ? [] : [String(value)];
}

function contactFieldMatches(c: Condition<'contact_field'>, facts: RuleFacts): boolean {
  const values = contactValues(facts, c.field).map((v) => foldForSearch(v));
  const wanted = foldForSearch(c.value ?? '');
  switch (c.op) {
    case 'exists':
      return values.length > 0;
    case 'not_exists':
      return values.length === 0;
    case 'equals':
      return values.includes(wanted);
    case 'not_equals':
      return !values.includes(wanted);
    case 'contains':
      return values.some((v) => v.includes(wanted));
  }
}

function textMatches(c: Condition<'text'>, text: string | null): boolean {
  const subject = (text ?? '').slice(0, MATCHED_TEXT_LIMIT);
  if (c.op === 'regex') return compileSafeRegex(c.value).test(subject);
  const found = foldForSearch(subject).includes(foldForSearch(c.value));
  return c.op === 'contains' ? found : !found;
}

export function conditionHolds(c: RuleCondition, facts: RuleFacts): boolean {
  switch (c.type) {
    case 'channel':
      return facts.channel !== null && c.in.includes(facts.channel);
    case 'inbox':
      return facts.inboxId !== null && c.in.includes(facts.inboxId);
    case 'text':
      return textMatches(c, facts.text);
    case 'contact_field':
      return contactFieldMatches(c, facts);
    case 'contact_tag': {
      const has = (facts.contact?.tags ?? []).some((tag) => foldForSearch(tag) === foldForSearch(c.value));
      return c.op === 'has' ? has : !has;
    }
    case 'business_hours':
      return (facts.businessOpen ?? true) === (c.is === 'open');
    case 'deal_stage':
      return facts.dealStageId !== null && c.in.includes(facts.dealStageId);
    case 'sender':
      return facts.senderType !== null && (c.in as string[]).includes(facts.senderType);
    case 'status':
      return facts.status !== null && c.in.includes(facts.status);
    case 'contact_in_segment': {
      const inside = facts.segmentIds?.has(c.segmentId) ?? false;
      return c.op === 'in' ? inside : !inside;
    }
  }
}

/** Whether a rule fires for these facts. A message.created rule without a sender condition sees only the customer's messages. */
export function ruleMatches(rule: { event: RuleEvent; match: 'all' | 'any'; conditions: RuleCondition[] }, facts: RuleFacts): boolean {
  if (rule.event !== facts.event) return false;
  if (facts.event === 'message.created' && !rule.conditions.some((c) => c.type === 'sender') && facts.senderType !== 'contact') return false;
  if (rule.conditions.length === 0) return true;
  return rule.match === 'all' ? rule.conditions.every((c) => conditionHolds(c, facts)) : rule.conditions.some((c) => conditionHolds(c, facts));
}
