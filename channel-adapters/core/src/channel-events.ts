/** A person as the channel describes them; externalId is their id at the channel (chat id, address, number). */
export interface InboundContact {
  externalId: string;
  name?: string;
  username?: string;
  phone?: string;
  email?: string;
  locale?: string;
  avatarUrl?: string;
  attributes?: Record<string, unknown>;
}

export interface InboundAttachment {
  fileName: string;
  contentType: string;
  sizeBytes?: number;
  url?: string;
  data?: Buffer;
  externalId?: string;
}

/**
 * Every event carries an externalId that is the same each time the same payload is parsed:
 * the ingestion pipeline dedupes on (inbox, kind, externalId), so a redelivered webhook is a no-op.
 */
export interface InboundMessageEvent {
  kind: 'message';
  externalId: string;
  contact: InboundContact;
  /** A group chat or an e-mail thread that forms one conversation regardless of who writes. */
  threadKey?: string;
  /**
   * Ids of earlier messages this one answers, nearest first (an e-mail's In-Reply-To and References):
   * the message joins the open conversation of the first one stored, whatever its threadKey.
   */
  relatedExternalIds?: string[];
  text?: string;
  attachments?: InboundAttachment[];
  replyToExternalId?: string;
  sentAt?: Date;
  /** Sent by the company from the channel's own interface rather than from this product. */
  outgoing?: boolean;
  /** Kept with the message as it is: text formatting, the sender inside a group, a shared location. */
  attributes?: Record<string, unknown>;
  raw?: unknown;
}

export interface InboundMessageEditedEvent {
  kind: 'message_edited';
  /** The id of the message that was edited. */
  externalId: string;
  contact: InboundContact;
  text: string;
  editedAt?: Date;
}

export type DeliveryStatus = 'delivered' | 'read' | 'failed';

export interface InboundStatusEvent {
  kind: 'status';
  /** The id the channel gave to our outbound message (SendResult.externalId). */
  externalId: string;
  status: DeliveryStatus;
  error?: string;
  at?: Date;
}

export interface InboundButtonEvent {
  kind: 'button';
  externalId: string;
  contact: InboundContact;
  /** The id of the pressed button (OutboundButton.id). */
  payload: string;
  text?: string;
}

export type CallPhase = 'started' | 'answered' | 'ended' | 'missed';

/**
 * One step of a phone call. Every event of a call carries its callId, so the steps add up to one
 * call record; externalId names the step (call and phase), so a repeated step changes nothing.
 */
export interface InboundCallEvent {
  kind: 'call';
  externalId: string;
  callId: string;
  /** The customer: their number (E.164) is the external id. */
  contact: InboundContact;
  direction: 'inbound' | 'outbound';
  /** `started` with an agentExtension means that extension is ringing; `missed` is an inbound call nobody answered. */
  phase: CallPhase;
  durationSec?: number;
  recordingUrl?: string;
  /** A recording kept behind the provider's API, fetched with the adapter's download (as InboundAttachment.externalId). */
  recordingRef?: string;
  agentExtension?: string;
  at?: Date;
}

/** A recording of an earlier call became available after the call had ended. */
export interface InboundCallRecordingEvent {
  kind: 'call_recording';
  externalId: string;
  callId: string;
  recordingUrl?: string;
  recordingRef?: string;
}

export interface InboundContactInfoEvent {
  kind: 'contact_info';
  externalId: string;
  contact: InboundContact;
}

/** Something the channel sent that the product does not handle yet; kept so nothing is silently lost. */
export interface InboundUnsupportedEvent {
  kind: 'unsupported';
  externalId: string;
  contact?: InboundContact;
  description: string;
  raw: unknown;
}

export type InboundEvent =
  | InboundMessageEvent
  | InboundMessageEditedEvent
  | InboundStatusEvent
  | InboundButtonEvent
  | InboundCallEvent
  | InboundCallRecordingEvent
  | InboundContactInfoEvent
  | InboundUnsupportedEvent;

export type InboundEventKind = InboundEvent['kind'];

export const inboundEventKinds: readonly InboundEventKind[] = [
  'message',
  'message_edited',
  'status',
  'button',
  'call',
  'call_recording',
  'contact_info',
  'unsupported',
];

export interface OutboundAttachment {
  fileName: string;
  contentType: string;
  url?: string;
  data?: Buffer;
}

export interface OutboundButton {
  /** Comes back as InboundButtonEvent.payload when pressed. */
  id: string;
  text: string;
  /** A link button opens the URL instead of sending a press back. */
  url?: string;
}

export interface OutboundMessage {
  /** Our message id; adapters pass it on where the channel supports idempotency keys. */
  messageId: string;
  conversationId: string;
  /** `attributes`: what the product learnt about the recipient's channel identity (flags from earlier failures or channel events). */
  contact: { externalId: string; phone?: string; email?: string; name?: string; attributes?: Record<string, unknown> };
  threadKey?: string;
  text?: string;
  attachments?: OutboundAttachment[];
  /** Rows of buttons. */
  buttons?: OutboundButton[][];
  replyToExternalId?: string;
  /**
   * The contact's latest message in the conversation with the attributes its channel stored, for a
   * channel that answers in its context (an e-mail reply's subject, In-Reply-To and References).
   */
  lastIncoming?: { externalId: string; attributes: Record<string, unknown> };
}

export interface SendResult {
  /** The channel's id for the delivered message; status events refer to it. */
  externalId: string;
}
