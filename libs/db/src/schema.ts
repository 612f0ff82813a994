import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  char,
  date,
  check,
  customType,
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
  // The agent's internal number on the office PBX, so a ringing extension finds its agent.
  phoneExtension: text('phone_extension').unique(),
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
  // How the channel is being read (polling cursor, lease, health); written by the poller, never by a client.
  syncState: jsonb('sync_state').$type<Record<string, unknown>>().notNull().default({}),
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
    // Marketing consent: set when the contact opts out (a STOP reply, an unsubscribe link, an agent); campaigns and triggers skip them.
    optedOutAt: tsz('opted_out_at'),
    optOutSource: text('opt_out_source'),
    // IANA zone for messages sent at the contact's local time; null uses the workspace's.
    timeZone: text('time_zone'),
    birthday: date('birthday', { mode: 'string' }),
    searchText: text('search_text').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('contacts_phones_idx').using('gin', t.phones),
    index('contacts_emails_idx').using('gin', t.emails),
    index('contacts_company_idx').on(t.companyId),
    // Substring search (ILIKE-style on the folded text) through trigrams; pg_trgm comes with PostgreSQL and PGlite.
    index('contacts_search_trgm_idx').using('gin', sql`search_text gin_trgm_ops`),
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
    // The inbox lists order by last activity (coalesce(last_message_at, created_at), id); one index per
    // common leading filter lets each tab read its first page straight from an index, newest first.
    index('conversations_activity_idx').on(sql`(coalesce(last_message_at, created_at))`, t.id),
    index('conversations_status_activity_idx').on(t.status, sql`(coalesce(last_message_at, created_at))`, t.id),
    index('conversations_inbox_activity_idx').on(t.inboxId, sql`(coalesce(last_message_at, created_at))`, t.id),
    index('conversations_inbox_status_activity_idx').on(t.inboxId, t.status, sql`(coalesce(last_message_at, created_at))`, t.id),
    index('conversations_assignee_activity_idx').on(t.assigneeId, sql`(coalesce(last_message_at, created_at))`, t.id),
    index('conversations_assignee_idx').on(t.assigneeId, t.status),
    index('conversations_contact_idx').on(t.contactId),
    index('conversations_deal_idx').on(t.dealId),
    index('conversations_inbox_contact_idx').on(t.inboxId, t.contactId, t.status),
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
    index('messages_search_trgm_idx').using('gin', sql`search_text gin_trgm_ops`),
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

// ---- Routing: presence, assignment policies, business hours, blacklists, automation; templates ----

export const presenceStatus = pgEnum('presence_status', ['online', 'busy', 'offline']);
export const assignmentKind = pgEnum('assignment_kind', ['manual', 'round_robin', 'least_busy', 'strict_order', 'sticky']);
export const blacklistKind = pgEnum('blacklist_kind', ['identity', 'phone', 'email', 'domain', 'pattern', 'contact']);

/**
 * Each agent's availability, shared by every process. `status` is what routing reads; `chosenStatus`
 * is what the agent picked, restored when they come back after an automatic offline.
 */
export const agentPresence = pgTable('agent_presence', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  status: presenceStatus('status').notNull().default('offline'),
  chosenStatus: presenceStatus('chosen_status').notNull().default('online'),
  // A connected socket (refreshed by heartbeats) or an availability call; stale means the connection is gone.
  lastSeenAt: tsz('last_seen_at'),
  // Something the agent did; stale means they walked away.
  lastActivityAt: tsz('last_activity_at'),
  lastAssignedAt: tsz('last_assigned_at'),
  statusChangedAt: tsz('status_changed_at').notNull().defaultNow(),
  updatedAt: updatedAt(),
});

export interface PolicyAgent {
  userId: string;
  /** Open conversations this agent may hold; overrides the policy's capacity. */
  capacity?: number | null;
}

/** How conversations of one inbox, or of one team, reach an agent. */
export const assignmentPolicies = pgTable(
  'assignment_policies',
  {
    id: id(),
    name: text('name').notNull(),
    inboxId: uuid('inbox_id').references(() => inboxes.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'cascade' }),
    kind: assignmentKind('kind').notNull().default('manual'),
    enabled: boolean('enabled').notNull().default(true),
    // An inbox policy may hand its conversations to a team, whose own policy then picks the agent.
    routeToTeamId: uuid('route_to_team_id').references(() => teams.id, { onDelete: 'set null' }),
    // Open conversations an agent may hold under this policy; null: no limit.
    capacity: integer('capacity'),
    // The agents in order (strict order walks them); empty: every member of the inbox or team.
    agents: jsonb('agents').$type<PolicyAgent[]>().notNull().default([]),
    strictTimeoutSeconds: integer('strict_timeout_seconds').notNull().default(300),
    stickyFallback: assignmentKind('sticky_fallback').notNull().default('least_busy'),
    waitInBusinessHours: boolean('wait_in_business_hours').notNull().default(false),
    lastAssignedUserId: uuid('last_assigned_user_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('assignment_policies_inbox_uq').on(t.inboxId),
    uniqueIndex('assignment_policies_team_uq').on(t.teamId),
    check('assignment_policies_scope_ck', sql`(${t.inboxId} is null) <> (${t.teamId} is null)`),
  ],
);

/** A conversation's place in the routing queue: since when it waits, whom it is offered to, auto-replies sent. */
export const conversationRouting = pgTable(
  'conversation_routing',
  {
    conversationId: uuid('conversation_id')
      .primaryKey()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    waitingSince: tsz('waiting_since'),
    // Strict order: the agent who must answer before offerExpiresAt, and those who already had their turn.
    offerUserId: uuid('offer_user_id'),
    offeredAt: tsz('offered_at'),
    offerExpiresAt: tsz('offer_expires_at'),
    triedUserIds: uuid('tried_user_ids').array().notNull().default(sql`'{}'::uuid[]`),
    // The start of the out-of-hours period whose auto-reply this conversation has had.
    autoReplyPeriod: tsz('auto_reply_period'),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('conversation_routing_offer_idx')
      .on(t.offerExpiresAt)
      .where(sql`${t.offerUserId} is not null`),
  ],
);

export interface BusinessInterval {
  /** Local time `HH:MM`. */
  from: string;
  /** Local time `HH:MM`, later than from; `24:00` is midnight at the end of the day. */
  to: string;
}
export type BusinessWeek = Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', BusinessInterval[]>>;
export interface BusinessHoliday {
  /** `YYYY-MM-DD` in the inbox's time zone. */
  date: string;
  name?: string;
  /** Every year on the same day. */
  annual?: boolean;
}

export const businessHours = pgTable('business_hours', {
  inboxId: uuid('inbox_id')
    .primaryKey()
    .references(() => inboxes.id, { onDelete: 'cascade' }),
  enabled: boolean('enabled').notNull().default(true),
  timeZone: text('time_zone').notNull().default('Europe/Moscow'),
  weekly: jsonb('weekly').$type<BusinessWeek>().notNull().default({}),
  holidays: jsonb('holidays').$type<BusinessHoliday[]>().notNull().default([]),
  autoReplyEnabled: boolean('auto_reply_enabled').notNull().default(false),
  autoReplyText: text('auto_reply_text'),
  updatedAt: updatedAt(),
});

/** Senders whose messages are stored hidden: by channel identity, phone, e-mail, domain, text pattern or contact. */
export const blacklistEntries = pgTable(
  'blacklist_entries',
  {
    id: id(),
    kind: blacklistKind('kind').notNull(),
    // Normalised on write: E.164 phones, lower-case e-mails and domains, contact ids.
    value: text('value').notNull(),
    // null: every inbox.
    inboxId: uuid('inbox_id').references(() => inboxes.id, { onDelete: 'cascade' }),
    reason: text('reason'),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: tsz('expires_at'),
    searchText: text('search_text').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('blacklist_entries_uq').on(t.kind, t.value, sql`coalesce(${t.inboxId}, '00000000-0000-0000-0000-000000000000'::uuid)`),
    index('blacklist_entries_value_idx').on(t.value),
  ],
);

/** Messages per sender in the current one-minute window, for flood protection. */
export const senderFloodWindows = pgTable('sender_flood_windows', {
  contactId: uuid('contact_id')
    .primaryKey()
    .references(() => contacts.id, { onDelete: 'cascade' }),
  windowStartedAt: tsz('window_started_at').notNull(),
  messageCount: integer('message_count').notNull().default(0),
});

/** Workspace-wide routing settings (flood protection), one JSON value per key. */
export const routingSettings = pgTable('routing_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<Record<string, unknown>>().notNull(),
  updatedById: uuid('updated_by_id').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: updatedAt(),
});

export interface TemplateAttachment {
  url: string;
  fileName?: string;
  contentType?: string;
}

/** Canned responses: typed as /shortCode in the composer, with variables and per-channel variants. */
export const templates = pgTable(
  'templates',
  {
    id: id(),
    // Lower case, unique among the global templates and among each inbox's own.
    shortCode: text('short_code').notNull(),
    name: text('name').notNull(),
    body: text('body').notNull(),
    inboxId: uuid('inbox_id').references(() => inboxes.id, { onDelete: 'cascade' }),
    // A shorter or different text per channel type, e.g. { sms: '…' }.
    variants: jsonb('variants').$type<Partial<Record<string, string>>>().notNull().default({}),
    attachments: jsonb('attachments').$type<TemplateAttachment[]>().notNull().default([]),
    usageCount: integer('usage_count').notNull().default(0),
    lastUsedAt: tsz('last_used_at'),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    searchText: text('search_text').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('templates_short_code_uq').on(t.shortCode, sql`coalesce(${t.inboxId}, '00000000-0000-0000-0000-000000000000'::uuid)`)],
);

/** Event → conditions → actions, run in `position` order; conditions and actions are validated JSON. */
export const automationRules = pgTable(
  'automation_rules',
  {
    id: id(),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    event: text('event').notNull(),
    // 'all' or 'any' of the conditions.
    match: text('match').notNull().default('all'),
    conditions: jsonb('conditions').$type<Record<string, unknown>[]>().notNull().default([]),
    actions: jsonb('actions').$type<Record<string, unknown>[]>().notNull().default([]),
    position: integer('position').notNull().default(0),
    // Signs the rule's outgoing webhooks; stored encrypted.
    webhookSecret: text('webhook_secret').notNull(),
    runCount: integer('run_count').notNull().default(0),
    lastRunAt: tsz('last_run_at'),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('automation_rules_event_idx').on(t.event, t.position)],
);

/** One rule firing: the event, what each action did. */
export const automationRuns = pgTable(
  'automation_runs',
  {
    id: id(),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => automationRules.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    dealId: uuid('deal_id').references(() => deals.id, { onDelete: 'set null' }),
    depth: integer('depth').notNull().default(0),
    results: jsonb('results').$type<Record<string, unknown>[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [index('automation_runs_rule_idx').on(t.ruleId, t.id), index('automation_runs_conversation_idx').on(t.conversationId)],
);

/** An outgoing webhook of a rule run; the delivery job carries only this row's id. */
export const automationWebhookDeliveries = pgTable(
  'automation_webhook_deliveries',
  {
    id: id(),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => automationRules.id, { onDelete: 'cascade' }),
    runId: uuid('run_id')
      .notNull()
      .references(() => automationRuns.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    // pending | delivered | failed
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    responseStatus: integer('response_status'),
    lastError: text('last_error'),
    deliveredAt: tsz('delivered_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('automation_webhook_deliveries_pending_idx')
      .on(t.status)
      .where(sql`${t.status} = 'pending'`),
    index('automation_webhook_deliveries_run_idx').on(t.runId),
  ],
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
export type AgentPresence = typeof agentPresence.$inferSelect;
export type AssignmentPolicy = typeof assignmentPolicies.$inferSelect;
export type ConversationRouting = typeof conversationRouting.$inferSelect;
export type BusinessHoursRow = typeof businessHours.$inferSelect;
export type BlacklistEntry = typeof blacklistEntries.$inferSelect;
export type Template = typeof templates.$inferSelect;
export type AutomationRule = typeof automationRules.$inferSelect;
export type AutomationRun = typeof automationRuns.$inferSelect;
export type AutomationWebhookDelivery = typeof automationWebhookDeliveries.$inferSelect;
export type PresenceStatus = (typeof presenceStatus.enumValues)[number];
export type AssignmentKind = (typeof assignmentKind.enumValues)[number];
export type BlacklistKind = (typeof blacklistKind.enumValues)[number];

// ---- SLA policies, report rollups, satisfaction ratings, KPI inputs ----

export interface SlaConditionsValue {
  inboxIds?: string[];
  teamIds?: string[];
  priorities?: Array<'low' | 'medium' | 'high' | 'urgent'>;
  labels?: string[];
}

/** Promised response and resolution times; the first active policy (by position) whose conditions match applies. */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: id(),
    name: text('name').notNull(),
    active: boolean('active').notNull().default(true),
    position: integer('position').notNull().default(0),
    firstResponseSeconds: integer('first_response_seconds'),
    nextResponseSeconds: integer('next_response_seconds'),
    resolutionSeconds: integer('resolution_seconds'),
    businessHoursOnly: boolean('business_hours_only').notNull().default(false),
    warningPercent: integer('warning_percent').notNull().default(80),
    conditions: jsonb('conditions').$type<SlaConditionsValue>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('sla_policies_position_idx').on(t.active, t.position)],
);

/** A conversation's SLA clocks: when each answer is due, which warnings went out, what was missed. */
export const conversationSla = pgTable(
  'conversation_sla',
  {
    conversationId: uuid('conversation_id')
      .primaryKey()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    policyId: uuid('policy_id')
      .notNull()
      .references(() => slaPolicies.id, { onDelete: 'cascade' }),
    // active | hit | missed | active_with_misses
    status: text('status').notNull().default('active'),
    firstResponseDueAt: tsz('first_response_due_at'),
    nextResponseDueAt: tsz('next_response_due_at'),
    resolutionDueAt: tsz('resolution_due_at'),
    // When the customer's unanswered message came in: the next-response clock runs from here.
    awaitingSince: tsz('awaiting_since'),
    // `kind@dueAt` of the due times already warned about and already breached, so each fires once.
    warned: text('warned').array().notNull().default(sql`'{}'::text[]`),
    breached: text('breached').array().notNull().default(sql`'{}'::text[]`),
    hits: integer('hits').notNull().default(0),
    misses: integer('misses').notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('conversation_sla_first_due_idx').on(t.firstResponseDueAt).where(sql`${t.firstResponseDueAt} is not null`),
    index('conversation_sla_next_due_idx').on(t.nextResponseDueAt).where(sql`${t.nextResponseDueAt} is not null`),
    index('conversation_sla_resolution_due_idx').on(t.resolutionDueAt).where(sql`${t.resolutionDueAt} is not null`),
    index('conversation_sla_running_idx').on(t.status).where(sql`${t.status} in ('active', 'active_with_misses')`),
  ],
);

/** What happened to SLA clocks: a warning, a breach or a due time met; reports count them per period. */
export const slaEvents = pgTable(
  'sla_events',
  {
    id: id(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    policyId: uuid('policy_id').references(() => slaPolicies.id, { onDelete: 'set null' }),
    // first_response | next_response | resolution
    kind: text('kind').notNull(),
    // warning | breached | hit
    event: text('event').notNull(),
    dueAt: tsz('due_at').notNull(),
    inboxId: uuid('inbox_id').notNull(),
    teamId: uuid('team_id'),
    assigneeId: uuid('assignee_id'),
    createdAt: createdAt(),
  },
  (t) => [index('sla_events_created_idx').on(t.createdAt, t.event), index('sla_events_conversation_idx').on(t.conversationId)],
);

/**
 * One row per conversation, kept up to date from inbox events so reports never scan messages:
 * who, where, when opened and resolved, first response and resolution in calendar and business seconds.
 */
export const conversationFacts = pgTable(
  'conversation_facts',
  {
    conversationId: uuid('conversation_id')
      .primaryKey()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    inboxId: uuid('inbox_id').notNull(),
    channel: text('channel').notNull(),
    teamId: uuid('team_id'),
    assigneeId: uuid('assignee_id'),
    labels: text('labels').array().notNull().default(sql`'{}'::text[]`),
    openedAt: tsz('opened_at').notNull(),
    firstResponseAt: tsz('first_response_at'),
    firstResponseSeconds: integer('first_response_seconds'),
    firstResponseBusinessSeconds: integer('first_response_business_seconds'),
    resolvedAt: tsz('resolved_at'),
    resolutionSeconds: integer('resolution_seconds'),
    resolutionBusinessSeconds: integer('resolution_business_seconds'),
    // The customer's oldest unanswered message: the next agent reply's reply time runs from here.
    awaitingSince: tsz('awaiting_since'),
    replies: integer('replies').notNull().default(0),
    incomingMessages: integer('incoming_messages').notNull().default(0),
    outgoingMessages: integer('outgoing_messages').notNull().default(0),
    botReplied: boolean('bot_replied').notNull().default(false),
    botHandoff: boolean('bot_handoff').notNull().default(false),
    botResolved: boolean('bot_resolved').notNull().default(false),
    // The conversation's status as of the last event, so the live dashboard counts queues from this table.
    status: text('status').notNull().default('open'),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('conversation_facts_open_idx').on(t.inboxId, t.assigneeId).where(sql`${t.status} = 'open'`),
    index('conversation_facts_awaiting_idx').on(t.awaitingSince).where(sql`${t.awaitingSince} is not null and ${t.status} = 'open'`),
    index('conversation_facts_opened_idx').on(t.openedAt),
    index('conversation_facts_resolved_idx').on(t.resolvedAt).where(sql`${t.resolvedAt} is not null`),
    index('conversation_facts_first_response_idx').on(t.firstResponseAt).where(sql`${t.firstResponseAt} is not null`),
  ],
);

/** Every agent reply that answered a waiting customer, with how long the customer waited. */
export const replyTimes = pgTable(
  'reply_times',
  {
    id: id(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    repliedAt: tsz('replied_at').notNull(),
    agentId: uuid('agent_id'),
    inboxId: uuid('inbox_id').notNull(),
    channel: text('channel').notNull(),
    teamId: uuid('team_id'),
    seconds: integer('seconds').notNull(),
    businessSeconds: integer('business_seconds').notNull(),
    // The conversation's labels when the reply was sent, so label slices need no lookup per reply.
    labels: text('labels').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [index('reply_times_replied_idx').on(t.repliedAt), index('reply_times_conversation_idx').on(t.conversationId)],
);

/** Incoming and outgoing messages per hour (UTC), inbox and sending agent. */
export const messageCountsHourly = pgTable(
  'message_counts_hourly',
  {
    bucket: tsz('bucket').notNull(),
    inboxId: uuid('inbox_id').notNull(),
    channel: text('channel').notNull(),
    // The replying agent; the zero uuid for customers' messages and bots.
    agentId: uuid('agent_id').notNull(),
    incoming: integer('incoming').notNull().default(0),
    outgoing: integer('outgoing').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.inboxId, t.agentId] })],
);

/**
 * The hourly message counters summed per UTC month, kept equal to them by a trigger (migration
 * reports_event_rollups), so a year's message counts read a few hundred rows instead of every hour.
 */
export const messageCountsMonthly = pgTable(
  'message_counts_monthly',
  {
    bucket: tsz('bucket').notNull(),
    inboxId: uuid('inbox_id').notNull(),
    channel: text('channel').notNull(),
    agentId: uuid('agent_id').notNull(),
    incoming: integer('incoming').notNull().default(0),
    outgoing: integer('outgoing').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.inboxId, t.agentId] })],
);

/** A rating request after resolution and the customer's answers (CSAT 1-5, then optionally NPS 0-10). */
export const conversationRatings = pgTable(
  'conversation_ratings',
  {
    conversationId: uuid('conversation_id')
      .primaryKey()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').notNull(),
    inboxId: uuid('inbox_id').notNull(),
    // csat_pending | nps_pending | done
    stage: text('stage').notNull().default('csat_pending'),
    csat: integer('csat'),
    nps: integer('nps'),
    comment: text('comment'),
    requestedAt: tsz('requested_at').notNull().defaultNow(),
    csatAt: tsz('csat_at'),
    npsAt: tsz('nps_at'),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('conversation_ratings_pending_idx').on(t.contactId, t.inboxId).where(sql`${t.stage} <> 'done'`),
    index('conversation_ratings_csat_idx').on(t.csatAt),
    index('conversation_ratings_nps_idx').on(t.npsAt),
  ],
);

/** Each time a deal entered a stage and when it left, for the funnel and time in stage. */
export const dealStageHistory = pgTable(
  'deal_stage_history',
  {
    id: id(),
    dealId: uuid('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    pipelineId: uuid('pipeline_id').notNull(),
    stageId: uuid('stage_id').notNull(),
    enteredAt: tsz('entered_at').notNull(),
    leftAt: tsz('left_at'),
  },
  (t) => [index('deal_stage_history_deal_idx').on(t.dealId, t.enteredAt), index('deal_stage_history_stage_idx').on(t.stageId, t.enteredAt)],
);

/** Figures a manager enters per month for CAC and ROI. */
export const reportInputs = pgTable('report_inputs', {
  month: text('month').primaryKey(),
  marketingSpend: numeric('marketing_spend', { precision: 14, scale: 2 }).notNull().default('0'),
  salesSpend: numeric('sales_spend', { precision: 14, scale: 2 }).notNull().default('0'),
  crmCost: numeric('crm_cost', { precision: 14, scale: 2 }).notNull().default('0'),
  baselineRevenue: numeric('baseline_revenue', { precision: 14, scale: 2 }).notNull().default('0'),
  updatedById: uuid('updated_by_id').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: updatedAt(),
});

/** Whether an inbox asks customers for a rating after resolution (off until switched on). */
export const csatSettings = pgTable('csat_settings', {
  inboxId: uuid('inbox_id')
    .primaryKey()
    .references(() => inboxes.id, { onDelete: 'cascade' }),
  enabled: boolean('enabled').notNull().default(false),
  askNps: boolean('ask_nps').notNull().default(false),
  updatedAt: updatedAt(),
});

export type SlaPolicyRow = typeof slaPolicies.$inferSelect;
export type ConversationSlaRow = typeof conversationSla.$inferSelect;
export type ConversationFactsRow = typeof conversationFacts.$inferSelect;
export type ConversationRatingRow = typeof conversationRatings.$inferSelect;
export type ReportInputsRow = typeof reportInputs.$inferSelect;

// ---- Bot flows: products, flows with published versions, bot sessions, the staff bot ----

/** The company's catalog that bot flows sell from. */
export const products = pgTable(
  'products',
  {
    id: id(),
    name: text('name').notNull(),
    description: text('description'),
    price: numeric('price', { precision: 14, scale: 2 }).notNull(),
    currency: char('currency', { length: 3 }).notNull().default('RUB'),
    photoUrl: text('photo_url'),
    // Null: not counted (always available).
    stock: integer('stock'),
    sku: text('sku'),
    category: text('category'),
    active: boolean('active').notNull().default(true),
    searchText: text('search_text').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('products_active_idx').on(t.active, t.category), uniqueIndex('products_sku_uq').on(t.sku)],
);

export const botFlows = pgTable('bot_flows', {
  id: id(),
  name: text('name').notNull(),
  description: text('description'),
  draft: jsonb('draft').$type<Record<string, unknown>>().notNull(),
  triggers: jsonb('triggers').$type<Array<Record<string, unknown>>>().notNull().default([]),
  publishedVersion: integer('published_version'),
  // The draft differs from the published version.
  draftChanged: boolean('draft_changed').notNull().default(true),
  searchText: text('search_text').notNull().default(''),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** A published flow is immutable: running sessions finish on the version they started. */
export const botFlowVersions = pgTable(
  'bot_flow_versions',
  {
    id: id(),
    flowId: uuid('flow_id')
      .notNull()
      .references(() => botFlows.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    document: jsonb('document').$type<Record<string, unknown>>().notNull(),
    publishedAt: tsz('published_at').notNull().defaultNow(),
    publishedById: uuid('published_by_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('bot_flow_versions_flow_version_uq').on(t.flowId, t.version)],
);

export const botSessions = pgTable(
  'bot_sessions',
  {
    id: id(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    flowId: uuid('flow_id')
      .notNull()
      .references(() => botFlows.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    nodeId: text('node_id'),
    // active: running; waiting: for the customer's answer; handoff / ended: finished.
    status: text('status').$type<'active' | 'waiting' | 'handoff' | 'ended'>().notNull().default('active'),
    variables: jsonb('variables').$type<Record<string, unknown>>().notNull().default({}),
    nodeState: jsonb('node_state').$type<Record<string, unknown>>().notNull().default({}),
    locale: text('locale').notNull().default('ru'),
    // Bumped on every step, so a step computed on a stale session is not saved.
    step: integer('step').notNull().default(0),
    endReason: text('end_reason'),
    startedAt: tsz('started_at').notNull().defaultNow(),
    expiresAt: tsz('expires_at'),
    endedAt: tsz('ended_at'),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('bot_sessions_one_running_uq').on(t.conversationId).where(sql`status in ('active', 'waiting')`),
    index('bot_sessions_flow_idx').on(t.flowId, t.status),
    index('bot_sessions_expiry_idx').on(t.status, t.expiresAt),
  ],
);

/** A user's Telegram chat with the staff bot (notifications about orders and SLA breaches). */
export const staffBotLinks = pgTable('staff_bot_links', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  chatId: text('chat_id').notNull(),
  linkedAt: tsz('linked_at').notNull().defaultNow(),
});

export type ProductRow = typeof products.$inferSelect;
export type BotFlowRow = typeof botFlows.$inferSelect;
export type BotFlowVersionRow = typeof botFlowVersions.$inferSelect;
export type BotSessionRow = typeof botSessions.$inferSelect;
export type StaffBotLinkRow = typeof staffBotLinks.$inferSelect;

// ---- Documents: templates rendered to PDF for deals ----

/** PDFs are small (tens of KB) and belong to their deal: kept in the row, so a deleted deal takes its files along. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => value,
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export type DocumentKind = 'invoice' | 'quote' | 'contract';
export type DocumentLocale = 'ru' | 'en';

export const documentTemplates = pgTable(
  'document_templates',
  {
    id: id(),
    kind: text('kind').$type<DocumentKind>().notNull(),
    name: text('name').notNull(),
    locale: text('locale').$type<DocumentLocale>().notNull(),
    html: text('html').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('document_templates_kind_ck', sql`${t.kind} in ('invoice', 'quote', 'contract')`),
    check('document_templates_locale_ck', sql`${t.locale} in ('ru', 'en')`),
    uniqueIndex('document_templates_default_uq').on(t.kind, t.locale).where(sql`${t.isDefault}`),
  ],
);

export const documents = pgTable(
  'documents',
  {
    id: id(),
    dealId: uuid('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    templateId: uuid('template_id').references(() => documentTemplates.id, { onDelete: 'set null' }),
    kind: text('kind').$type<DocumentKind>().notNull(),
    number: text('number').notNull(),
    title: text('title').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull().default('application/pdf'),
    size: integer('size').notNull(),
    pdf: bytea('pdf').notNull(),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('documents_deal_idx').on(t.dealId, t.id), uniqueIndex('documents_kind_number_uq').on(t.kind, t.number)],
);

/** The last number given per kind and year; bumped in the transaction that stores the document. */
export const documentCounters = pgTable(
  'document_counters',
  {
    kind: text('kind').$type<DocumentKind>().notNull(),
    year: integer('year').notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.year] })],
);

/** The seller's requisites printed on documents: one row (id 1). */
export const documentSettings = pgTable(
  'document_settings',
  {
    id: integer('id').primaryKey().default(1),
    companyName: text('company_name').notNull().default(''),
    taxId: text('tax_id').notNull().default(''),
    kpp: text('kpp').notNull().default(''),
    address: text('address').notNull().default(''),
    bank: text('bank').notNull().default(''),
    account: text('account').notNull().default(''),
    bik: text('bik').notNull().default(''),
    signatory: text('signatory').notNull().default(''),
    // Set once the default templates were created, so deleting them later does not bring them back.
    templatesSeededAt: tsz('templates_seeded_at'),
    updatedAt: updatedAt(),
  },
  (t) => [check('document_settings_single_ck', sql`${t.id} = 1`)],
);

export type DocumentTemplateRow = typeof documentTemplates.$inferSelect;
export type DocumentRow = typeof documents.$inferSelect;
export type DocumentSettingsRow = typeof documentSettings.$inferSelect;

// ---- Knowledge base ----

/** A PostgreSQL tsvector: written only through to_tsvector() in SQL, never read back by the application. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const kbCategories = pgTable(
  'kb_categories',
  {
    id: id(),
    name: text('name').notNull(),
    slug: text('slug').notNull().unique(),
    description: text('description'),
    position: integer('position').notNull().default(0),
    // null: shown for every language of the help center.
    locale: text('locale').$type<'ru' | 'en'>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('kb_categories_position_idx').on(t.position, t.name)],
);

export const kbArticles = pgTable(
  'kb_articles',
  {
    id: id(),
    categoryId: uuid('category_id').references(() => kbCategories.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    slug: text('slug').notNull().unique(),
    summary: text('summary').notNull().default(''),
    // Markdown; rendered to sanitized HTML when shown.
    body: text('body').notNull().default(''),
    locale: text('locale').$type<'ru' | 'en'>().notNull().default('ru'),
    status: text('status').$type<'draft' | 'published'>().notNull().default('draft'),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    views: integer('views').notNull().default(0),
    helpfulYes: integer('helpful_yes').notNull().default(0),
    helpfulNo: integer('helpful_no').notNull().default(0),
    searchText: text('search_text').notNull().default(''),
    // Title weighted A, summary B, body C, stemmed with the article's language ('russian' / 'english').
    searchVector: tsvector('search_vector'),
    publishedAt: tsz('published_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('kb_articles_search_vector_idx').using('gin', t.searchVector),
    index('kb_articles_search_trgm_idx').using('gin', sql`search_text gin_trgm_ops`),
    index('kb_articles_category_idx').on(t.categoryId, t.status),
    index('kb_articles_status_idx').on(t.status, t.locale),
  ],
);

export type KbCategoryRow = typeof kbCategories.$inferSelect;
export type KbArticleRow = typeof kbArticles.$inferSelect;

export const TICKET_TYPE_VALUES = ['question', 'complaint', 'warranty', 'return'] as const;
export type TicketType = (typeof TICKET_TYPE_VALUES)[number];

export interface TicketChecklistItem {
  id: string;
  text: string;
  done: boolean;
  doneBy: string | null;
  doneAt: string | null;
}

/** A conversation marked as service work; its status is the conversation's, closed_at mirrors the conversation's resolution. */
export const tickets = pgTable(
  'tickets',
  {
    id: id(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    // An identity column draws from a sequence, so concurrent marks never share a number.
    number: integer('number').notNull().generatedAlwaysAsIdentity({ startWith: 1001 }),
    type: text('type').$type<TicketType>().notNull(),
    dueAt: tsz('due_at'),
    checklist: jsonb('checklist').$type<TicketChecklistItem[]>().notNull().default([]),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    closedAt: tsz('closed_at'),
    // The due date an overdue alert went out for: one alert per due date, across restarts and processes.
    overdueAlertedFor: tsz('overdue_alerted_for'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('tickets_conversation_uq').on(t.conversationId),
    uniqueIndex('tickets_number_uq').on(t.number),
    index('tickets_type_idx').on(t.type, t.id),
    index('tickets_open_due_idx').on(t.dueAt).where(sql`closed_at is null`),
    check('tickets_type_check', sql`type in ('question', 'complaint', 'warranty', 'return')`),
  ],
);

export type TicketRow = typeof tickets.$inferSelect;

export const campaignStatus = pgEnum('campaign_status', ['draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled']);
export const campaignRecipientStatus = pgEnum('campaign_recipient_status', ['queued', 'sent', 'delivered', 'failed', 'skipped', 'replied']);

/** A broadcast of one template to a segment through one inbox. */
export const campaigns = pgTable(
  'campaigns',
  {
    id: id(),
    name: text('name').notNull(),
    inboxId: uuid('inbox_id')
      .notNull()
      .references(() => inboxes.id, { onDelete: 'cascade' }),
    segmentId: uuid('segment_id').notNull(),
    templateId: uuid('template_id').references(() => templates.id, { onDelete: 'set null' }),
    variables: jsonb('variables').$type<Record<string, string>>().notNull().default({}),
    status: campaignStatus('status').notNull().default('draft'),
    scheduledAt: tsz('scheduled_at'),
    startedAt: tsz('started_at'),
    finishedAt: tsz('finished_at'),
    // What the campaign cost, entered by the user; results divide it by the deals it brought.
    cost: numeric('cost', { precision: 14, scale: 2 }),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    // The segment is copied into recipients a page at a time; the last contact id copied lets a restart go on from there.
    expansionCursor: uuid('expansion_cursor'),
    expandedAt: tsz('expanded_at'),
    // Each launch, resume or restart starts one dispatch chain with a fresh token; a job carrying an older token stops.
    dispatchToken: uuid('dispatch_token'),
    searchText: text('search_text').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('campaigns_status_idx').on(t.status)],
);

export const campaignRecipients = pgTable(
  'campaign_recipients',
  {
    id: id(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    status: campaignRecipientStatus('status').notNull().default('queued'),
    skipReason: text('skip_reason'),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'set null' }),
    error: text('error'),
    sentAt: tsz('sent_at'),
    deliveredAt: tsz('delivered_at'),
    repliedAt: tsz('replied_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('campaign_recipients_campaign_contact_uq').on(t.campaignId, t.contactId),
    index('campaign_recipients_campaign_status_idx').on(t.campaignId, t.status, t.id),
    index('campaign_recipients_message_idx').on(t.messageId),
    index('campaign_recipients_conversation_idx').on(t.conversationId),
  ],
);

export type CampaignRow = typeof campaigns.$inferSelect;
export type CampaignRecipientRow = typeof campaignRecipients.$inferSelect;

/** Where a trigger's messages go quiet, in the contact's local time (`HH:MM`); may span midnight. */
export interface TriggerQuietHours {
  from: string;
  to: string;
}

/** Messages sent once per contact per occurrence of a date (a birthday) or an event (a deal's stage, silence, an abandoned cart). */
export const messageTriggers = pgTable(
  'message_triggers',
  {
    id: id(),
    name: text('name').notNull(),
    active: boolean('active').notNull().default(true),
    kind: text('kind').$type<'date' | 'event'>().notNull(),
    // Checked per kind on write (libs/marketing triggers dto).
    config: jsonb('config').$type<Record<string, unknown>>().notNull(),
    // null: the inbox of the contact's latest conversation.
    inboxId: uuid('inbox_id').references(() => inboxes.id, { onDelete: 'set null' }),
    // null once the template is deleted: occurrences are then recorded as skipped.
    templateId: uuid('template_id').references(() => templates.id, { onDelete: 'set null' }),
    // Narrows the contacts; segments are checked through the marketing contract, so no foreign key here.
    segmentId: uuid('segment_id'),
    sendAtLocal: text('send_at_local').notNull().default('10:00'),
    quietHours: jsonb('quiet_hours').$type<TriggerQuietHours | null>(),
    lastFiredAt: tsz('last_fired_at'),
    searchText: text('search_text').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('message_triggers_active_idx').on(t.active, t.kind)],
);

/** One row per contact and occurrence: the unique key keeps "once" true across processes. */
export const triggerOccurrences = pgTable(
  'trigger_occurrences',
  {
    id: id(),
    triggerId: uuid('trigger_id')
      .notNull()
      .references(() => messageTriggers.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    occurrenceKey: text('occurrence_key').notNull(),
    // pending: waits for due_at (quiet hours); sending: claimed by one process.
    status: text('status').$type<'pending' | 'sending' | 'sent' | 'skipped' | 'failed'>().notNull().default('pending'),
    reason: text('reason'),
    test: boolean('test').notNull().default(false),
    // What the send needs that the detection knew: the inbox, the deal, template variables.
    context: jsonb('context').$type<{ inboxId?: string | null; dealId?: string; variables?: Record<string, string> }>().notNull().default({}),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'set null' }),
    dueAt: tsz('due_at').notNull(),
    sentAt: tsz('sent_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('trigger_occurrences_once_uq').on(t.triggerId, t.contactId, t.occurrenceKey),
    index('trigger_occurrences_trigger_idx').on(t.triggerId, t.id),
    index('trigger_occurrences_due_idx').on(t.status, t.dueAt),
    index('trigger_occurrences_message_idx').on(t.messageId),
  ],
);

export type MessageTriggerRow = typeof messageTriggers.$inferSelect;
export type TriggerOccurrenceRow = typeof triggerOccurrences.$inferSelect;

/** Saved filters over contacts (segments): the filter is validated JSON compiled to SQL on every use. */
export const segments = pgTable('segments', {
  id: id(),
  name: text('name').notNull(),
  description: text('description'),
  filter: jsonb('filter').$type<Record<string, unknown>>().notNull(),
  searchText: text('search_text').notNull().default(''),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export type SegmentRow = typeof segments.$inferSelect;

/**
 * Report rollups: per UTC hour, day or month, per measure (opened, resolved, first response, resolution,
 * reply...) and per value of one slice (agent, team, inbox, channel, label), a count and a sum, and for
 * durations at day and month grain one row per histogram bin. Triggers on conversation_facts and
 * reply_times keep them current in the writing transaction (see the migration reports_rollups_maintenance),
 * so a year's report sums a few thousand rows instead of every conversation.
 */
export const reportRollups = pgTable(
  'report_rollups',
  {
    // hour | day | month
    grain: text('grain').notNull(),
    // agent | team | inbox | channel | label
    dimension: text('dimension').notNull(),
    measure: text('measure').notNull(),
    // The slice's value; '' for no agent or no team.
    key: text('key').notNull(),
    bucket: tsz('bucket').notNull(),
    // Histogram bin of a duration; -1 on rows that hold only a count and a sum.
    bin: integer('bin').notNull(),
    count: integer('count').notNull(),
    sum: bigint('sum', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.grain, t.dimension, t.measure, t.key, t.bucket, t.bin] }),
    index('report_rollups_bucket_idx').on(t.grain, t.dimension, t.measure, t.bucket),
  ],
);
