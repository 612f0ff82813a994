import type { Inbox, InboxType } from '@app/db';

/** An inbox as the API answers it: never a secret value, only the names of the secrets that are set. */
export interface InboxView {
  id: string;
  type: InboxType;
  name: string;
  enabled: boolean;
  settings: Record<string, unknown>;
  secretFields: string[];
  createdAt: Date;
  updatedAt: Date;
  /** Where the channel delivers its updates for this inbox. */
  webhookUrl: string;
  /**
   * The full address to paste into the channel's own settings (VK's Callback API server address):
   * webhookUrl at PUBLIC_URL; null when the server has no public address.
   */
  publicWebhookUrl: string | null;
  /** How reading the channel goes, for channels read by polling: ok, retrying (after an error) or auth_failed; null before the first poll. */
  syncStatus: 'ok' | 'retrying' | 'auth_failed' | null;
  /** The last error reading the channel, until a poll succeeds again. */
  lastError: string | null;
  /** A catch-up in progress (a mailbox's first sync): messages done of total; null when there is none. */
  syncProgress: { done: number; total: number } | null;
  /** Polling gave up on refused credentials and waits for the settings to change. */
  syncStopped: boolean;
}

export const webhookPathOf = (inboxId: string) => `/webhooks/${inboxId}`;

/** The full address channels call for this inbox; undefined when the server has no public address. */
export const publicWebhookUrlOf = (publicUrl: string | undefined, inboxId: string) => (publicUrl ? `${publicUrl.replace(/\/+$/, '')}${webhookPathOf(inboxId)}` : undefined);

export function toInboxView(inbox: Inbox, redacted: { settings: Record<string, unknown>; secretFields: string[] }, publicUrl?: string): InboxView {
  return {
    id: inbox.id,
    type: inbox.type,
    name: inbox.name,
    enabled: inbox.enabled,
    settings: redacted.settings,
    secretFields: redacted.secretFields,
    createdAt: inbox.createdAt,
    updatedAt: inbox.updatedAt,
    webhookUrl: webhookPathOf(inbox.id),
    publicWebhookUrl: publicWebhookUrlOf(publicUrl, inbox.id) ?? null,
    syncStatus: syncStatusOf(inbox.syncState.status),
    lastError: typeof inbox.syncState.lastError === 'string' ? inbox.syncState.lastError : null,
    syncProgress: progressOf(inbox.syncState.progress),
    syncStopped: typeof inbox.syncState.stoppedFor === 'string' && inbox.syncState.stoppedFor === inbox.updatedAt.toISOString(),
  };
}

function progressOf(value: unknown): InboxView['syncProgress'] {
  const { done, total } = (value ?? {}) as { done?: unknown; total?: unknown };
  return Number.isInteger(done) && Number.isInteger(total) ? { done: done as number, total: total as number } : null;
}

const SYNC_STATUSES = ['ok', 'retrying', 'auth_failed'] as const;

function syncStatusOf(value: unknown): InboxView['syncStatus'] {
  return SYNC_STATUSES.find((status) => status === value) ?? null;
}
