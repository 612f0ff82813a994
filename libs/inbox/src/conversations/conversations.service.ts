import { Inject, Injectable } from '@nestjs/common';
import { type AuthUser, InboxAccessService, TeamsService, UsersRepository } from '@app/auth';
import { DomainException, ErrorCode, foldForSearch, notFound } from '@app/common';
import { ActivitiesService, DealsService } from '@app/crm';
import type { Conversation, Message } from '@app/db';
import { t, type MessageKey, type MessageParams } from '@app/i18n';
import { InjectJobQueue, JobName, type JobQueue } from '@app/queue';
import type { AttachmentUrls } from '../attachments/attachment-urls.js';
import { INBOX_RUNTIME, type InboxRuntimeOptions } from '../channel-adapters.port.js';
import { ATTACHMENT_URLS } from '../inbox.tokens.js';
import { InboxesService } from '../inboxes.service.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { UnitOfWork, type ChangeSet } from '../unit-of-work.js';
import { decodeConversationCursor, encodeConversationCursor } from './conversation-cursor.js';
import { ConversationViewExtensions } from './conversation-view-extensions.js';
import { previewOf, toConversationPayload, toMessagePayload } from './conversation-views.js';
import { ConversationsRepository, type Executor } from './conversations.repository.js';
import type { AssignmentInput, AttributesInput, ListConversationsQuery, ReplyInput, StatusInput } from './dto/conversation.dto.js';
import { MessagesRepository } from './messages.repository.js';

@Injectable()
export class ConversationsService {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly messages: MessagesRepository,
    private readonly inboxes: InboxesService,
    private readonly access: InboxAccessService,
    private readonly users: UsersRepository,
    private readonly teams: TeamsService,
    private readonly deals: DealsService,
    private readonly activities: ActivitiesService,
    private readonly outbox: OutboxService,
    private readonly uow: UnitOfWork,
    @InjectJobQueue() private readonly queue: JobQueue,
    @Inject(INBOX_RUNTIME) private readonly runtime: InboxRuntimeOptions,
    @Inject(ATTACHMENT_URLS) private readonly attachmentUrls: AttachmentUrls,
    private readonly viewExtensions: ConversationViewExtensions,
  ) {}

  async list(user: AuthUser, query: ListConversationsQuery) {
    const visibleInboxIds = await this.access.visibleInboxIds(user);
    if (query.inboxId) await this.requireInboxAccess(user, query.inboxId);
    const rows = await this.conversations.list(
      {
        visibleInboxIds,
        status: query.status === 'all' ? undefined : query.status,
        inboxId: query.inboxId,
        assigneeId: query.assigneeId === 'me' ? user.id : query.assigneeId,
        teamId: query.teamId,
        contactId: query.contactId,
        dealId: query.dealId,
        label: query.label,
        ticket: query.ticket || query.ticketType ? { type: query.ticketType, overdue: query.ticket === 'overdue', now: new Date() } : undefined,
        q: query.q ? foldForSearch(query.q) : undefined,
      },
      decodeConversationCursor(query.cursor),
      query.limit + 1,
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: await this.viewExtensions.extend(page.map((r) => toConversationPayload(r.conversation, r.contact))),
      nextCursor:
        rows.length > query.limit && last
          ? encodeConversationCursor({ lastMessageAt: (last.conversation.lastMessageAt ?? last.conversation.createdAt).toISOString(), id: last.conversation.id })
          : null,
    };
  }

  async get(user: AuthUser, id: string) {
    const conversation = await this.requireVisible(user, id);
    const inbox = await this.inboxes.findOrThrow(conversation.inboxId);
    const contact = await this.conversations.contactSummary(undefined, conversation.contactId);
    const [view] = await this.viewExtensions.extend([toConversationPayload(conversation, contact)]);
    return { ...view, inbox: { id: inbox.id, type: inbox.type, name: inbox.name } };
  }

  async messagesPage(user: AuthUser, id: string, cursor: string | undefined, limit: number) {
    await this.requireVisible(user, id);
    const rows = await this.messages.page(id, cursor, limit + 1);
    const page = rows.slice(0, limit);
    // Messages from blocked senders are kept for audit: supervisors see them, agents do not.
    const visible = user.role === 'agent' ? page.filter((m) => !m.contentAttributes.hidden) : page;
    const attachments = await this.messages.attachmentsOf(visible.map((m) => m.id));
    return {
      items: visible.map((m) => toMessagePayload(m, attachments.get(m.id), this.attachmentUrls.urlOf)).reverse(),
      nextCursor: rows.length > limit ? page[page.length - 1].id : null,
    };
  }

  /** Messages and the conversation's activities (calls, tasks, notes) in one time line. */
  async timeline(user: AuthUser, id: string, cursor: string | undefined, limit: number) {
    const { items, nextCursor } = await this.messagesPage(user, id, cursor, limit);
    const from = nextCursor && items.length ? new Date(items[0].createdAt) : new Date(0);
    const to = cursor && items.length ? new Date(items[items.length - 1].createdAt) : undefined;
    const activities = (await this.activities.list({ conversationId: id, limit: 100 })).items.filter(
      (a) => a.createdAt >= from && (!to || a.createdAt <= to),
    );
    const entries = [
      ...items.map((m) => ({ kind: 'message' as const, at: m.createdAt, message: m })),
      ...activities.map((a) => ({ kind: 'activity' as const, at: a.createdAt.toISOString(), activity: a })),
    ].sort((a, b) => a.at.localeCompare(b.at));
    return { items: entries, nextCursor };
  }

  async reply(user: AuthUser, id: string, input: ReplyInput) {
    await this.requireVisible(user, id);
    if (input.replyToId) {
      const target = await this.messages.findById(input.replyToId);
      if (!target || target.conversationId !== id) throw notFound('entity.message', input.replyToId);
    }
    return this.uow.run(async (tx, changes) => {
      const conversation = (await this.conversations.findForUpdate(tx, id))!;
      const note = input.private;
      const text = input.text?.trim() ? input.text : null;
      const message = await this.messages.insert(tx, {
        conversationId: id,
        inboxId: conversation.inboxId,
        messageType: note ? 'note' : 'outgoing',
        senderType: 'user',
        senderId: user.kind === 'user' ? user.id : null,
        content: text,
        status: note ? 'sent' : 'queued',
        replyToId: input.replyToId ?? null,
        contentAttributes: input.buttons ? { buttons: input.buttons } : {},
        searchText: foldForSearch(text),
      });
      const attachments = await this.messages.insertAttachments(
        tx,
        input.attachments.map((a) => ({
          messageId: message.id,
          fileName: a.fileName ?? decodeURIComponent(new URL(a.url).pathname.split('/').pop() || 'file'),
          contentType: a.contentType ?? 'application/octet-stream',
          externalUrl: a.url,
        })),
      );
      const updated = note
        ? conversation
        : await this.conversations.update(tx, id, {
            lastMessageAt: message.createdAt,
            lastMessagePreview: previewOf(text, attachments.map((a) => a.fileName)),
            firstReplyAt: conversation.firstReplyAt ?? message.createdAt,
            unreadCount: 0,
          });
      changes.announce({ type: 'message.created', inboxId: conversation.inboxId, conversationId: id, payload: toMessagePayload(message, attachments) });
      if (!note) {
        changes.announce(await this.conversationEvent(tx, 'conversation.updated', updated));
        changes.then(() => this.outbox.enqueue(message.id));
      }
      changes.emit({ name: 'message.created', data: { message, conversation: updated, hidden: false } });
      return toMessagePayload(message, attachments);
    });
  }

  async retry(user: AuthUser, id: string, messageId: string) {
    await this.requireVisible(user, id);
    return this.uow.run(async (tx, changes) => {
      const message = await this.messages.findById(messageId, tx);
      if (!message || message.conversationId !== id) throw notFound('entity.message', messageId);
      if (message.status !== 'failed' || message.messageType !== 'outgoing') {
        throw new DomainException(ErrorCode.MessageNotRetryable, { params: { status: message.status } });
      }
      const updated = await this.messages.update(tx, messageId, { status: 'queued', error: null, attempts: 0 });
      changes.announce({ type: 'message.updated', inboxId: updated.inboxId, conversationId: id, payload: toMessagePayload(updated) });
      changes.then(() => this.outbox.enqueue(messageId));
      return toMessagePayload(updated);
    });
  }

  async assign(user: AuthUser, id: string, input: AssignmentInput) {
    const current = await this.requireVisible(user, id);
    const assignee = input.assigneeId ? await this.requireAssignee(input.assigneeId, current.inboxId) : null;
    const team = input.teamId ? await this.teams.get(input.teamId) : null;
    return this.uow.run(async (tx, changes) => {
      const conversation = (await this.conversations.findForUpdate(tx, id))!;
      const values: Partial<Conversation> = {};
      if (input.assigneeId !== undefined) values.assigneeId = input.assigneeId;
      if (input.teamId !== undefined) values.teamId = input.teamId;
      const updated = await this.conversations.update(tx, id, values);
      if (input.assigneeId !== undefined && input.assigneeId !== conversation.assigneeId) {
        await this.systemMessage(tx, changes, updated, assignee ? 'system.assigned' : 'system.unassigned', { actor: user.name, assignee: assignee?.name }, { event: 'assigned', assigneeId: assignee?.id ?? null });
      }
      if (team && input.teamId !== conversation.teamId) {
        await this.systemMessage(tx, changes, updated, 'system.team_assigned', { actor: user.name, team: team.name }, { event: 'team_assigned', teamId: team.id });
      }
      changes.announce(await this.conversationEvent(tx, 'conversation.assigned', updated));
      changes.emit({ name: 'conversation.assigned', data: { conversation: updated, previousAssigneeId: conversation.assigneeId, actorId: user.kind === 'user' ? user.id : null } });
      return this.payload(tx, updated);
    });
  }

  async setStatus(user: AuthUser, id: string, input: StatusInput) {
    await this.requireVisible(user, id);
    const until = input.snoozedUntil ? new Date(input.snoozedUntil) : null;
    if (input.status === 'snoozed' && (!until || until.getTime() <= Date.now())) throw new DomainException(ErrorCode.InvalidSnooze);
    return this.uow.run(async (tx, changes) => {
      const conversation = (await this.conversations.findForUpdate(tx, id))!;
      if (conversation.status === input.status && conversation.snoozedUntil?.getTime() === until?.getTime()) return this.payload(tx, conversation);
      const updated = await this.changeStatus(tx, changes, conversation, input.status, until, user.name, user.kind === 'user' ? user.id : null);
      return this.payload(tx, updated);
    });
  }

  /** A snoozed conversation whose time has come opens again (the wake-up job and the start-up sweep call this). */
  async wake(id: string): Promise<boolean> {
    return this.uow.run(async (tx, changes) => {
      const conversation = await this.conversations.findForUpdate(tx, id);
      if (!conversation || conversation.status !== 'snoozed' || !conversation.snoozedUntil || conversation.snoozedUntil > new Date()) return false;
      await this.changeStatus(tx, changes, conversation, 'open', null, null, null);
      return true;
    });
  }

  async linkDeal(user: AuthUser, id: string, dealId: string | null) {
    await this.requireVisible(user, id);
    const deal = dealId ? await this.deals.get(dealId) : null;
    return this.uow.run(async (tx, changes) => {
      const conversation = (await this.conversations.findForUpdate(tx, id))!;
      if (conversation.dealId === dealId) return this.payload(tx, conversation);
      const updated = await this.conversations.update(tx, id, { dealId });
      await this.systemMessage(tx, changes, updated, deal ? 'system.deal_linked' : 'system.deal_unlinked', { actor: user.name, deal: deal?.title }, { event: 'deal_linked', dealId });
      changes.announce(await this.conversationEvent(tx, 'conversation.updated', updated));
      return this.payload(tx, updated);
    });
  }

  async setAttributes(user: AuthUser, id: string, input: AttributesInput) {
    await this.requireVisible(user, id);
    return this.uow.run(async (tx, changes) => {
      const values: Partial<Conversation> = {};
      if (input.priority !== undefined) values.priority = input.priority;
      if (input.labels !== undefined) values.labels = [...new Set(input.labels)];
      const updated = await this.conversations.update(tx, id, values);
      changes.announce(await this.conversationEvent(tx, 'conversation.updated', updated));
      return this.payload(tx, updated);
    });
  }

  async markRead(user: AuthUser, id: string) {
    const conversation = await this.requireVisible(user, id);
    if (conversation.unreadCount === 0) return toConversationPayload(conversation, await this.conversations.contactSummary(undefined, conversation.contactId));
    return this.uow.run(async (tx, changes) => {
      const updated = await this.conversations.update(tx, id, { unreadCount: 0 });
      changes.announce(await this.conversationEvent(tx, 'conversation.updated', updated));
      return this.payload(tx, updated);
    });
  }

  private async changeStatus(tx: Executor, changes: ChangeSet, conversation: Conversation, status: Conversation['status'], until: Date | null, actorName: string | null, actorId: string | null) {
    const updated = await this.conversations.update(tx, conversation.id, {
      status,
      snoozedUntil: status === 'snoozed' ? until : null,
      resolvedAt: status === 'resolved' ? new Date() : null,
    });
    const key: MessageKey = actorName === null ? 'system.status.woke' : (`system.status.${status}` as MessageKey);
    await this.systemMessage(tx, changes, updated, key, { actor: actorName ?? undefined, until: until?.toISOString() }, { event: 'status_changed', status, previousStatus: conversation.status });
    const payload = { ...toConversationPayload(updated, await this.conversations.contactSummary(tx, updated.contactId)), previousStatus: conversation.status };
    changes.announce({ type: 'conversation.status_changed', inboxId: updated.inboxId, conversationId: updated.id, payload });
    changes.emit({ name: 'conversation.status_changed', data: { conversation: updated, previousStatus: conversation.status, actorId } });
    if (status === 'snoozed' && until) {
      changes.then(() =>
        this.queue
          .add(JobName.WakeConversation, { conversationId: conversation.id }, { delayMs: until.getTime() - Date.now(), jobId: `wake:${conversation.id}:${until.getTime()}` })
          .catch(() => undefined),
      );
    }
    return updated;
  }

  /** A system line in the thread (assignment, status), announced with the change; automatic changes write them too. */
  async systemMessage(tx: Executor, changes: ChangeSet, conversation: Conversation, key: MessageKey, params: MessageParams, attributes: Record<string, unknown>): Promise<Message> {
    const content = t(key, { ...params, actor: params.actor ?? t('system.actor_system', {}, this.runtime.defaultLocale) }, this.runtime.defaultLocale);
    const message = await this.messages.insert(tx, {
      conversationId: conversation.id,
      inboxId: conversation.inboxId,
      messageType: 'system',
      senderType: 'system',
      content,
      status: 'sent',
      contentAttributes: { ...attributes, i18nKey: key, i18nParams: params },
      searchText: '',
    });
    changes.announce({ type: 'message.created', inboxId: conversation.inboxId, conversationId: conversation.id, payload: toMessagePayload(message) });
    return message;
  }

  async conversationEvent(tx: Executor, type: 'conversation.updated' | 'conversation.assigned', conversation: Conversation) {
    return { type, inboxId: conversation.inboxId, conversationId: conversation.id, payload: await this.payload(tx, conversation) };
  }

  private async payload(tx: Executor, conversation: Conversation) {
    return toConversationPayload(conversation, await this.conversations.contactSummary(tx, conversation.contactId));
  }

  private async requireAssignee(userId: string, inboxId: string) {
    const assignee = await this.users.findById(userId);
    if (!assignee || !assignee.active) throw notFound('entity.user', userId);
    const canSee = await this.access.canAccess({ kind: 'user', id: assignee.id, role: assignee.role, name: assignee.name }, inboxId);
    if (!canSee) throw new DomainException(ErrorCode.AssigneeNotInInbox, { details: { assigneeId: userId, inboxId } });
    return assignee;
  }

  private async requireInboxAccess(user: AuthUser, inboxId: string) {
    await this.inboxes.findOrThrow(inboxId);
    await this.access.assertAccess(user, inboxId);
  }

  /** 404 for an unknown id and for a conversation of an inbox the agent is not a member of alike. */
  private async requireVisible(user: AuthUser, id: string): Promise<Conversation> {
    const conversation = await this.conversations.findById(id);
    if (!conversation) throw notFound('entity.conversation', id);
    await this.access.assertVisible(user, conversation.inboxId, 'entity.conversation', id);
    return conversation;
  }

}
