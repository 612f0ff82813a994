import { Inject, Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { AttachmentTooLargeError, ChannelError, type ChannelAdapter, type InboundAttachment } from '@channel-adapters/core';
import type { Inbox } from '@app/db';
import { FileStorage } from '../attachments/file-storage.service.js';
import { CHANNEL_ADAPTERS, INBOX_RUNTIME, type ChannelAdapters, type InboxRuntimeOptions } from '../channel-adapters.port.js';
import { publicWebhookUrlOf } from '../inbox-view.js';
import { InboxesService } from '../inboxes.service.js';
import type { IncomingContent } from './pipeline-steps.js';

/** The largest file the product stores; Telegram lets bots download no more either. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** An inbound attachment as the pipeline stores it: with the id and storage key of a kept file. */
export interface IncomingAttachment extends InboundAttachment {
  id?: string;
  storageKey?: string;
}

export interface RefusedAttachment {
  fileName: string;
  sizeBytes?: number;
  reason: 'too_large' | 'unavailable';
  maxBytes?: number;
}

export interface ReceivedFiles {
  /** The event with its attachments stored (or marked refused in its attributes). */
  event: IncomingContent;
  refused: RefusedAttachment[];
  /** Removes the files kept for an event that ends up not stored (a duplicate, a failed commit). */
  discard(): Promise<void>;
}

/**
 * Keeps the files of an inbound message before the message is stored: bytes the channel sent along
 * and files the channel holds (fetched through the adapter), at most MAX_ATTACHMENT_BYTES each.
 * Links to files elsewhere stay links. A temporary download failure fails the whole event, so the
 * channel (or the poller) delivers it again rather than losing the file.
 */
@Injectable()
export class AttachmentIntake {
  private readonly logger = new Logger('AttachmentIntake');

  constructor(
    private readonly storage: FileStorage,
    private readonly inboxes: InboxesService,
    @Inject(CHANNEL_ADAPTERS) private readonly adapters: ChannelAdapters,
    @Inject(INBOX_RUNTIME) private readonly runtime: InboxRuntimeOptions,
  ) {}

  async receive(inbox: Inbox, event: IncomingContent): Promise<ReceivedFiles> {
    const kept: string[] = [];
    const discard = async () => {
      await Promise.all(kept.map((key) => this.storage.remove(key).catch(() => undefined)));
    };
    if (event.kind !== 'message' || !event.attachments?.length) return { event, refused: [], discard };
    const refused: RefusedAttachment[] = [];
    const attachments: IncomingAttachment[] = [];
    try {
      for (const attachment of event.attachments) {
        const outcome = await this.receiveOne(inbox, attachment);
        if ('refused' in outcome) {
          refused.push(outcome.refused);
          attachments.push({ ...attachment, data: undefined });
          continue;
        }
        if (outcome.storageKey) kept.push(outcome.storageKey);
        attachments.push(outcome);
      }
    } catch (error) {
      await discard();
      throw error;
    }
    const attributes = refused.length ? { ...event.attributes, refusedAttachments: refused } : event.attributes;
    return { event: { ...event, attachments, attributes }, refused, discard };
  }

  private async receiveOne(inbox: Inbox, attachment: InboundAttachment): Promise<IncomingAttachment | { refused: RefusedAttachment }> {
    const tooLarge = (sizeBytes?: number, maxBytes = MAX_ATTACHMENT_BYTES) => ({ refused: { fileName: attachment.fileName, sizeBytes, reason: 'too_large' as const, maxBytes } });
    if (attachment.sizeBytes && attachment.sizeBytes > MAX_ATTACHMENT_BYTES) return tooLarge(attachment.sizeBytes);
    if (attachment.data) {
      if (attachment.data.length > MAX_ATTACHMENT_BYTES) return tooLarge(attachment.data.length);
      return this.keep(attachment, attachment.data);
    }
    const adapter = this.adapters.has(inbox.type) ? this.adapters.get(inbox.type) : undefined;
    if (!attachment.externalId || !adapter?.download) return attachment;
    try {
      const file = await this.download(adapter, inbox, attachment);
      return this.keep({ ...attachment, contentType: file.contentType ?? attachment.contentType, fileName: file.fileName ?? attachment.fileName }, file.data);
    } catch (error) {
      if (error instanceof AttachmentTooLargeError) return tooLarge(error.sizeBytes ?? attachment.sizeBytes, error.maxBytes);
      if (error instanceof ChannelError && error.kind === 'permanent') {
        this.logger.warn(`A file of inbox ${inbox.id} cannot be fetched: ${error.reason}`);
        return { refused: { fileName: attachment.fileName, sizeBytes: attachment.sizeBytes, reason: 'unavailable' } };
      }
      throw error;
    }
  }

  private async download(adapter: ChannelAdapter, inbox: Inbox, attachment: InboundAttachment) {
    const settings = this.inboxes.settingsOf(inbox);
    const context = { inboxId: inbox.id, settings, publicUrl: this.runtime.publicUrl, webhookUrl: publicWebhookUrlOf(this.runtime.publicUrl, inbox.id) };
    return adapter.download!(attachment, context, MAX_ATTACHMENT_BYTES);
  }

  private async keep(attachment: InboundAttachment, data: Buffer): Promise<IncomingAttachment> {
    const id = uuidv7();
    await this.storage.put(id, data);
    return { ...attachment, id, storageKey: id, sizeBytes: data.length, data: undefined, url: undefined };
  }
}
