import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { RealtimeService } from '@app/realtime';
import { CampaignRecipientsRepository } from './campaign-recipients.repository.js';
import { CampaignsRepository } from './campaigns.repository.js';

/** A running campaign changes many times a second; browsers hear about it at most this often. */
export const PROGRESS_INTERVAL_MS = 500;

/**
 * Tells supervisors and admins how a campaign is going. Changes within the interval are folded into
 * one event sent at its end, so the last state is always sent and no campaign sends more often.
 */
@Injectable()
export class CampaignProgressPublisher implements OnApplicationShutdown {
  private readonly logger = new Logger('CampaignProgress');
  private readonly lastSentAt = new Map<string, number>();
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly realtime: RealtimeService,
    private readonly campaigns: CampaignsRepository,
    private readonly recipients: CampaignRecipientsRepository,
  ) {}

  changed(campaignId: string): void {
    if (this.pending.has(campaignId)) return;
    const wait = Math.max(0, (this.lastSentAt.get(campaignId) ?? 0) + PROGRESS_INTERVAL_MS - Date.now());
    const timer = setTimeout(() => {
      this.pending.delete(campaignId);
      this.lastSentAt.set(campaignId, Date.now());
      void this.publish(campaignId);
    }, wait);
    timer.unref();
    this.pending.set(campaignId, timer);
  }

  onApplicationShutdown(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private async publish(campaignId: string): Promise<void> {
    try {
      const campaign = await this.campaigns.findById(campaignId);
      if (!campaign) return void this.lastSentAt.delete(campaignId);
      const counts = (await this.recipients.counts([campaignId])).get(campaignId)!;
      this.realtime.emitMomentary('campaign.progress', { campaignId, status: campaign.status, counts }, { supervisors: true });
      if (campaign.status === 'completed' || campaign.status === 'cancelled') this.lastSentAt.delete(campaignId);
    } catch (error) {
      this.logger.warn(`Progress of campaign ${campaignId} was not published: ${(error as Error).message}`);
    }
  }
}
