import type { Activity } from '@app/db';

export type ActivityType = Activity['type'];

/** What a caller may set on an activity (call, meeting, e-mail, task or note). */
export interface ActivityInput {
  type?: ActivityType;
  subject?: string;
  body?: string | null;
  dueAt?: Date | null;
  done?: boolean;
  contactId?: string | null;
  dealId?: string | null;
  conversationId?: string | null;
  ownerId?: string | null;
  metadata?: Record<string, unknown>;
}

export interface ActivityFilters {
  type?: ActivityType;
  contactId?: string;
  dealId?: string;
  conversationId?: string;
  ownerId?: string;
  done?: boolean;
  dueBefore?: Date;
  dueAfter?: Date;
  cursor?: string;
  limit: number;
}
