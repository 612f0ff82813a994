import { api } from '../api/client.js';
import type { Page } from '../api/types.js';
import type { Ticket, TicketReport, TicketType } from './types.js';

export interface TicketChange {
  type?: TicketType;
  dueAt?: string | null;
  addItem?: string;
  toggleItem?: { id: string; done: boolean };
  removeItemId?: string;
}

export const ticketsApi = {
  mark: (conversationId: string, body: { type: TicketType; dueAt?: string | null }) => api.post<Ticket>(`/conversations/${conversationId}/ticket`, body),
  get: (id: string) => api.get<Ticket>(`/tickets/${id}`),
  update: (id: string, change: TicketChange) => api.patch<Ticket>(`/tickets/${id}`, change),
  unmark: (id: string) => api.del<void>(`/tickets/${id}`),
  list: (query: Record<string, string | number | null | undefined>) => api.get<Page<Ticket>>('/tickets', query),
  report: (query: { from: string; to: string; timezone: string }) => api.get<TicketReport>('/tickets/report', query),
};
