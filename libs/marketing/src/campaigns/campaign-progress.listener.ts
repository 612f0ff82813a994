import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Conversation, Message } from '@app/db';
import { InboxEvents } from '@app/inbox';
import type { OutreachSource } from '../marketing.contract.js';
import { CampaignProgressPublisher } from './campaign-progress.publisher.js';
import { CampaignRecipientsRepository, type DeliveryOutcome } from './campaign-recipients.repository.js';
import { CampaignsRepository } from './campaigns.repository.js';

/** The campaign a message or conversation was sent for, from the attributes outreach wrote on it. */
export function campaignSourceOf(attributes: Record<string, unknown> | null | undefined): { campaignId: string; recipientId?: string } | null {
  const source = attributes?.outreach as Partial<OutreachSource> | undefined;
  if (!source || typeof source !== 'object' || source.kind !== 'campaign' || typeof source.id !== 'string') return null;
  return { campaignId: source.id, recipientId: typeof source.recipientId === 'string' ? source.recipientId : undefined };
}

export function outcomeOf(message: Pick<Message, 'status' | 'error' | 'updatedAt'>): DeliveryOutcome | null {
  switch (message.status) {
    case 'sent':
      return { status: 'sent', at: message.updatedAt };
    case 'delivered':
    case 'read':
      return { status: 'delivered', at: message.updatedAt };
    case 'failed':
      return { status: 'failed', error: message.error };
    default:
      return null;
  }
}

/** Follows the campaign's messages through delivery and the customers' answers after each committed change. */
@Injectable()
export class CampaignProgressListener implements OnModuleInit {
  private readonly logger = new Logger('CampaignProgress');

  constructor(
    private readonly inboxEvents: InboxEvents,
    private readonly recipients: CampaignRecipientsRepository,
    private readonly campaigns: CampaignsRepository,
    private readonly progress: CampaignProgressPublisher,
  ) {}

  onModuleInit() {
    this.inboxEvents.on('message.status_changed', ({ message }) => this.step(() => this.onStatus(message)));
    this.inboxEvents.on('message.created', ({ message, conversation }) => this.step(() => this.onMessage(message, conversation)));
  }

  private async onStatus(message: Message): Promise<void> {
    const source = campaignSourceOf(message.contentAttributes);
    const outcome = outcomeOf(message);
    if (!source || !outcome) return;
    const campaignId = await this.recipients.recordOutcome(source.recipientId ? { recipientId: source.recipientId } : { messageId: message.id }, outcome);
    if (!campaignId) return;
    if (outcome.status !== 'delivered') await this.campaigns.completeIfDone(campaignId);
    this.progress.changed(campaignId);
  }

  private async onMessage(message: Message, conversation: Conversation): Promise<void> {
    if (message.messageType !== 'incoming') return;
    const source = campaignSourceOf(conversation.attributes);
    if (!source) return;
    if (await this.recipients.recordReply(source.campaignId, conversation.contactId, message.createdAt)) this.progress.changed(source.campaignId);
  }

  private async step(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.error(`Campaign progress was not recorded: ${(error as Error).message}`, (error as Error).stack);
    }
  }
}
