import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { InboundCallEvent, InboundCallRecordingEvent } from '@channel-adapters/core';
import { InboxAccessService, UsersRepository } from '@app/auth';
import { DomainException, ErrorCode, foldForSearch, SecretBox } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { ActivitiesService, ContactsService, DealsService } from '@app/crm';
import type { Activity, Conversation, Inbox, Message, User } from '@app/db';
import { t } from '@app/i18n';
import { RealtimeService, type CallIncomingPayload } from '@app/realtime';
import { INBOX_RUNTIME, type InboxRuntimeOptions } from '../channel-adapters.port.js';
import { previewOf, toConversationPayload, toMessagePayload } from '../conversations/conversation-views.js';
import { ConversationsRepository, type Executor } from '../conversations/conversations.repository.js';
import { MessagesRepository } from '../conversations/messages.repository.js';
import { InboxEvents } from '../inbox-events.js';
import { INBOX_SECRET_BOX } from '../inbox.tokens.js';
import { ContactResolver } from '../ingestion/contact-resolver.js';
import { INBOUND_FILTER, type InboundFilter } from '../ingestion/inbound-filter.js';
import { UnitOfWork, type ChangeSet } from '../unit-of-work.js';
import { sealRecording } from './call-recording-seal.js';
import { applyCallEvent, callLineKey, callMessageExternalId, callStateOf, callSubjectKey, formatDuration, isFinished, type CallState } from './call-state.js';
import { CallsRepository } from './calls.repository.js';

/** A call being recorded: the conversation it belongs to and, after its first step, its timeline message. */
interface CallThread {
  conversation: Conversation;
  conversationCreated: boolean;
  contactId: string;
  message?: Message;
  /** A call from a blocked number is kept for audit, out of the agents' way. */
  hidden: boolean;
}

const OPEN_DEALS_SHOWN = 10;

/**
 * What a call does in the product: one call activity per call on the customer's contact, one line in the
 * contact's telephony conversation, both updated as the call's steps arrive; a missed inbound call
 * (re)opens the conversation with a call-back task; the agent whose extension rings sees the caller.
 */
@Injectable()
export class CallEventsService implements OnModuleInit {
  private readonly logger = new Logger('CallEvents');

  constructor(
    private readonly calls: CallsRepository,
    private readonly conversations: ConversationsRepository,
    private readonly messages: MessagesRepository,
    private readonly contactResolver: ContactResolver,
    private readonly activities: ActivitiesService,
    private readonly contacts: ContactsService,
    private readonly deals: DealsService,
    private readonly users: UsersRepository,
    private readonly access: InboxAccessService,
    private readonly realtime: RealtimeService,
    private readonly events: InboxEvents,
    private readonly uow: UnitOfWork,
    @Inject(INBOUND_FILTER) private readonly inboundFilter: InboundFilter,
    @Inject(INBOX_SECRET_BOX) private readonly box: SecretBox,
    @Inject(INBOX_RUNTIME) private readonly runtime: InboxRuntimeOptions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit() {
    // Routing may assign a reopened conversation after the call: its call-back task follows the assignee.
    this.events.on('conversation.assigned', ({ conversation }) => this.handOverCallbacks(conversation));
  }

  /** Applies one step of a call; answers whether anything changed (false for a step seen before). */
  async ingestCall(inbox: Inbox, event: InboundCallEvent): Promise<boolean> {
    // Looked up before the transaction, which holds the call's lock.
    const agent = event.agentExtension ? await this.users.findByPhoneExtension(event.agentExtension) : undefined;
    return this.uow.run(async (tx, changes) => {
      await this.calls.lockCall(tx, inbox.id, event.callId);
      const message = await this.messages.findByExternalId(inbox.id, callMessageExternalId(event.callId), tx);
      const previous = message ? callStateOf(message.contentAttributes) : undefined;
      if (previous?.steps.includes(event.externalId)) return false;
      const thread = message && previous ? await this.existingThread(tx, message) : await this.newThread(tx, changes, inbox, event);
      const update = applyCallEvent(previous, event, previous?.activityId ?? '');
      // The call belongs to the agent who answered or placed it, not to every phone that rang.
      const takesOwnership = event.agentExtension && (event.phase !== 'started' || event.direction === 'outbound');
      const state: CallState = { ...update.state, agentId: takesOwnership ? agent?.id : update.state.agentId };
      state.activityId = (await this.saveActivity(tx, thread, state, { url: event.recordingUrl, ref: event.recordingRef })).id;
      const conversation = await this.updateConversation(tx, changes, thread, state, update.becameMissed);
      await this.saveLine(tx, changes, thread, conversation, state);
      if (update.becameMissed && !thread.hidden) await this.createCallbackTask(tx, conversation, thread.contactId, state);
      if (update.ringsAt && agent && !thread.hidden) {
        const phase = event.phase === 'answered' ? 'answered' : 'started';
        changes.then(() => this.popUp(agent, { state, phase, agentExtension: update.ringsAt!, conversation, contactId: thread.contactId }));
      }
      return true;
    });
  }

  /** A recording that became available after the call; nothing happens for a call this inbox never saw. */
  async attachRecording(inbox: Inbox, event: InboundCallRecordingEvent): Promise<boolean> {
    return this.uow.run(async (tx, changes) => {
      await this.calls.lockCall(tx, inbox.id, event.callId);
      const message = await this.messages.findByExternalId(inbox.id, callMessageExternalId(event.callId), tx);
      const previous = message ? callStateOf(message.contentAttributes) : undefined;
      if (!message || !previous) {
        this.logger.warn(`A recording arrived for call ${event.callId}, which inbox ${inbox.id} has no record of; it is ignored`);
        return false;
      }
      if (previous.steps.includes(event.externalId)) return false;
      const thread = await this.existingThread(tx, message);
      const state: CallState = { ...previous, hasRecording: true, steps: [...previous.steps, event.externalId] };
      state.activityId = (await this.saveActivity(tx, thread, state, { url: event.recordingUrl, ref: event.recordingRef })).id;
      await this.saveLine(tx, changes, thread, thread.conversation, state);
      return true;
    });
  }

  private async newThread(tx: Executor, changes: ChangeSet, inbox: Inbox, event: InboundCallEvent): Promise<CallThread> {
    const resolved = await this.contactResolver.resolve(tx, inbox.id, event.contact, this.config.DEFAULT_PHONE_REGION);
    const contactId = resolved.contact.id;
    // The same blacklists as for messages: a call from a blocked number is kept, hidden.
    const verdict = await this.inboundFilter.check(tx, { inboxId: inbox.id, contact: resolved.contact, identity: resolved.identity, event, text: null });
    if (verdict.afterCommit) changes.then(verdict.afterCommit);
    const hidden = verdict.hidden;
    const existing = (await this.conversations.findActive(tx, inbox.id, contactId, null)) ?? (await this.calls.latestConversation(tx, inbox.id, contactId));
    if (existing) return { conversation: existing, conversationCreated: false, contactId, hidden };
    // A call is not a message waiting for an answer: its conversation opens only if the call is missed.
    const now = new Date();
    const conversation = await this.conversations.insert(tx, {
      inboxId: inbox.id,
      contactId,
      contactIdentityId: resolved.identity.id,
      threadKey: null,
      status: 'resolved',
      resolvedAt: now,
      lastMessageAt: now,
    });
    return { conversation, conversationCreated: true, contactId, hidden };
  }

  private async existingThread(tx: Executor, message: Message): Promise<CallThread> {
    const conversation = (await this.conversations.findForUpdate(tx, message.conversationId))!;
    return { conversation, conversationCreated: false, contactId: conversation.contactId, message, hidden: Boolean(message.contentAttributes.hidden) };
  }

  private async saveActivity(tx: Executor, thread: CallThread, state: CallState, recording: { url?: string; ref?: string }): Promise<Activity> {
    const current = state.activityId ? await this.activities.get(state.activityId, tx).catch(ignoreNotFound) : undefined;
    const sealed = recording.url || recording.ref ? sealRecording(this.box, recording) : current?.metadata.recordingSealed;
    const values = {
      subject: t(callSubjectKey(state), {}, this.runtime.defaultLocale),
      done: isFinished(state.phase),
      metadata: { ...callMetadata(state), ...(sealed ? { recordingSealed: sealed } : {}) },
    };
    if (current) return this.activities.update(current.id, { ...values, ownerId: state.agentId ?? current.ownerId }, tx);
    return this.activities.create(
      { type: 'call', ...values, ownerId: state.agentId ?? null, contactId: thread.contactId, conversationId: thread.conversation.id },
      null,
      tx,
    );
  }

  private async updateConversation(tx: Executor, changes: ChangeSet, thread: CallThread, state: CallState, becameMissed: boolean): Promise<Conversation> {
    const { conversation } = thread;
    const now = new Date();
    const preview = previewOf(this.lineOf(state).content);
    const missed = becameMissed && !thread.hidden;
    const updated = await this.conversations.update(tx, conversation.id, {
      lastMessageAt: now,
      lastMessagePreview: preview,
      // A missed call is something to act on: it brings the conversation back to the queue, unread.
      ...(missed ? { status: 'open' as const, snoozedUntil: null, resolvedAt: null, unreadCount: conversation.unreadCount + 1, lastIncomingAt: now } : {}),
    });
    const payload = toConversationPayload(updated, await this.conversations.contactSummary(tx, updated.contactId));
    const scope = { inboxId: updated.inboxId, conversationId: updated.id };
    if (thread.conversationCreated) {
      changes.announce({ type: 'conversation.created', ...scope, payload });
      if (missed) changes.emit({ name: 'conversation.created', data: { conversation: updated } });
    } else if (missed && conversation.status !== 'open') {
      changes.announce({ type: 'conversation.status_changed', ...scope, payload: { ...payload, previousStatus: conversation.status } });
      changes.emit({ name: 'conversation.status_changed', data: { conversation: updated, previousStatus: conversation.status, actorId: null } });
    } else {
      changes.announce({ type: 'conversation.updated', ...scope, payload });
    }
    return updated;
  }

  /** The call's line in the conversation: written at its first step, rewritten at every later one. */
  private async saveLine(tx: Executor, changes: ChangeSet, thread: CallThread, conversation: Conversation, state: CallState): Promise<void> {
    const { content, key, params } = this.lineOf(state);
    const attributes = { call: state, i18nKey: key, i18nParams: params, ...(thread.hidden ? { hidden: true } : {}) };
    const scope = { inboxId: conversation.inboxId, conversationId: conversation.id };
    if (thread.message) {
      const updated = await this.messages.update(tx, thread.message.id, { content, contentAttributes: attributes, searchText: foldForSearch(content) });
      changes.announce({ type: 'message.updated', ...scope, payload: toMessagePayload(updated) });
      return;
    }
    const message = await this.messages.insert(tx, {
      conversationId: conversation.id,
      inboxId: conversation.inboxId,
      messageType: 'system',
      senderType: 'system',
      content,
      externalId: callMessageExternalId(state.callId),
      status: 'sent',
      contentAttributes: attributes,
      searchText: foldForSearch(content),
    });
    changes.announce({ type: 'message.created', ...scope, payload: toMessagePayload(message) });
  }

  private lineOf(state: CallState) {
    const key = callLineKey(state);
    const params = { number: state.number, duration: formatDuration(state.durationSec) };
    return { key, params, content: t(key, params, this.runtime.defaultLocale) };
  }

  private async createCallbackTask(tx: Executor, conversation: Conversation, contactId: string, state: CallState): Promise<void> {
    await this.activities.create(
      {
        type: 'task',
        subject: t('call.callback_task', { number: state.number }, this.runtime.defaultLocale),
        dueAt: new Date(),
        ownerId: conversation.assigneeId,
        contactId,
        conversationId: conversation.id,
        metadata: { callId: state.callId, callActivityId: state.activityId, callback: true },
      },
      null,
      tx,
    );
  }

  private async handOverCallbacks(conversation: Conversation): Promise<void> {
    if (!conversation.assigneeId) return;
    const { items } = await this.activities.list({ conversationId: conversation.id, type: 'task', done: false, limit: 50 });
    for (const task of items.filter((item) => item.metadata.callback === true && !item.ownerId)) {
      await this.activities.update(task.id, { ownerId: conversation.assigneeId });
    }
  }

  /** Shows the caller to the agent whose phone rings: their contact card and open deals. */
  private async popUp(agent: User, call: { state: CallState; phase: 'started' | 'answered'; agentExtension: string; conversation: Conversation; contactId: string }): Promise<void> {
    try {
      // An extension set on someone outside the inbox rings their phone, but shows them nobody's data.
      const member = await this.access.canAccess({ kind: 'user', id: agent.id, role: agent.role, name: agent.name }, call.conversation.inboxId);
      if (!member) return;
      const contact = await this.contacts.get(call.contactId);
      const { items: openDeals } = await this.deals.list({ contactId: call.contactId, status: 'open', limit: OPEN_DEALS_SHOWN });
      const payload: CallIncomingPayload = {
        callId: call.state.callId,
        activityId: call.state.activityId,
        conversationId: call.conversation.id,
        inboxId: call.conversation.inboxId,
        direction: call.state.direction,
        phase: call.phase,
        agentExtension: call.agentExtension,
        number: call.state.number,
        contact: { id: contact.id, name: contact.name, phones: contact.phones, emails: contact.emails, companyId: contact.companyId, tags: contact.tags },
        openDeals: openDeals.map((deal) => ({ id: deal.id, title: deal.title, amount: deal.amount, currency: deal.currency, stageId: deal.stageId })),
      };
      this.realtime.emitToUser('call.incoming', payload, agent.id, { inboxId: call.conversation.inboxId, conversationId: call.conversation.id });
    } catch (error) {
      // The call is stored either way; a pop-up that fails must not make the provider deliver the step again.
      this.logger.error(`Could not show call ${call.state.callId} to agent ${agent.id}: ${(error as Error).message}`);
    }
  }
}

/** What the activity shows about its call; the recording's location stays sealed beside it. */
function callMetadata(state: CallState): Record<string, unknown> {
  return {
    callId: state.callId,
    direction: state.direction,
    phase: state.phase,
    answered: state.answered,
    number: state.number,
    durationSec: state.durationSec ?? null,
    agentExtension: state.agentExtension ?? null,
    agentId: state.agentId ?? null,
    hasRecording: state.hasRecording,
  };
}

function ignoreNotFound(error: unknown): undefined {
  if (error instanceof DomainException && error.code === ErrorCode.NotFound) return undefined;
  throw error;
}
