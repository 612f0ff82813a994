import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  char,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { v7 as uuidv7 } from 'uuid';

// Ids are UUIDv7: unique across processes and ordered by creation time, so keyset pagination can use them.
const id = () =>
  uuid('id')
    .primaryKey()
    .$defaultFn(() => uuidv7());
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());
const tsz = (name: string) => timestamp(name, { withTimezone: true });

export const userRole = pgEnum('user_role', ['admin', 'supervisor', 'agent']);
export const inboxType = pgEnum('inbox_type', ['telegram', 'vk', 'email', 'sms', 'webchat', 'telephony', 'api']);
export const dealStatus = pgEnum('deal_status', ['open', 'won', 'lost']);
export const stageKind = pgEnum('stage_kind', ['open', 'won', 'lost']);
export const activityType = pgEnum('activity_type', ['call', 'meeting', 'email', 'task', 'note']);
export const conversationStatus = pgEnum('conversation_status', ['open', 'pending', 'snoozed', 'resolved']);
export const conversationPriority = pgEnum('conversation_priority', ['low', 'medium', 'high', 'urgent']);
export const messageType = pgEnum('message_type', ['incoming', 'outgoing', 'note', 'system']);
export const senderType = pgEnum('sender_type', ['contact', 'user', 'bot', 'system']);
export const messageStatus = pgEnum('message_status', ['received', 'queued', 'sent', 'delivered', 'read', 'failed']);

export const users = pgTable('users', {
  id: id(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: userRole('role').notNull().default('agent'),
  locale: text('locale').notNull().default('ru'),
  active: boolean('active').notNull().default(true),
  // Bumped on password change or deactivation: tokens issued before are refused.
  tokenVersion: integer('token_version').notNull().default(0),
  lastLoginAt: tsz('last_login_at'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const teams = pgTable('teams', {
  id: id(),
  name: text('name').notNull().unique(),
  description: text('description'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const teamMembers = pgTable(
  'team_members',
  {
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_members_user_idx').on(t.userId)],
);

export const inboxes = pgTable('inboxes', {
  id: id(),
  type: inboxType('type').notNull(),
  name: text('name').notNull(),
  // Channel-specific settings; secret values are stored encrypted (see libs/common secret-box).
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const inboxMembers = pgTable(
  'inbox_members',
  {
    inboxId: uuid('inbox_id')
      .notNull()
      .references(() => inboxes.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.inboxId, t.userId] }), index('inbox_members_user_idx').on(t.userId)],
);

export const companies = pgTable(
  'companies',
  {
    id: id(),
    name: text('name').notNull(),
    domain: text('domain'),
    phone: text('phone'),
    address: text('address'),
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
    searchText: text('search_text').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('companies_domain_idx').on(t.domain)],
);

export const contacts = pgTable(
  'contacts',
  {
    id: id(),
    name: text('name').notNull().default(''),
    // Phones in E.164, e-mails lower-cased: normalised on write so duplicates can be found.
    phones: text('phones').array().notNull().default(sql`'{}'::text[]`),
    emails: text('emails').array().notNull().default(sql`'{}'::text[]`),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
    companyId: uuid('company_id').references(() => companies.id, { onDelete: 'set null' }),
    locale: text('locale'),
    avatarUrl: text('avatar_url'),
    blocked: boolean('blocked').notNull().default(false),
    searchText: text('search_text').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('contacts_phones_idx').using('gin', t.phones),
    index('contacts_emails_idx').using('gin', t.emails),
    index('contacts_company_idx').on(t.companyId),
  ],
);

export const contactIdentities = pgTable(
  'contact_identities',
  {
    id: id(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    inboxId: uuid('inbox_id')
      .notNull()
      .references(() => inboxes.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    username: text('username'),
    displayName: text('display_name'),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('contact_identities_inbox_external_uq').on(t.inboxId, t.externalId),
    index('contact_identities_contact_idx').on(t.contactId),
  ],
);

export const pipelines = pgTable('pipelines', {
  id: id(),
  name: text('name').notNull(),
  isDefault: boolean('is_default').notNull().default(false),
  position: integer('position').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const pipelineStages = pgTable(
  'pipeline_stages',
  {
    id: id(),
    pipelineId: uuid('pipeline_id')
      .notNull()
      .references(() => pipelines.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
    kind: stageKind('kind').notNull().default('open'),
    probability: integer('probability').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('pipeline_stages_pipeline_idx').on(t.pipelineId, t.position)],
);

export const deals = pgTable(
  'deals',
  {
    id: id(),
    title: text('title').notNull(),
    // Money as exact decimals (strings in JS); never floats.
    amount: numeric('amount', { precision: 14, scale: 2 }).notNull().default('0'),
    currency: char('currency', { length: 3 }).notNull().default('RUB'),
    pipelineId: uuid('pipeline_id')
      .notNull()
      .references(() => pipelines.id, { onDelete: 'restrict' }),
    stageId: uuid('stage_id')
      .notNull()
      .references(() => pipelineStages.id, { onDelete: 'restrict' }),
    status: dealStatus('status').notNull().default('open'),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    companyId: uuid('company_id').references(() => companies.id, { onDelete: 'set null' }),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    sourceInboxId: uuid('source_inbox_id').references(() => inboxes.id, { onDelete: 'set null' }),
    lostReason: text('lost_reason'),
    expectedCloseDate: tsz('expected_close_date'),
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
    stageChangedAt: tsz('stage_changed_at').notNull().defaultNow(),
    closedAt: tsz('closed_at'),
    searchText: text('search_text').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('deals_stage_idx').on(t.stageId),
    index('deals_pipeline_idx').on(t.pipelineId, t.status),
    index('deals_contact_idx').on(t.contactId),
    index('deals_owner_idx').on(t.ownerId),
  ],
);

export const dealLineItems = pgTable(
  'deal_line_items',
  {
    id: id(),
    dealId: uuid('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    sku: text('sku'),
    quantity: numeric('quantity', { precision: 12, scale: 3 }).notNull().default('1'),
    unitPrice: numeric('unit_price', { precision: 14, scale: 2 }).notNull().default('0'),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('deal_line_items_deal_idx').on(t.dealId, t.position)],
);

export const conversations = pgTable(
  'conversations',
  {
    id: id(),
    inboxId: uuid('inbox_id')
      .notNull()
      .references(() => inboxes.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    contactIdentityId: uuid('contact_identity_id').references(() => contactIdentities.id, { onDelete: 'set null' }),
    status: conversationStatus('status').notNull().default('open'),
    snoozedUntil: tsz('snoozed_until'),
    priority: conversationPriority('priority'),
    labels: text('labels').array().notNull().default(sql`'{}'::text[]`),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    dealId: uuid('deal_id').references(() => deals.id, { onDelete: 'set null' }),
    subject: text('subject'),
    // A group chat or an e-mail thread: several conversations with one contact in one inbox.
    threadKey: text('thread_key'),
    unreadCount: integer('unread_count').notNull().default(0),
    lastMessageAt: tsz('last_message_at'),
    lastMessagePreview: text('last_message_preview'),
    lastIncomingAt: tsz('last_incoming_at'),
    firstReplyAt: tsz('first_reply_at'),
    resolvedAt: tsz('resolved_at'),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('conversations_inbox_status_idx').on(t.inboxId, t.status, t.lastMessageAt),
    index('conversations_assignee_idx').on(t.assigneeId, t.status),
    index('conversations_contact_idx').on(t.contactId),
    index('conversations_deal_idx').on(t.dealId),
    index('conversations_inbox_contact_idx').on(t.inboxId, t.contactId, t.status),
    index('conversations_last_message_idx').on(t.lastMessageAt, t.id),
  ],
);

export const activities = pgTable(
  'activities',
  {
    id: id(),
    type: activityType('type').notNull(),
    subject: text('subject').notNull(),
    body: text('body'),
    dueAt: tsz('due_at'),
    done: boolean('done').notNull().default(false),
    doneAt: tsz('done_at'),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'cascade' }),
    dealId: uuid('deal_id').references(() => deals.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('activities_contact_idx').on(t.contactId),
    index('activities_deal_idx').on(t.dealId),
    index('activities_conversation_idx').on(t.conversationId),
    index('activities_owner_due_idx').on(t.ownerId, t.done, t.dueAt),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: id(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    inboxId: uuid('inbox_id')
      .notNull()
      .references(() => inboxes.id, { onDelete: 'cascade' }),
    messageType: messageType('message_type').notNull(),
    senderType: senderType('sender_type').notNull(),
    senderId: uuid('sender_id'),
    content: text('content'),
    contentAttributes: jsonb('content_attributes').$type<Record<string, unknown>>().notNull().default({}),
    // The channel's own id of this message; (inbox, external id) is unique so a redelivered webhook adds nothing.
    externalId: text('external_id'),
    status: messageStatus('status').notNull().default('received'),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    replyToId: uuid('reply_to_id'),
    searchText: text('search_text').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('messages_inbox_external_uq')
      .on(t.inboxId, t.externalId)
      .where(sql`${t.externalId} is not null`),
    index('messages_conversation_idx').on(t.conversationId, t.id),
    index('messages_outbox_idx')
      .on(t.status)
      .where(sql`${t.status} = 'queued'`),
  ],
);

export const attachments = pgTable(
  'attachments',
  {
    id: id(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull().default('application/octet-stream'),
    sizeBytes: integer('size_bytes'),
    // Where the bytes live: a key in the product's file storage, or the channel's URL before download.
    storageKey: text('storage_key'),
    externalUrl: text('external_url'),
    createdAt: createdAt(),
  },
  (t) => [index('attachments_message_idx').on(t.messageId)],
);

export const apiKeys = pgTable('api_keys', {
  id: id(),
  name: text('name').notNull(),
  // The first characters of the key, shown in lists so a person can tell keys apart.
  prefix: text('prefix').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  role: userRole('role').notNull().default('agent'),
  createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
  lastUsedAt: tsz('last_used_at'),
  revokedAt: tsz('revoked_at'),
  createdAt: createdAt(),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    actorId: uuid('actor_id'),
    actorEmail: text('actor_email'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    ip: text('ip'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_created_idx').on(t.createdAt), index('audit_log_actor_idx').on(t.actorId)],
);

/**
 * Everything agents are shown live, numbered by one sequence across processes: a reconnecting
 * client asks for what came after the last id it saw. Rows are written in the same transaction as
 * the change they announce, and pruned after a retention period.
 */
export const realtimeEvents = pgTable(
  'realtime_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    inboxId: uuid('inbox_id'),
    conversationId: uuid('conversation_id'),
    // Set for events meant for one user only.
    userId: uuid('user_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('realtime_events_inbox_idx').on(t.inboxId, t.id), index('realtime_events_created_idx').on(t.createdAt)],
);

export type User = typeof users.$inferSelect;
export type Team = typeof teams.$inferSelect;
export type Inbox = typeof inboxes.$inferSelect;
export type Contact = typeof contacts.$inferSelect;
export type ContactIdentity = typeof contactIdentities.$inferSelect;
export type Company = typeof companies.$inferSelect;
export type Pipeline = typeof pipelines.$inferSelect;
export type PipelineStage = typeof pipelineStages.$inferSelect;
export type Deal = typeof deals.$inferSelect;
export type DealLineItem = typeof dealLineItems.$inferSelect;
export type Activity = typeof activities.$inferSelect;
export type Conversation = typeof conversations.$inferSelect;
export type Message = typeof messages.$inferSelect;
export type Attachment = typeof attachments.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
export type RealtimeEventRow = typeof realtimeEvents.$inferSelect;
export type UserRole = (typeof userRole.enumValues)[number];
export type InboxType = (typeof inboxType.enumValues)[number];
