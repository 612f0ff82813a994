/**
 * The wire contract of the /agents namespace: every event an agent's browser receives, in one map.
 * Each arrives as an envelope carrying the event id a reconnecting client catches up from.
 */
export interface ConversationPayload {
  id: string;
  inboxId: string;
  contactId: string;
  status: 'open' | 'pending' | 'snoozed' | 'resolved';
  snoozedUntil: string | null;
  priority: 'low' | 'medium' | 'high' | 'urgent' | null;
  labels: string[];
  assigneeId: string | null;
  teamId: string | null;
  dealId: string | null;
  unreadCount: number;
  lastMessageAt: string | null;
  lastMessagePreview: string | null;
  /** When the customer last wrote: later than lastMessageAt's last reply means they wait for an answer. */
  lastIncomingAt: string | null;
  contact?: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
}

export interface MessagePayload {
  id: string;
  conversationId: string;
  inboxId: string;
  messageType: 'incoming' | 'outgoing' | 'note' | 'system';
  senderType: 'contact' | 'user' | 'bot' | 'system';
  senderId: string | null;
  content: string | null;
  status: 'received' | 'queued' | 'sent' | 'delivered' | 'read' | 'failed';
  error: string | null;
  attachments: { id: string; fileName: string; contentType: string; sizeBytes: number | null; url: string | null }[];
  contentAttributes: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

/** A call ringing at (or answered by) an agent's extension, with what the agent needs to pick it up. */
export interface CallIncomingPayload {
  callId: string;
  activityId: string;
  conversationId: string;
  inboxId: string;
  direction: 'inbound' | 'outbound';
  phase: 'started' | 'answered';
  agentExtension: string;
  /** The caller's number in E.164, or the caller id as the PBX gave it. */
  number: string;
  contact: { id: string; name: string; phones: string[]; emails: string[]; companyId: string | null; tags: string[] };
  openDeals: Array<{ id: string; title: string; amount: string; currency: string; stageId: string }>;
}

export interface SlaAlertPayload {
  conversationId: string;
  kind: 'first_response' | 'next_response' | 'resolution';
  dueAt: string;
  assigneeId: string | null;
  inboxId: string;
  contactName: string | null;
}

export interface AgentEventMap {
  'conversation.created': ConversationPayload;
  'conversation.updated': ConversationPayload;
  'conversation.assigned': ConversationPayload;
  'conversation.status_changed': ConversationPayload & { previousStatus: ConversationPayload['status'] };
  'message.created': MessagePayload;
  'message.updated': MessagePayload;
  typing: { conversationId: string; userId?: string; contact?: boolean; typing: boolean };
  presence: { userId: string; status: 'online' | 'busy' | 'offline' };
  /** Momentary, to the agent whose extension rings. */
  'call.incoming': CallIncomingPayload;
  /** A sender went over the flood limit: their further messages this minute are stored hidden. Sent to supervisors and admins. */
  'sender.throttled': { contactId: string; contactName: string; inboxId: string; messagesInWindow: number; limitPerMinute: number };
  /** An SLA due time is near (its policy's warning percent passed). To the assignee and to supervisors and admins. */
  'sla.warning': SlaAlertPayload;
  /** An SLA due time passed without the answer. To the assignee and to supervisors and admins. */
  'sla.breached': SlaAlertPayload;
  /** An answer came in time. To the assignee and to supervisors and admins. */
  'sla.hit': { conversationId: string; kind: SlaAlertPayload['kind'] };
  /** A bot session started, handed off, ended or was stopped (momentary; GET /api/conversations/:id/bot-session tells the state). */
  'bot.session.changed': { conversationId: string; session: BotSessionPayload | null };
  /** A campaign's counters moved (momentary, at most twice a second per campaign). Sent to supervisors and admins. */
  'campaign.progress': CampaignProgressPayload;
  /** A ticket's due date passed while it is still open (momentary). To the assignee, or the inbox when nobody is assigned. */
  'ticket.overdue': TicketOverduePayload;
}

export interface TicketOverduePayload {
  ticketId: string;
  number: number;
  conversationId: string;
  inboxId: string;
  type: 'question' | 'complaint' | 'warranty' | 'return';
  dueAt: string;
  assigneeId: string | null;
  contactName: string | null;
}

export interface CampaignProgressPayload {
  campaignId: string;
  status: 'draft' | 'scheduled' | 'running' | 'paused' | 'completed' | 'cancelled';
  counts: { total: number; queued: number; sent: number; delivered: number; failed: number; skipped: number; replied: number };
}

export interface BotSessionPayload {
  id: string;
  flowId: string;
  flowName: string;
  version: number;
  nodeId: string | null;
  status: 'active' | 'waiting' | 'handoff' | 'ended';
  variables: Record<string, unknown>;
  startedAt: string;
  expiresAt: string | null;
}

export type AgentEventType = keyof AgentEventMap;

/** Events stored for catch-up; typing, presence and sender.throttled are momentary and only sent live. */
export const DURABLE_EVENTS: readonly AgentEventType[] = [
  'conversation.created',
  'conversation.updated',
  'conversation.assigned',
  'conversation.status_changed',
  'message.created',
  'message.updated',
];

export interface AgentEventEnvelope<T extends AgentEventType = AgentEventType> {
  /** Monotonic across processes for durable events; 0 for momentary ones. */
  id: number;
  type: T;
  inboxId: string | null;
  conversationId: string | null;
  payload: AgentEventMap[T];
  at: string;
}

/** A durable event about to be recorded: addressed to an inbox (its members) or to one user. */
export interface AgentEventDraft<T extends AgentEventType = AgentEventType> {
  type: T;
  inboxId: string | null;
  conversationId?: string | null;
  userId?: string | null;
  payload: AgentEventMap[T];
}

export const rooms = {
  inbox: (id: string) => `inbox:${id}`,
  user: (id: string) => `user:${id}`,
  conversation: (id: string) => `conversation:${id}`,
  /** Admins and supervisors: they see every inbox. */
  allInboxes: 'inboxes:all',
};
