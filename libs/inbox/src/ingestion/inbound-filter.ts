import { Injectable } from '@nestjs/common';
import type { InboundCallEvent } from '@channel-adapters/core';
import type { Contact, ContactIdentity } from '@app/db';
import type { Executor } from '../conversations/conversations.repository.js';
import { blacklistVerdict, type IncomingContent } from './pipeline-steps.js';

export interface InboundFilterInput {
  inboxId: string;
  contact: Contact;
  identity: ContactIdentity;
  /** A message, or the first step of a phone call (its text is null). */
  event: IncomingContent | InboundCallEvent;
  /** The message text as it will be stored. */
  text: string | null;
}

export interface InboundVerdict {
  /** Store the message for audit only: no live event, no assignment, no bot. */
  hidden: boolean;
  /** Why, kept on the message (`contentAttributes.hiddenReason`). */
  reason?: string;
  details?: Record<string, unknown>;
  /** Runs once the message has committed (e.g. telling supervisors). */
  afterCommit?: () => void | Promise<void>;
}

/** Decides, inside the ingestion transaction, whether a sender's message is kept out of the working queues. */
export interface InboundFilter {
  check(tx: Executor, input: InboundFilterInput): Promise<InboundVerdict>;
}

/** Provided by InboxModule as an {@link InboundFilterSlot}; a lib with richer rules installs its filter into it. */
export const INBOUND_FILTER = Symbol('INBOUND_FILTER');

const contactFlagFilter: InboundFilter = {
  check: async (_tx, { contact }) => blacklistVerdict(contact),
};

/** The filter the ingestion applies: the contact's own blocked flag until another filter is installed. */
@Injectable()
export class InboundFilterSlot implements InboundFilter {
  private filter: InboundFilter = contactFlagFilter;

  install(filter: InboundFilter): void {
    this.filter = filter;
  }

  /** The filter installed now, for one that adds its own rules in front of it. */
  get installed(): InboundFilter {
    return this.filter;
  }

  check(tx: Executor, input: InboundFilterInput): Promise<InboundVerdict> {
    return this.filter.check(tx, input);
  }
}
