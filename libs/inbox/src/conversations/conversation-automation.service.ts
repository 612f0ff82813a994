import { Injectable } from '@nestjs/common';
import { foldForSearch } from '@app/common';
import { InjectDb, type Conversation, type Db } from '@app/db';
import type { MessageKey, MessageParams } from '@app/i18n';
import type { MessagePayload } from '@app/realtime';
import { OutboxService } from '../outbox/outbox.service.js';
import { UnitOfWork, type ChangeSet } from '../unit-of-work.js';
import { AssignmentQueriesRepository } from './assignment-queries.repository.js';
import { previewOf, toMessagePayload } from './conversation-views.js';
import { ConversationsRepository, type Executor } from './conversations.repository.js';
import { ConversationsService } from './conversations.service.js';
import { MessagesRepository } from './messages.repository.js';
import { latestConversationForUpdate, outreachIdentity } from './outreach-thread.js';

export interface ThreadNote {
  key: MessageKey;
  params: MessageParams;
  attributes: Record<string, unknown>;
}

export interface AutomaticAssignment {
  /** undefined leaves the assignee as it is; null removes it. */
  assigneeId?: string | null;
  teamId?: string | null;
  /** System lines written into the thread with the change. */
  notes: ThreadNote[];
}

/** What automatic assignment may do inside its transaction (see {@link ConversationAutomationService.assignmentTransaction}). */
export interface AssignmentScope {
  /** Locks the conversation until the transaction ends. */
  lock(conversationId: string): Promise<Conversation | undefined>;
  /** Open, unassigned conversations of these inboxes or teams, oldest first; rows locked elsewhere are skipped. */
  waiting(scope: { inboxIds: string[]; teamIds: string[] }, afterId: string | null, limit: number): Promise<Conversation[]>;
  openLoad(userIds: string[]): Promise<Map<string, number>>;
  lastHandler(contactId: string, exceptConversationId: string): Promise<string | null>;
  /** Changes assignee and/or team of a conversation locked in this transaction; announced after the commit. */
  assign(conversation: Conversation, change: AutomaticAssignment): Promise<Conversation>;
}

/** Something other than a person has the conversation (a bot session): automatic assignment leaves it alone. */
export interface RoutingHold {
  by: 'bot';
  sessionId: string;
}

export function routingHoldOf(conversation: Pick<Conversation, 'attributes'>): RoutingHold | null {
  const hold = conversation.attributes?.routingHold as RoutingHold | undefined;
  return hold && typeof hold === 'object' ? hold : null;
}

/** What another area's change to a conversation answers (see {@link ConversationAutomationService.annotate}). */
export interface Annotation<T> {
  result: T;
  /** System lines written into the thread with the change. */
  notes: ThreadNote[];
  /** Fields the conversation's view gains in the live announcement (e.g. `ticket`). */
  view: Record<string, unknown>;
}

export interface AutomatedPost {
  text: string | null;
  attachments?: { url: string; fileName?: string; contentType?: string }[];
  /** A private note instead of a reply to the customer. */
  private?: boolean;
}

/** A message the company starts (a campaign, a triggered message), see {@link ConversationAutomationService.reachOut}. */
export interface OutreachPost {
  contactId: string;
  inboxId: string;
  /** Identity to create when the contact has none in the inbox (an e-mail address, a phone); null: only an existing one will do. */
  newAddress: string | null;
  text: string;
  attachments?: AutomatedPost['attachments'];
  /** The message's content attributes. */
  attributes: Record<string, unknown>;
  /** Merged into the conversation's attributes, so the customer's answer can be traced back. */
  conversationAttributes: Record<string, unknown>;
}

export type OutreachPosted<R extends string> = { status: 'queued'; conversationId: string; messageId: string } | { status: 'skipped'; reason: R | 'no_address' };

/**
 * Changes nobody typed: automatic assignment, bot replies and notes, labels and priorities set by
 * rules. Each is one transaction announced like an agent's change, with the system as the actor.
 */
@Injectable()
export class ConversationAutomationService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly conversations: ConversationsRepository,
    private readonly messages: MessagesRepository,
    private readonly queries: AssignmentQueriesRepository,
    private readonly service: ConversationsService,
    private readonly outbox: OutboxService,
    private readonly uow: UnitOfWork,
  ) {}

  find(id: string): Promise<Conversation | undefined> {
    return this.conversations.findById(id);
  }

  /** Where to talk about a deal: its latest conversation, else the latest one with its contact. */
  async latestForDeal(dealId: string, contactId: string | null): Promise<Conversation | undefined> {
    return (await this.conversations.latestOf({ dealId })) ?? (contactId ? await this.conversations.latestOf({ contactId }) : undefined);
  }

  /** Open conversations per assignee, now. */
  openLoad(userIds: string[]): Promise<Map<string, number>> {
    return this.queries.openLoad(this.db, userIds);
  }

  /**
   * Runs `work` in one transaction: the caller takes its own locks first (e.g. an advisory lock that
   * serialises assignment across processes), then locks conversations and assigns through `scope`.
   */
  assignmentTransaction<T>(work: (tx: Executor, scope: AssignmentScope) => Promise<T>): Promise<T> {
    return this.uow.run((tx, changes) =>
      work(tx, {
        lock: (id) => this.queries.lock(tx, id),
        waiting: (scope, afterId, limit) => this.queries.waiting(tx, scope, afterId, limit),
        openLoad: (userIds) => this.queries.openLoad(tx, userIds),
        lastHandler: (contactId, exceptId) => this.queries.lastHandler(tx, contactId, exceptId),
        assign: (conversation, change) => this.assignLocked(tx, changes, conversation, change),
      }),
    );
  }

  /** A reply to the customer (queued for delivery) or a private note, written by the bot; null when the conversation is gone. */
  async post(conversationId: string, input: AutomatedPost, attributes: Record<string, unknown> = {}): Promise<MessagePayload | null> {
    return this.uow.run(async (tx, changes) => {
      const conversation = await this.conversations.findForUpdate(tx, conversationId);
      if (!conversation) return null;
      const note = input.private ?? false;
      const message = await this.messages.insert(tx, {
        conversationId,
        inboxId: conversation.inboxId,
        messageType: note ? 'note' : 'outgoing',
        senderType: 'bot',
        content: input.text,
        status: note ? 'sent' : 'queued',
        contentAttributes: attributes,
        searchText: foldForSearch(input.text),
      });
      const attachments = await this.messages.insertAttachments(
        tx,
        (input.attachments ?? []).map((a) => ({ messageId: message.id, fileName: a.fileName ?? fileNameOf(a.url), contentType: a.contentType ?? 'application/octet-stream', externalUrl: a.url })),
      );
      // A bot's answer is not the team's first reply: response-time clocks keep running.
      const updated = note
        ? conversation
        : await this.conversations.update(tx, conversationId, { lastMessageAt: message.createdAt, lastMessagePreview: previewOf(input.text, attachments.map((a) => a.fileName)) });
      const payload = toMessagePayload(message, attachments);
      changes.announce({ type: 'message.created', inboxId: conversation.inboxId, conversationId, payload });
      if (!note) {
        changes.announce(await this.service.conversationEvent(tx, 'conversation.updated', updated));
        changes.then(() => this.outbox.enqueue(message.id));
      }
      changes.emit({ name: 'message.created', data: { message, conversation: updated, hidden: false } });
      return payload;
    });
  }

  /**
   * Writes first to a contact in one transaction: `guard` checks the contact inside it (blocked, opted
   * out) and answers a reason to skip, or null. The contact's latest conversation in the inbox is reused
   * (a resolved one becomes pending, so the answer lands in it), else a pending one is opened, so a
   * broadcast never fills the agents' open tab. `recorded` writes the caller's own record of the message in
   * the same transaction. Delivery is queued after the commit.
   */
  async reachOut<R extends string>(
    post: OutreachPost,
    guard: (tx: Executor) => Promise<R | null>,
    recorded?: (tx: Executor, queued: { conversationId: string; messageId: string }) => Promise<void>,
  ): Promise<OutreachPosted<R>> {
    return this.uow.run(async (tx, changes): Promise<OutreachPosted<R>> => {
      const refusal = await guard(tx);
      if (refusal) return { status: 'skipped', reason: refusal };
      const identity = await outreachIdentity(tx, post.contactId, post.inboxId, post.newAddress);
      if (!identity) return { status: 'skipped', reason: 'no_address' };
      const existing = await latestConversationForUpdate(tx, post.contactId, post.inboxId);
      const conversation =
        existing ?? (await this.conversations.insert(tx, { inboxId: post.inboxId, contactId: post.contactId, contactIdentityId: identity.id, status: 'pending' }));
      const message = await this.messages.insert(tx, {
        conversationId: conversation.id,
        inboxId: post.inboxId,
        messageType: 'outgoing',
        senderType: 'bot',
        content: post.text,
        status: 'queued',
        contentAttributes: post.attributes,
        searchText: foldForSearch(post.text),
      });
      const attachments = await this.messages.insertAttachments(
        tx,
        (post.attachments ?? []).map((a) => ({ messageId: message.id, fileName: a.fileName ?? fileNameOf(a.url), contentType: a.contentType ?? 'application/octet-stream', externalUrl: a.url })),
      );
      const updated = await this.conversations.update(tx, conversation.id, {
        ...(conversation.status === 'resolved' ? { status: 'pending' as const, resolvedAt: null } : {}),
        attributes: { ...conversation.attributes, ...post.conversationAttributes },
        lastMessageAt: message.createdAt,
        lastMessagePreview: previewOf(post.text, attachments.map((a) => a.fileName)),
      });
      const event = await this.service.conversationEvent(tx, 'conversation.updated', updated);
      changes.announce(existing ? event : { ...event, type: 'conversation.created' });
      changes.announce({ type: 'message.created', inboxId: post.inboxId, conversationId: conversation.id, payload: toMessagePayload(message, attachments) });
      changes.then(() => this.outbox.enqueue(message.id));
      await recorded?.(tx, { conversationId: conversation.id, messageId: message.id });
      changes.emit({ name: 'message.created', data: { message, conversation: updated, hidden: false } });
      return { status: 'queued', conversationId: conversation.id, messageId: message.id };
    });
  }

  /**
   * Keeps automatic assignment away from the conversation while a bot talks (hold), or gives it back
   * (null); releasing only removes the hold it was given, so a newer session's hold stays.
   */
  async setRoutingHold(conversationId: string, hold: RoutingHold | null, releasing?: string): Promise<Conversation | null> {
    return this.uow.run(async (tx) => {
      const conversation = await this.conversations.findForUpdate(tx, conversationId);
      if (!conversation) return null;
      const current = routingHoldOf(conversation);
      if (!hold && (!current || (releasing && current.sessionId !== releasing))) return conversation;
      const { routingHold: _previous, ...rest } = conversation.attributes;
      return this.conversations.update(tx, conversationId, { attributes: hold ? { ...rest, routingHold: hold } : rest });
    });
  }

  /**
   * A bot writes first in a resolved conversation (feedback after a delivery): it becomes pending, so
   * the customer's answer lands in it instead of opening a new one; their answer makes it open again.
   */
  async reopenAsPending(conversationId: string): Promise<Conversation | null> {
    return this.uow.run(async (tx, changes) => {
      const conversation = await this.conversations.findForUpdate(tx, conversationId);
      if (!conversation || conversation.status !== 'resolved') return conversation ?? null;
      const updated = await this.conversations.update(tx, conversationId, { status: 'pending', resolvedAt: null });
      changes.announce(await this.service.conversationEvent(tx, 'conversation.updated', updated));
      return updated;
    });
  }

  /**
   * Another area's change to a conversation (a ticket): `work` writes its own rows in one transaction
   * with the conversation locked; its system lines go into the thread and the conversation is announced
   * as updated with the view fields it answers. Null when the conversation is gone.
   */
  async annotate<T>(conversationId: string, work: (tx: Executor, conversation: Conversation) => Promise<Annotation<T>>): Promise<T | null> {
    return this.uow.run(async (tx, changes) => {
      const conversation = await this.conversations.findForUpdate(tx, conversationId);
      if (!conversation) return null;
      const { result, notes, view } = await work(tx, conversation);
      for (const note of notes) await this.service.systemMessage(tx, changes, conversation, note.key, note.params, note.attributes);
      const event = await this.service.conversationEvent(tx, 'conversation.updated', conversation);
      changes.announce({ ...event, payload: { ...event.payload, ...view } });
      return result;
    });
  }

  /** A system line in the thread (e.g. who blocked the contact). */
  async note(conversationId: string, note: ThreadNote): Promise<void> {
    await this.uow.run(async (tx, changes) => {
      const conversation = await this.conversations.findById(conversationId, tx);
      if (conversation) await this.service.systemMessage(tx, changes, conversation, note.key, note.params, note.attributes);
    });
  }

  /** Adds labels and/or sets the priority; null when the conversation is gone. */
  async update(conversationId: string, change: { addLabels?: string[]; priority?: Conversation['priority'] }): Promise<Conversation | null> {
    return this.uow.run(async (tx, changes) => {
      const conversation = await this.conversations.findForUpdate(tx, conversationId);
      if (!conversation) return null;
      const values: Partial<Conversation> = {};
      if (change.addLabels?.length) values.labels = [...new Set([...conversation.labels, ...change.addLabels])];
      if (change.priority !== undefined) values.priority = change.priority;
      if (Object.keys(values).length === 0) return conversation;
      const updated = await this.conversations.update(tx, conversationId, values);
      changes.announce(await this.service.conversationEvent(tx, 'conversation.updated', updated));
      return updated;
    });
  }

  /** Links a deal the system created or found; null when the conversation is gone. */
  async linkDeal(conversationId: string, deal: { id: string; title: string }): Promise<Conversation | null> {
    return this.uow.run(async (tx, changes) => {
      const conversation = await this.conversations.findForUpdate(tx, conversationId);
      if (!conversation) return null;
      if (conversation.dealId === deal.id) return conversation;
      const updated = await this.conversations.update(tx, conversationId, { dealId: deal.id });
      await this.service.systemMessage(tx, changes, updated, 'system.deal_linked', { deal: deal.title }, { event: 'deal_linked', dealId: deal.id });
      changes.announce(await this.service.conversationEvent(tx, 'conversation.updated', updated));
      return updated;
    });
  }

  private async assignLocked(tx: Executor, changes: ChangeSet, conversation: Conversation, change: AutomaticAssignment): Promise<Conversation> {
    const values: Partial<Conversation> = {};
    if (change.assigneeId !== undefined) values.assigneeId = change.assigneeId;
    if (change.teamId !== undefined) values.teamId = change.teamId;
    const updated = await this.conversations.update(tx, conversation.id, values);
    for (const note of change.notes) await this.service.systemMessage(tx, changes, updated, note.key, note.params, note.attributes);
    changes.announce(await this.service.conversationEvent(tx, 'conversation.assigned', updated));
    changes.emit({ name: 'conversation.assigned', data: { conversation: updated, previousAssigneeId: conversation.assigneeId, actorId: null } });
    return updated;
  }
}

function fileNameOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() || 'file');
  } catch {
    return 'file';
  }
}
