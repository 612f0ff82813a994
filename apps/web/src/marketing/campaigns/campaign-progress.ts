import type { CampaignCounts, CampaignProgressPayload, CampaignStatus, CampaignView } from './types.js';

/** Recipients past the queue (sent, delivered, failed, skipped, replied), as a share of all of them, 0..1. */
export function progressOf(counts: CampaignCounts): number {
  if (counts.total === 0) return 0;
  return (counts.total - counts.queued) / counts.total;
}

/** The campaign with a live progress event applied, or the same object when the event is about another one. */
export function withProgress<T extends Pick<CampaignView, 'id' | 'status' | 'counts'>>(campaign: T, event: CampaignProgressPayload): T {
  if (campaign.id !== event.campaignId) return campaign;
  return { ...campaign, status: event.status, counts: event.counts };
}

/** The buttons a campaign in this status offers, as the server allows them. */
export function actionsFor(status: CampaignStatus): Array<'launch' | 'pause' | 'resume' | 'cancel'> {
  switch (status) {
    case 'draft':
      return ['launch'];
    case 'scheduled':
    case 'running':
      return ['pause', 'cancel'];
    case 'paused':
      return ['resume', 'cancel'];
    default:
      return [];
  }
}

/** A percentage for people: 0.4567 → "45.7 %" style, by the locale. */
export function formatRate(rate: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/** Lines of "key=value" as variables; blank lines and lines without "=" are left out. */
export function parseVariables(text: string): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at <= 0) continue;
    const key = line.slice(0, at).trim();
    if (key) variables[key] = line.slice(at + 1).trim();
  }
  return variables;
}

export function formatVariables(variables: Record<string, string>): string {
  return Object.entries(variables)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
}
