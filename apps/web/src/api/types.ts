/** The shapes the REST API and the /agents namespace answer with, as the web app uses them. */
// The browser takes only the wire types, not the lib's index (which brings the Nest server with it).
// eslint-disable-next-line no-restricted-imports
import type { ConversationPayload, MessagePayload } from '../../../../libs/realtime/src/agent-events.js';

export type Locale = 'ru' | 'en';
export type Role = 'admin' | 'supervisor' | 'agent';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: string;
  active?: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type ChannelType = 'api' | 'webchat' | 'telegram' | 'vk' | 'email' | 'sms' | 'telephony' | string;

export interface Inbox {
  id: string;
  type: ChannelType;
  name: string;
  enabled: boolean;
}

export interface Team {
  id: string;
  name: string;
}

// The live payloads are one contract with the server (libs/realtime); the REST answers share them.
export type ConversationStatus = ConversationPayload['status'];
export type Priority = NonNullable<ConversationPayload['priority']>;

export interface Conversation extends Omit<ConversationPayload, 'lastIncomingAt'> {
  lastIncomingAt?: string | null;
  inbox?: { id: string; type: ChannelType; name: string };
}

export type MessageStatus = MessagePayload['status'];
export type Attachment = MessagePayload['attachments'][number];
export type Message = MessagePayload;

export interface Activity {
  id: string;
  type: 'call' | 'meeting' | 'email' | 'task' | 'note' | string;
  subject: string;
  body: string | null;
  dueAt: string | null;
  done: boolean;
  contactId: string | null;
  dealId: string | null;
  conversationId: string | null;
  createdAt: string;
}

export type TimelineEntry = { kind: 'message'; at: string; message: Message } | { kind: 'activity'; at: string; activity: Activity };

export interface ContactIdentity {
  id: string;
  inboxId: string;
  externalId: string;
  username: string | null;
  displayName: string | null;
}

export interface Contact {
  id: string;
  name: string;
  phones: string[];
  emails: string[];
  tags: string[];
  companyId: string | null;
  blocked: boolean;
  createdAt: string;
  /** Marketing consent: when and how the contact opted out (null: subscribed). */
  optedOutAt?: string | null;
  optOutSource?: 'reply' | 'link' | 'agent' | 'api' | null;
  /** IANA zone, e.g. Europe/Moscow. */
  timeZone?: string | null;
  /** YYYY-MM-DD. */
  birthday?: string | null;
  identities?: ContactIdentity[];
  company?: { id: string; name: string } | null;
  openDealsCount?: number;
}

export interface Company {
  id: string;
  name: string;
  domain: string | null;
  phone: string | null;
  address: string | null;
  createdAt: string;
  contactsCount?: number;
}

export interface Stage {
  id: string;
  pipelineId: string;
  name: string;
  position: number;
  kind: 'open' | 'won' | 'lost';
  probability: number;
}

export interface Pipeline {
  id: string;
  name: string;
  isDefault: boolean;
  stages: Stage[];
}

export interface Deal {
  id: string;
  title: string;
  amount: string | null;
  currency: string;
  pipelineId: string;
  stageId: string;
  status: 'open' | 'won' | 'lost';
  contactId: string | null;
  companyId: string | null;
  ownerId: string | null;
  createdAt: string;
  stage?: { id: string; name: string; kind: string; probability: number };
  contact?: { id: string; name: string } | null;
  company?: { id: string; name: string } | null;
}

/** An event of the /agents namespace. */
export interface LiveEvent<T = unknown> {
  id: number;
  type: LiveEventType;
  inboxId: string | null;
  conversationId: string | null;
  payload: T;
  at: string;
}

export type LiveEventType =
  | 'conversation.created'
  | 'conversation.updated'
  | 'conversation.assigned'
  | 'conversation.status_changed'
  | 'message.created'
  | 'message.updated'
  | 'typing'
  | 'presence'
  /** A bot session of a conversation started, handed off, ended or was stopped. */
  | 'bot.session.changed'
  | 'sla.warning'
  | 'sla.breached'
  | 'sla.hit'
  /** A campaign's counters moved (to supervisors and admins). */
  | 'campaign.progress'
  /** A ticket's due date passed while it is open (to its assignee, or its inbox when unassigned). */
  | 'ticket.overdue';

export const LIVE_EVENT_TYPES: readonly LiveEventType[] = [
  'conversation.created',
  'conversation.updated',
  'conversation.assigned',
  'conversation.status_changed',
  'message.created',
  'message.updated',
  'typing',
  'presence',
  'bot.session.changed',
  'sla.warning',
  'sla.breached',
  'sla.hit',
  'campaign.progress',
  'ticket.overdue',
];

export interface TypingPayload {
  conversationId: string;
  userId?: string;
  contact?: boolean;
  typing: boolean;
}

export interface PresencePayload {
  userId: string;
  status: 'online' | 'busy' | 'offline';
}
