/** The shapes the settings routes answer with, as the settings screens and the template picker use them. */
import { api, request } from '../api/client.js';
import type { ChannelType, Inbox, Page, Role, User } from '../api/types.js';

export interface InboxDetail extends Inbox {
  settings: Record<string, unknown>;
  /** Dot paths of the secrets that are set; their values never come back. */
  secretFields: string[];
  /** The path (from the server's origin) the channel calls for this inbox. */
  webhookUrl: string;
  syncStatus: 'ok' | 'retrying' | 'auth_failed' | null;
  lastError: string | null;
}

export interface Member {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
}

export interface ManagedUser extends User {
  phoneExtension: string | null;
  lastLoginAt: string | null;
}

export interface TeamDetail {
  id: string;
  name: string;
  description: string | null;
  members: Member[];
}

export type PolicyKind = 'manual' | 'round_robin' | 'least_busy' | 'strict_order' | 'sticky';
export const POLICY_KINDS: PolicyKind[] = ['manual', 'round_robin', 'least_busy', 'strict_order', 'sticky'];

export interface Policy {
  id: string;
  name: string;
  inboxId: string | null;
  teamId: string | null;
  kind: PolicyKind;
  enabled: boolean;
  routeToTeamId: string | null;
  capacity: number | null;
  agents: Array<{ userId: string; capacity?: number | null }>;
  strictTimeoutSeconds: number;
  stickyFallback: Exclude<PolicyKind, 'manual' | 'sticky'>;
  waitInBusinessHours: boolean;
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export interface BusinessHours {
  enabled: boolean;
  timeZone: string;
  weekly: Partial<Record<Weekday, Array<{ from: string; to: string }>>>;
  holidays: Array<{ date: string; name?: string; annual?: boolean }>;
  autoReplyEnabled: boolean;
  autoReplyText: string | null;
}

export const BLACKLIST_KINDS = ['identity', 'phone', 'email', 'domain', 'pattern', 'contact'] as const;
export type BlacklistKind = (typeof BLACKLIST_KINDS)[number];

export interface BlacklistEntry {
  id: string;
  kind: BlacklistKind;
  value: string;
  inboxId: string | null;
  reason: string | null;
  expiresAt: string | null;
  createdAt: string;
}

/** Flood protection of GET/PUT /blacklist/settings. */
export interface FloodSettings {
  enabled: boolean;
  maxMessagesPerMinute: number;
}

export interface Template {
  id: string;
  shortCode: string;
  name: string;
  body: string;
  inboxId: string | null;
  variants: Partial<Record<ChannelType, string>>;
  attachments: Array<{ url: string; fileName?: string; contentType?: string }>;
  usageCount: number;
  lastUsedAt: string | null;
}

export interface RenderedTemplate {
  text: string;
  channel: ChannelType | null;
  missing: string[];
}

export interface AutomationRule {
  id: string;
  name: string;
  enabled: boolean;
  event: string;
  match: 'all' | 'any';
  conditions: Array<Record<string, unknown>>;
  actions: Array<Record<string, unknown>>;
  position: number;
  runCount: number;
  lastRunAt: string | null;
}

export interface AutomationRun {
  id: string;
  ruleId: string;
  event: string;
  conversationId: string | null;
  dealId: string | null;
  results: Array<{ type: string; ok: boolean; [detail: string]: unknown }>;
  createdAt: string;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

export const CHANNEL_TYPES = ['telegram', 'vk', 'email', 'sms', 'telephony', 'webchat', 'api'] as const;
export type KnownChannel = (typeof CHANNEL_TYPES)[number];

/** Every item of a keyset-paginated list (settings lists are short). */
export async function allItems<T>(path: string, query: Record<string, string> = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) {
    const page: Page<T> = await api.get<Page<T>>(path, { ...query, limit: 100, cursor });
    items.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return items;
}

export const put = <T>(path: string, body: unknown) => request<T>('PUT', path, body);
