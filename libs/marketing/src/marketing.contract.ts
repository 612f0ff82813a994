import type { Executor } from '@app/db';

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
  /** The sender's record of this send, kept in the message's own transaction. */
  ledger?: OutreachLedger;
}

/**
 * The sender's own record of one send (a campaign recipient, a trigger occurrence), written in the same
 * transaction as the message: both commit or neither does, so a process that stops between them cannot
 * leave a message its record does not know of, and a resumed send sees the message instead of writing another.
 */
export interface OutreachLedger {
  /** Locks the record until the commit; false when it already holds a message or was settled otherwise (nothing is written then). */
  claim(tx: Executor): Promise<boolean>;
  /** Records the message just written. */
  record(tx: Executor, queued: { conversationId: string; messageId: string }): Promise<void>;
}

export type OutreachSkipReason = 'opted_out' | 'no_address' | 'blocked' | 'inbox_unavailable' | 'template_missing';

export type OutreachResult =
  | { status: 'queued'; conversationId: string; messageId: string }
  | { status: 'skipped'; reason: OutreachSkipReason }
  /** The ledger's record was settled before (another attempt wrote the message): nothing was written. */
  | { status: 'settled' };

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
