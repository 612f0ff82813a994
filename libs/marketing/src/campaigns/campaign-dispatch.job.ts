import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DomainException } from '@app/common';
import type { CampaignRecipientRow, CampaignRow } from '@app/db';
import { InboxesService } from '@app/inbox';
import { InjectJobQueue, JobName, OnJob, type JobQueue } from '@app/queue';
import { OutreachPort, SegmentsPort, type OutreachLedger } from '../marketing.contract.js';
import { EXPANSION_PAGE, roomFor, SETTLE_CHECK_MS, TICK_MS } from './campaign-pace.js';
import { CampaignProgressPublisher } from './campaign-progress.publisher.js';
import { CampaignRecipientsRepository } from './campaign-recipients.repository.js';
import { CampaignsRepository } from './campaigns.repository.js';
import { CAMPAIGNS_RUNTIME, type CampaignsRuntime } from './campaigns.tokens.js';

export interface CampaignDispatchJobData {
  campaignId: string;
  /** The chain this step belongs to; a step of an older chain (before a pause or restart) stops. */
  token: string;
}

/**
 * Runs a campaign one step at a time: first the segment is copied into recipients a page per step, then
 * each step hands a batch to outreach and adds the next step after a pause. Everything it needs to go on
 * is in the database, so a restart resumes from the recipients table; pause and cancel take effect at the
 * next step.
 */
@Injectable()
export class CampaignDispatchJob implements OnApplicationBootstrap {
  private readonly logger = new Logger('CampaignDispatch');

  constructor(
    private readonly campaigns: CampaignsRepository,
    private readonly recipients: CampaignRecipientsRepository,
    private readonly inboxes: InboxesService,
    private readonly outreach: OutreachPort,
    private readonly segments: SegmentsPort,
    private readonly progress: CampaignProgressPublisher,
    @InjectJobQueue() private readonly queue: JobQueue,
    @Inject(CAMPAIGNS_RUNTIME) private readonly runtime: CampaignsRuntime,
  ) {}

  enqueue(campaignId: string, token: string, delayMs = 0): Promise<void> {
    return this.queue.add<CampaignDispatchJobData>(JobName.CampaignDispatch, { campaignId, token }, { delayMs: Math.max(0, delayMs) });
  }

  /** Running and scheduled campaigns get a fresh chain: jobs kept only in this process's memory did not survive. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.runtime.runsJobs) return;
    try {
      for (const campaign of await this.campaigns.active()) {
        const token = randomUUID();
        const claimed = await this.campaigns.update(campaign.id, [campaign.status], { dispatchToken: token });
        if (claimed) await this.enqueue(campaign.id, token, campaign.status === 'scheduled' && campaign.scheduledAt ? campaign.scheduledAt.getTime() - Date.now() : 0);
      }
    } catch (error) {
      this.logger.warn(`Campaigns were not resumed: ${(error as Error).message}`);
    }
  }

  @OnJob(JobName.CampaignDispatch)
  async handle({ campaignId, token }: CampaignDispatchJobData): Promise<void> {
    let campaign = await this.campaigns.findById(campaignId);
    if (!campaign || campaign.dispatchToken !== token) return;
    if (campaign.status === 'scheduled') {
      const wait = (campaign.scheduledAt?.getTime() ?? 0) - Date.now();
      if (wait > 0) return this.enqueue(campaignId, token, wait);
      campaign = await this.campaigns.update(campaignId, ['scheduled'], { status: 'running', startedAt: new Date() });
      if (!campaign) return;
      this.progress.changed(campaignId);
    }
    if (campaign.status !== 'running') return;
    if (!campaign.expandedAt) {
      await this.expandPage(campaign);
      this.progress.changed(campaignId);
      return this.enqueue(campaignId, token);
    }
    const started = Date.now();
    const remaining = await this.sendBatch(campaign);
    this.progress.changed(campaignId);
    // A batch that took a while already used up part of the tick.
    if (remaining) return this.enqueue(campaignId, token, TICK_MS - (Date.now() - started));
    await this.recipients.reconcile(campaignId);
    if (await this.campaigns.completeIfDone(campaignId)) return this.progress.changed(campaignId);
    return this.enqueue(campaignId, token, SETTLE_CHECK_MS);
  }

  /** Copies the next page of the segment into recipients; the unique (campaign, contact) makes a repeated page add nobody. */
  private async expandPage(campaign: CampaignRow): Promise<void> {
    const ids = await this.segments.page(campaign.segmentId, campaign.expansionCursor, EXPANSION_PAGE);
    await this.recipients.add(campaign.id, ids);
    await this.campaigns.recordExpansion(campaign.id, ids.at(-1) ?? campaign.expansionCursor, ids.length < EXPANSION_PAGE);
  }

  /** Hands over as many as the pace allows; answers whether anyone is left to hand over. */
  private async sendBatch(campaign: CampaignRow): Promise<boolean> {
    const inbox = await this.inboxes.findOrThrow(campaign.inboxId);
    const room = roomFor(inbox.type, await this.recipients.inFlight(campaign.id));
    if (room === 0) return true;
    const batch = await this.recipients.undispatched(campaign.id, room);
    for (const recipient of batch) await this.sendOne(campaign, recipient);
    return batch.length === room;
  }

  /**
   * The recipient's message is recorded in the transaction that writes it, so a step that stops anywhere
   * leaves either both or neither, and the resumed step sends to nobody twice.
   */
  private async sendOne(campaign: CampaignRow, recipient: CampaignRecipientRow): Promise<void> {
    const ledger: OutreachLedger = {
      claim: (tx) => this.recipients.lockUndispatched(tx, recipient.id),
      record: (tx, queued) => this.recipients.recordQueued(recipient.id, queued.conversationId, queued.messageId, tx),
    };
    try {
      const result = await this.outreach.send({
        contactId: recipient.contactId,
        inboxId: campaign.inboxId,
        templateId: campaign.templateId ?? undefined,
        variables: campaign.variables,
        source: { kind: 'campaign', id: campaign.id, recipientId: recipient.id },
        marketing: true,
        ledger,
      });
      if (result.status === 'skipped') await this.recipients.recordSkipped(recipient.id, result.reason);
    } catch (error) {
      // A refusal about this one contact must not hold up the others; anything else (the database) retries the step.
      if (!(error instanceof DomainException)) throw error;
      await this.recipients.recordOutcome({ recipientId: recipient.id }, { status: 'failed', error: error.code });
    }
  }
}
