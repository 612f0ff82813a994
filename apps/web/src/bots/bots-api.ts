import { api } from '../api/client.js';
import type { Page, Role } from '../api/types.js';
import type { BotFlow, BotFlowSummary, BotSessionView, FlowDocument, Product, SimulateInput, SimulateResponse, Trigger, ValidateFlowResponse } from './types.js';

export interface FlowChanges {
  name?: string;
  description?: string | null;
  document?: FlowDocument;
  triggers?: Trigger[];
}

export type ProductBody = Omit<Product, 'id' | 'createdAt' | 'updatedAt'>;

/** The REST calls of the bot screens, one place for their paths and shapes. */
export const botsApi = {
  listFlows: (query: { q?: string; cursor?: string | null; limit?: number } = {}) => api.get<Page<BotFlowSummary>>('/bot-flows', { limit: 50, ...query }),
  getFlow: (id: string) => api.get<BotFlow>(`/bot-flows/${id}`),
  createFlow: (body: FlowChanges & { name: string; document: FlowDocument }) => api.post<BotFlow>('/bot-flows', body),
  updateFlow: (id: string, body: FlowChanges) => api.patch<BotFlow>(`/bot-flows/${id}`, body),
  deleteFlow: (id: string) => api.del<void>(`/bot-flows/${id}`),
  publish: (id: string) => api.post<{ version: number }>(`/bot-flows/${id}/publish`),
  validate: (document: unknown) => api.post<ValidateFlowResponse>('/bot-flows/validate', { document }),
  simulate: (id: string, body: { document: FlowDocument; sessionId?: string; input?: SimulateInput; locale?: 'ru' | 'en' }) => api.post<SimulateResponse>(`/bot-flows/${id}/simulate`, body),

  listProducts: (query: { q?: string; cursor?: string | null; limit?: number } = {}) => api.get<Page<Product>>('/products', { limit: 50, ...query }),
  createProduct: (body: ProductBody) => api.post<Product>('/products', body),
  updateProduct: (id: string, body: Partial<ProductBody>) => api.patch<Product>(`/products/${id}`, body),
  deleteProduct: (id: string) => api.del<void>(`/products/${id}`),

  session: (conversationId: string) => api.get<{ session: BotSessionView | null }>(`/conversations/${conversationId}/bot-session`),
  stopSession: (conversationId: string) => api.post<{ session: null }>(`/conversations/${conversationId}/bot-session/stop`),
  startSession: (conversationId: string, flowId: string) => api.post<{ session: BotSessionView }>(`/conversations/${conversationId}/bot-session`, { flowId }),
};

/** Admins and supervisors change flows and the catalog; agents look. */
export function canEditBots(role: Role | undefined): boolean {
  return role === 'admin' || role === 'supervisor';
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
