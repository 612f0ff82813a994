import { api } from '../../api/client.js';
import type { Page, Role } from '../../api/types.js';
import type { filterToJson } from './segment-conditions.js';

export interface SegmentView {
  id: string;
  name: string;
  description: string | null;
  filter: { match: 'all' | 'any'; conditions: Array<Record<string, unknown>> };
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SegmentContact {
  id: string;
  name: string;
  phones: string[];
  emails: string[];
  tags: string[];
  optedOutAt: string | null;
}

export interface SegmentReport {
  count: number;
  optedOut: number;
  byChannel: Record<string, number>;
  wonDeals: number;
  wonRevenue: string;
}

export interface SegmentBody {
  name: string;
  description: string | null;
  filter: ReturnType<typeof filterToJson>;
}

/** The REST calls of the segment screens. */
export const segmentsApi = {
  list: (query: { q?: string; cursor?: string | null }) => api.get<Page<SegmentView>>('/segments', { limit: 50, ...query }),
  get: (id: string) => api.get<SegmentView>(`/segments/${id}`),
  create: (body: SegmentBody) => api.post<SegmentView>('/segments', body),
  update: (id: string, body: SegmentBody) => api.patch<SegmentView>(`/segments/${id}`, body),
  remove: (id: string) => api.del<void>(`/segments/${id}`),
  preview: (filter: SegmentBody['filter']) => api.post<{ count: number; sample: SegmentContact[] }>('/segments/preview', { filter }),
  report: (id: string) => api.get<SegmentReport>(`/segments/${id}/report`),
  companies: () => api.get<Page<{ id: string; name: string }>>('/companies', { limit: 100 }),
};

/** Admins and supervisors change segments; agents look. */
export function canEditSegments(role: Role | undefined): boolean {
  return role === 'admin' || role === 'supervisor';
}
