/** The REST contract of campaigns, shared with the web app (type-only imports). */

export type CampaignStatus = 'draft' | 'scheduled' | 'running' | 'paused' | 'completed' | 'cancelled';
export type CampaignRecipientStatus = 'queued' | 'sent' | 'delivered' | 'failed' | 'skipped' | 'replied';
export type CampaignAction = 'launch' | 'pause' | 'resume' | 'cancel' | 'edit' | 'delete';

export interface CampaignCounts {
  total: number;
  queued: number;
  sent: number;
  delivered: number;
  failed: number;
  skipped: number;
  replied: number;
}

export interface CampaignView {
  id: string;
  name: string;
  inboxId: string;
  segmentId: string;
  templateId: string | null;
  variables: Record<string, string>;
  status: CampaignStatus;
  scheduledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** Exact decimal as a string, e.g. "15000.00". */
  cost: string | null;
  createdById: string | null;
  counts: CampaignCounts;
  createdAt: string;
  updatedAt: string;
}

export interface CampaignRecipientView {
  id: string;
  contact: { id: string; name: string };
  status: CampaignRecipientStatus;
  skipReason: string | null;
  conversationId: string | null;
  messageId: string | null;
  error: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  repliedAt: string | null;
  createdAt: string;
}

export interface CampaignResults extends CampaignCounts {
  /** Share of the contacts sent to (all but the skipped) whom the message reached: sent, delivered or replied; 0..1. */
  deliveryRate: number;
  /** Share of the reached contacts who replied; 0..1. */
  replyRate: number;
  /** Deals of the recipients' conversations, or created for the recipients after the campaign started. */
  dealsCreated: number;
  /** The won amount of those deals, an exact decimal as a string. */
  revenue: string;
  cost: string | null;
  /** cost / dealsCreated, or null without a cost or without deals. */
  costPerLead: string | null;
}
