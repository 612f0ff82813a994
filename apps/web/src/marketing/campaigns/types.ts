/** The campaign shapes of the REST API and of the live progress event: one contract with the server. */
// eslint-disable-next-line no-restricted-imports
export type {
  CampaignCounts,
  CampaignRecipientStatus,
  CampaignRecipientView,
  CampaignResults,
  CampaignStatus,
  CampaignView,
} from '../../../../../libs/marketing/src/campaigns/campaign.types.js';
// eslint-disable-next-line no-restricted-imports
export type { CampaignProgressPayload } from '../../../../../libs/realtime/src/agent-events.js';

export interface CampaignDraft {
  name: string;
  inboxId: string;
  segmentId: string;
  templateId: string;
  variables: Record<string, string>;
  scheduledAt: string | null;
  cost: string | null;
}

export interface TemplateOption {
  id: string;
  name: string;
  shortCode: string;
  inboxId: string | null;
}

export interface SegmentOption {
  id: string;
  name: string;
}
