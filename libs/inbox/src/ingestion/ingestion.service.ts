import { Inject, Injectable } from '@nestjs/common';
import type { ChannelContext, InboundContact, InboundEvent, WebhookRequest } from '@channel-adapters/core';
import { DomainException, ErrorCode, foldForSearch, notFound } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { isLocale, t } from '@app/i18n';
import type { Attachment, Contact, Conversation, Inbox, Message } from '@app/db';
import { CHANNEL_ADAPTERS, INBOX_RUNTIME, type ChannelAdapters, type InboxRuntimeOptions } from '../channel-adapters.port.js';
import { toConversationPayload, toMessagePayload } from '../conversations/conversation-views.js';
import { ConversationsRepository, type Executor } from '../conversations/conversations.repository.js';
import { MessagesRepository } from '../conversations/messages.repository.js';
import { InboxesService } from '../inboxes.service.js';
import { UnitOfWork, type ChangeSet } from '../unit-of-work.js';
import { AttachmentUrls } from '../attachments/attachment-urls.js';
import { ATTACHMENT_URLS } from '../inbox.tokens.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { AttachmentIntake, type RefusedAttachment } from './attachment-intake.js';
import { CallEventsService } from '../calls/call-events.service.js';
import { publicWebhookUrlOf } from '../inbox-view.js';
import { ContactResolver } from './contact-resolver.js';
import { INBOUND_FILTER, type InboundFilter } from './inbound-filter.js';
import {
  conversationAfterIncoming,
  findDuplicate,
  findOrOpenConversation,
  parseRequest,
  persistIncomingMessage,
  verifyRequest,
  type IncomingContent,
} from './pipeline-steps.js';
import { queueRefusalNotice } from './refusal-notice.js';

export interface WebhookAnswer {
  status: number;
  contentType?: string;
  body: string | Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUS_ORDER: Record<Message['status'], number> = { received: 0, queued: 1, sent: 2, delivered: 3, read: 4, failed: 5 };

/** One path for every channel: a webhook or a poller hands its request here. */
@Injectable()
export class IngestionService {
  constructor(
    private readonly inboxes: InboxesService,
    private readonly conversations: ConversationsRepository,
    private readonly messages: MessagesRepository,
    private readonly contacts: ContactResolver,
    private readonly uow: UnitOfWork,
    private readonly intake: AttachmentIntake,
    private readonly outbox: OutboxService,
    @Inject(ATTACHMENT_URLS) private readonly attachmentUrls: AttachmentUrls,
    @Inject(CHANNEL_ADAPTERS) private readonly adapters: ChannelAdapters,
    @Inject(INBOX_RUNTIME) private readonly runtime: InboxRuntimeOptions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(INBOUND_FILTER) private readonly inboundFilter: InboundFilter,
    private readonly calls: CallEventsService,
  ) {}

  async receiveWebhook(inboxId: string, request: WebhookRequest): Promise<WebhookAnswer> {
    if (!UUID.test(inboxId)) throw notFound('entity.inbox', inboxId);
    const inbox = await this.inboxes.findForWebhook(inboxId);
    if (!inbox.enabled) throw new DomainException(ErrorCode.InboxDisabled, { params: { id: inbox.id } });
    if (!this.adapters.has(inbox.type)) throw notFound('entity.inbox', inboxId);
    const adapter = this.adapters.get(inbox.type);
    if (adapter.capabilities.webhooks === false) throw new DomainException(ErrorCode.WebhooksNotSupported, { params: { id: inbox.id, type: inbox.type } });
    const context: ChannelContext = {
      inboxId: inbox.id,
      settings: this.inboxes.settingsOf(inbox),
      publicUrl: this.runtime.publicUrl,
      webhookUrl: publicWebhookUrlOf(this.runtime.publicUrl, inbox.id),
    };
    await verifyRequest(adapter, request, context);
    const { events, reply } = await parseRequest(adapter, request, context);
    let stored = 0;
    for (const event of events) if (await this.ingest(inbox, event)) stored += 1;
    return reply ?? { status: 200, body: { ok: true, received: events.length, stored } };
  }

  /** Ingests one normalized event; answers whether anything new was stored. */
  async ingest(inbox: Inbox, event: InboundEvent): Promise<boolean> {
    switch (event.kind) {
      case 'message':
      case 'button':
      case 'unsupported':
        return this.ingestIncoming(inbox, event);
      case 'call':
        return this.calls.ingestCall(inbox, event);
      case 'call_recording':
        return this.calls.attachRecording(inbox, event);
      case 'message_edited':
        return this.applyEdit(inbox, event.externalId, event.text);
      case 'status':
        return this.applyStatus(inbox, event.externalId, event.status, event.error);
      case 'contact_info':
        return this.applyContactInfo(inbox, event.contact);
      default: {
        const unknown: never = event;
        throw new Error(`Unhandled inbound event ${JSON.stringify(unknown)}`);
      }
    }
  }

  private async ingestIncoming(inbox: Inbox, incoming: IncomingContent): Promise<boolean> {
    // With files, a redelivery is caught before they are fetched again; otherwise the insert catches it
    // (the unique external id) and the transaction is undone, which saves a read on every message.
    if (hasAttachments(incoming) && (await findDuplicate(this.messages, inbox.id, incoming.externalId))) return false;
    // Files are fetched before the transaction, which then stays short; they are dropped again if it fails.
    const files = await this.intake.receive(inbox, incoming);
    const { event } = files;
    const contact = event.contact ?? { externalId: `unknown:${event.externalId}` };
    const { text, attributes } = this.contentOf(event);
    return this.uow
      .run(async (tx, changes) => {
        const threadKey = event.kind === 'message' ? (event.threadKey ?? null) : null;
        const resolved = await this.contacts.resolve(tx, inbox.id, contact, this.config.DEFAULT_PHONE_REGION, { activeThreadKey: threadKey });
        const verdict = await this.inboundFilter.check(tx, { inboxId: inbox.id, contact: resolved.contact, identity: resolved.identity, event, text });
        if (verdict.afterCommit) changes.then(verdict.afterCommit);
        const { conversation, created } = await findOrOpenConversation(this.conversations, tx, {
          inboxId: inbox.id,
          contactId: resolved.contact.id,
          identityId: resolved.identity.id,
          threadKey,
          relatedExternalIds: event.kind === 'message' ? event.relatedExternalIds : undefined,
          active: resolved.active,
          at: new Date(),
        });
        const message = await persistIncomingMessage(this.messages, tx, { conversation, contactId: resolved.contact.id, event, text, hidden: verdict.hidden, hiddenReason: verdict.reason, attributes });
        // Stored by a concurrent delivery of the same webhook: undo the whole attempt.
        if (!message) throw new DuplicateDelivery();
        if (verdict.hidden) {
          // Kept for audit only: a conversation opened by a blocked sender stays out of the working queues.
          if (created) await this.conversations.update(tx, conversation.id, { status: 'resolved', resolvedAt: new Date() });
          changes.emit({ name: 'message.created', data: { message, conversation, contact: resolved.contact, hidden: true } });
          return true;
        }
        const names = event.kind === 'message' ? (event.attachments ?? []).map((a) => a.fileName) : [];
        const updated = await this.conversations.applyIncoming(tx, conversation.id, conversationAfterIncoming(conversation, message, names));
        const attachments = names.length ? await this.messages.attachmentsOf([message.id], tx) : new Map<string, Attachment[]>();
        this.announceIncoming(changes, { created, conversation: updated, contact: resolved.contact, message, attachments });
        if (files.refused.length) await this.noticeRefusedFiles(tx, changes, updated, resolved.contact, files.refused);
        return true;
      })
      .catch(async (error) => {
        await files.discard();
        if (error instanceof DuplicateDelivery) return false;
        throw error;
      });
  }

  private async noticeRefusedFiles(tx: Executor, changes: ChangeSet, conversation: Conversation, contact: Contact, refused: RefusedAttachment[]) {
    const locale = isLocale(contact.locale) ? contact.locale : this.config.DEFAULT_LOCALE;
    const notice = await queueRefusalNotice(this.messages, tx, { conversation, refused, locale });
    if (!notice) return;
    changes.announce({ type: 'message.created', inboxId: conversation.inboxId, conversationId: conversation.id, payload: toMessagePayload(notice) });
    changes.then(() => this.outbox.enqueue(notice.id));
  }

  private announceIncoming(
    changes: ChangeSet,
    args: { created: boolean; conversation: Conversation; contact: Contact; message: Message; attachments: Map<string, Attachment[]> },
  ) {
    const { conversation, message } = args;
    const payload = toConversationPayload(conversation, { id: args.contact.id, name: args.contact.name });
    const messageEvent = { type: 'message.created', inboxId: conversation.inboxId, conversationId: conversation.id, payload: toMessagePayload(message, args.attachments.get(message.id), this.attachmentUrls.urlOf) } as const;
    // A new conversation is announced before its first message; otherwise the message goes first, as a reply's
    // does: each event reaches every socket before the next, so the news is not held behind a list update.
    if (args.created) changes.announce({ type: 'conversation.created', inboxId: conversation.inboxId, conversationId: conversation.id, payload }, messageEvent);
    else changes.announce(messageEvent, { type: 'conversation.updated', inboxId: conversation.inboxId, conversationId: conversation.id, payload });
    if (args.created) changes.emit({ name: 'conversation.created', data: { conversation } });
    changes.emit({ name: 'message.created', data: { message, conversation, contact: args.contact, hidden: false } });
  }

  private contentOf(event: IncomingContent): { text: string | null; attributes: Record<string, unknown> } {
    const locale = this.config.DEFAULT_LOCALE;
    switch (event.kind) {
      case 'message':
        return { text: event.text ?? null, attributes: { ...event.attributes } };
      case 'button':
        return { text: event.text ?? event.payload, attributes: { buttonPayload: event.payload } };
      case 'unsupported':
        return { text: t('system.unsupported', { description: event.description }, locale), attributes: { unsupported: true, raw: event.raw as Record<string, unknown> } };
    }
  }

  private async applyEdit(inbox: Inbox, externalId: string, text: string): Promise<boolean> {
    return this.uow.run(async (tx, changes) => {
      const message = await this.messages.findByExternalId(inbox.id, externalId, tx);
      if (!message || message.content === text) return false;
      const updated = await this.messages.update(tx, message.id, {
        content: text,
        searchText: foldForSearch(text),
        contentAttributes: { ...message.contentAttributes, edited: true, previousContent: message.content },
      });
      changes.announce({ type: 'message.updated', inboxId: inbox.id, conversationId: updated.conversationId, payload: toMessagePayload(updated) });
      return true;
    });
  }

  /** Delivery receipts only move a message forward (sent → delivered → read), never back. */
  private async applyStatus(inbox: Inbox, externalId: string, status: 'delivered' | 'read' | 'failed', error?: string): Promise<boolean> {
    return this.uow.run(async (tx, changes) => {
      const message = await this.messages.findByExternalId(inbox.id, externalId, tx);
      if (!message || message.messageType !== 'outgoing') return false;
      if (status !== 'failed' && STATUS_ORDER[status] <= STATUS_ORDER[message.status]) return false;
      const updated = await this.messages.update(tx, message.id, { status, error: status === 'failed' ? (error ?? 'The channel reported a failed delivery') : message.error });
      changes.announce({ type: 'message.updated', inboxId: inbox.id, conversationId: updated.conversationId, payload: toMessagePayload(updated) });
      changes.emit({ name: 'message.status_changed', data: { message: updated } });
      return true;
    });
  }

  private async applyContactInfo(inbox: Inbox, contact: InboundContact): Promise<boolean> {
    await this.uow.run(async (tx: Executor) => {
      const region = this.config.DEFAULT_PHONE_REGION;
      const resolved = await this.contacts.resolve(tx, inbox.id, contact, region);
      if (!resolved.created) await this.contacts.fillMissing(tx, resolved.contact, contact, region);
    });
    return false;
  }
}

class DuplicateDelivery extends Error {}

function hasAttachments(event: IncomingContent): boolean {
  return event.kind === 'message' && (event.attachments?.length ?? 0) > 0;
}
