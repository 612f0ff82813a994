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
}

export const webhookPathOf = (inboxId: string) => `/webhooks/${inboxId}`;

export function toInboxView(inbox: Inbox, redacted: { settings: Record<string, unknown>; secretFields: string[] }): InboxView {
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
  };
}
