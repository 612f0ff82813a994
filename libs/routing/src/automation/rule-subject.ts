import type { Contact, Conversation, Message } from '@app/db';
import type { DealDetails } from '@app/crm';
import type { RuleEvent } from './dto/automation-rule.dto.js';

/** What an event is about. */
export interface RuleSubject {
  conversation?: Conversation;
  message?: Message;
  deal?: DealDetails;
  contact?: Contact;
}

/** What the actions of one run work on; actions update it (a created deal is the one the next action moves). */
export interface ActionContext {
  ruleId: string;
  runId: string;
  event: RuleEvent;
  conversationId: string | null;
  inboxId: string | null;
  contactId: string | null;
  dealId: string | null;
  dealOwnerId: string | null;
  assigneeId: string | null;
  /** The JSON an outgoing webhook sends. */
  payload: Record<string, unknown>;
}

/** The event as an outgoing webhook describes it: ids and the fields a receiver needs, nothing internal. */
export function webhookPayload(event: RuleEvent, subject: RuleSubject, contact: Pick<Contact, 'id' | 'name' | 'phones' | 'emails' | 'tags' | 'customFields'> | null, deal: DealDetails | null) {
  const { conversation: c, message: m } = subject;
  return {
    event,
    occurredAt: new Date().toISOString(),
    conversation: c ? { id: c.id, inboxId: c.inboxId, contactId: c.contactId, status: c.status, priority: c.priority, labels: c.labels, assigneeId: c.assigneeId, teamId: c.teamId, dealId: c.dealId } : null,
    message: m ? { id: m.id, messageType: m.messageType, senderType: m.senderType, content: m.content, createdAt: m.createdAt.toISOString() } : null,
    contact: contact ? { id: contact.id, name: contact.name, phones: contact.phones, emails: contact.emails, tags: contact.tags, customFields: contact.customFields } : null,
    deal: deal ? { id: deal.id, title: deal.title, amount: deal.amount, currency: deal.currency, pipelineId: deal.pipelineId, stageId: deal.stageId, status: deal.status, ownerId: deal.ownerId } : null,
  };
}
