export type TriggerKind = 'date' | 'event';
export type DateField = 'birthday' | 'custom' | 'created_at';
export type TriggerEvent = 'deal_stage' | 'no_reply' | 'cart_abandoned';
export type OccurrenceStatus = 'pending' | 'sending' | 'sent' | 'skipped' | 'failed';

export type TriggerConfig =
  | { field: DateField; customFieldKey?: string; offsetDays: number }
  | { event: 'deal_stage'; pipelineId?: string; stageId: string }
  | { event: 'no_reply'; days: number }
  | { event: 'cart_abandoned'; hours: number };

export interface Trigger {
  id: string;
  name: string;
  active: boolean;
  kind: TriggerKind;
  config: TriggerConfig;
  inboxId: string | null;
  templateId: string | null;
  segmentId: string | null;
  sendAtLocal: string;
  quietHours: { from: string; to: string } | null;
  lastFiredAt: string | null;
  createdAt: string;
  updatedAt: string;
  counts?: Partial<Record<OccurrenceStatus, number>>;
}

export interface Occurrence {
  id: string;
  triggerId: string;
  contactId: string;
  contactName: string;
  occurrenceKey: string;
  status: OccurrenceStatus;
  reason: string | null;
  test: boolean;
  conversationId: string | null;
  messageId: string | null;
  dueAt: string;
  sentAt: string | null;
  createdAt: string;
}

export interface TriggerBody {
  name: string;
  active: boolean;
  kind: TriggerKind;
  config: TriggerConfig;
  inboxId: string | null;
  templateId: string;
  segmentId: string | null;
  sendAtLocal: string;
  quietHours: { from: string; to: string } | null;
}
