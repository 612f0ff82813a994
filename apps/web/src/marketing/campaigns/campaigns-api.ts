import { api } from '../../api/client.js';
import type { Page, Role } from '../../api/types.js';
import type { CampaignDraft, CampaignRecipientStatus, CampaignRecipientView, CampaignResults, CampaignView, SegmentOption, TemplateOption } from './types.js';

export type CampaignTransition = 'launch' | 'pause' | 'resume' | 'cancel';

/** The REST calls of the campaign screens, one place for their paths and shapes. */
export const campaignsApi = {
  list: (query: { q?: string; cursor?: string | null; limit?: number } = {}) => api.get<Page<CampaignView>>('/campaigns', { limit: 50, ...query }),
  get: (id: string) => api.get<CampaignView>(`/campaigns/${id}`),
  create: (body: CampaignDraft) => api.post<CampaignView>('/campaigns', body),
  update: (id: string, body: Partial<CampaignDraft>) => api.patch<CampaignView>(`/campaigns/${id}`, body),
  remove: (id: string) => api.del<void>(`/campaigns/${id}`),
  transition: (id: string, action: CampaignTransition) => api.post<CampaignView>(`/campaigns/${id}/${action}`),
  recipients: (id: string, query: { status?: CampaignRecipientStatus | ''; cursor?: string | null }) => api.get<Page<CampaignRecipientView>>(`/campaigns/${id}/recipients`, { limit: 50, ...query }),
  results: (id: string) => api.get<CampaignResults>(`/campaigns/${id}/results`),
  segments: () => api.get<Page<SegmentOption>>('/segments', { limit: 100 }),
  /** The segment's size now, for the editor; unknown (null) when the server cannot tell. */
  segmentSize: async (id: string) => {
    const figures = await api.get<{ count?: number; optedOut?: number }>(`/segments/${id}/report`).catch(() => null);
    return typeof figures?.count === 'number' ? { count: figures.count, optedOut: figures.optedOut ?? 0 } : null;
  },
  templates: (inboxId: string) => api.get<Page<TemplateOption>>('/templates', { limit: 100, inboxId: inboxId || undefined }),
};

/** Admins and supervisors run campaigns; agents look. */
export function canRunCampaigns(role: Role | undefined): boolean {
  return role === 'admin' || role === 'supervisor';
}
