/**
 * What segments, consent and outreach offer to campaigns, triggered messages, automation rules and
 * reports. MarketingModule is global and provides these abstract classes as injection tokens.
 */

export type OutreachSource = { kind: 'campaign' | 'trigger'; id: string; recipientId?: string };

export interface OutreachRequest {
  contactId: string;
  inboxId: string;
  /** A saved template, rendered for the contact (and the deal when given) in the inbox's channel variant. */
  templateId?: string;
  /** Plain text instead of a template. */
  text?: string;
  /** Values merged over the template's context (per campaign or per contact). */
  variables?: Record<string, string>;
  dealId?: string;
  /** Written to the message's and the conversation's attributes, so delivery and replies link back. */
  source: OutreachSource;
  /** Marketing messages honour opt-out; service messages do not. Default true. */
  marketing?: boolean;
}

export type OutreachSkipReason = 'opted_out' | 'no_address' | 'blocked' | 'inbox_unavailable' | 'template_missing';

export type OutreachResult =
  | { status: 'queued'; conversationId: string; messageId: string }
  | { status: 'skipped'; reason: OutreachSkipReason };

/** Sends one message to a contact through an inbox, opening (or reusing) the conversation there. */
export abstract class OutreachPort {
  abstract send(request: OutreachRequest): Promise<OutreachResult>;
}

/** Saved filters over contacts. */
export abstract class SegmentsPort {
  /** Contact ids matching the segment now, ascending, after `afterId` (null: from the start). */
  abstract page(segmentId: string, afterId: string | null, limit: number): Promise<string[]>;
  abstract count(segmentId: string): Promise<number>;
  abstract has(segmentId: string, contactId: string): Promise<boolean>;
  /** Throws the usual 404 DomainException for an unknown id. */
  abstract require(segmentId: string): Promise<{ id: string; name: string }>;
}

export type OptOutSource = 'reply' | 'link' | 'agent' | 'api';

/** A contact's marketing consent, recorded on the contact and honoured everywhere. */
export abstract class ConsentPort {
  abstract isOptedOut(contactId: string): Promise<boolean>;
  abstract optOut(contactId: string, source: OptOutSource): Promise<void>;
  abstract optIn(contactId: string): Promise<void>;
  /** A signed link that opts the contact out without signing in (for e-mail footers and templates). */
  abstract unsubscribeUrl(contactId: string): string;
}
