/** The shapes the REST API and the /agents namespace answer with, as the web app uses them. */
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

export type ConversationStatus = 'open' | 'pending' | 'snoozed' | 'resolved';
export type Priority = 'low' | 'medium' | 'high' | 'urgent';

export interface Conversation {
  id: string;
  inboxId: string;
  contactId: string;
  status: ConversationStatus;
  snoozedUntil: string | null;
  priority: Priority | null;
  labels: string[];
  assigneeId: string | null;
  teamId: string | null;
  dealId: string | null;
  unreadCount: number;
  lastMessageAt: string | null;
  lastMessagePreview: string | null;
  /** When the customer last wrote; newer than lastMessageAt's reply means they are waiting. */
  lastIncomingAt?: string | null;
  contact?: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
  inbox?: { id: string; type: ChannelType; name: string };
}

export type MessageStatus = 'received' | 'queued' | 'sent' | 'delivered' | 'read' | 'failed';

export interface Attachment {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number | null;
  url: string | null;
}

export interface Message {
  id: string;
  conversationId: string;
  inboxId: string;
  messageType: 'incoming' | 'outgoing' | 'note' | 'system';
  senderType: 'contact' | 'user' | 'bot' | 'system';
  senderId: string | null;
  content: string | null;
  status: MessageStatus;
  error: string | null;
  attachments: Attachment[];
  contentAttributes: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

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
  | 'presence';

export const LIVE_EVENT_TYPES: readonly LiveEventType[] = [
  'conversation.created',
  'conversation.updated',
  'conversation.assigned',
  'conversation.status_changed',
  'message.created',
  'message.updated',
  'typing',
  'presence',
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
