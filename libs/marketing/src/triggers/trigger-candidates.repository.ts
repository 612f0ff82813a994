import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import { businessHours, contacts, conversations, InjectDb, queryRows, type Db } from '@app/db';
import type { DateTriggerConfig } from './dto/trigger-config.dto.js';

export interface DateCandidate {
  id: string;
  birthday: string | null;
  createdAt: Date;
  customFields: Record<string, unknown>;
  timeZone: string | null;
}

export interface ConversationCandidate {
  contactId: string;
  conversationId: string;
  inboxId: string;
  timeZone: string | null;
  /** What names the occurrence: the unanswered message, or the bot session. */
  subjectId: string;
}

export interface CartCandidate extends ConversationCandidate {
  cart: { items?: Array<{ name?: string; quantity?: number }>; total?: string; currency?: string } | null;
}

/** How far back event triggers look past their threshold: a sweep missed for this long still catches up, older silence is left alone. */
export const EVENT_LOOKBACK_MS = 3 * 86_400_000;

/** Read-only questions about contacts, conversations, business hours and bot sessions that the sweep asks; triggers never write these tables. */
@Injectable()
export class TriggerCandidatesRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async contact(id: string): Promise<{ id: string; timeZone: string | null } | undefined> {
    const [row] = await this.db.select({ id: contacts.id, timeZone: contacts.timeZone }).from(contacts).where(eq(contacts.id, id)).limit(1);
    return row;
  }

  /** The zone of the inbox's business hours when they are switched on (what routing's hours use). */
  async businessHoursZone(inboxId: string): Promise<string | null> {
    const [row] = await this.db
      .select({ timeZone: businessHours.timeZone })
      .from(businessHours)
      .where(and(eq(businessHours.inboxId, inboxId), eq(businessHours.enabled, true)))
      .limit(1);
    return row?.timeZone ?? null;
  }

  /** Contacts whose date field falls on one of the month-days (`MM-DD`), by id after `afterId`. */
  async dateCandidates(config: DateTriggerConfig, monthDays: string[], afterId: string | null, limit: number): Promise<DateCandidate[]> {
    return this.db
      .select({ id: contacts.id, birthday: contacts.birthday, createdAt: contacts.createdAt, customFields: contacts.customFields, timeZone: contacts.timeZone })
      .from(contacts)
      .where(and(inArray(monthDayOf(config), monthDays), afterId ? gt(contacts.id, afterId) : undefined))
      .orderBy(asc(contacts.id))
      .limit(limit);
  }

  /** The inbox of each contact's latest conversation. */
  async latestInboxes(contactIds: string[]): Promise<Map<string, string>> {
    if (!contactIds.length) return new Map();
    const rows = await this.db
      .selectDistinctOn([conversations.contactId], { contactId: conversations.contactId, inboxId: conversations.inboxId })
      .from(conversations)
      .where(inArray(conversations.contactId, contactIds))
      .orderBy(conversations.contactId, desc(sql`coalesce(${conversations.lastMessageAt}, ${conversations.createdAt})`), desc(conversations.id));
    return new Map(rows.map((r) => [r.contactId, r.inboxId]));
  }

  /**
   * Conversations (not resolved) whose last message is an agent's reply, sent between `before - lookback`
   * and `before`, that this trigger has not handled yet. A message that a trigger sent does not count,
   * so a reminder never starts another one.
   */
  async unansweredConversations(triggerId: string, before: Date, limit: number): Promise<ConversationCandidate[]> {
    const since = new Date(before.getTime() - EVENT_LOOKBACK_MS);
    return queryRows<ConversationCandidate>(
      this.db,
      sql`
        select c.contact_id as "contactId", c.id as "conversationId", c.inbox_id as "inboxId", ct.time_zone as "timeZone", m.id as "subjectId"
        from conversations c
        join contacts ct on ct.id = c.contact_id
        join lateral (
          select id, message_type, sender_type, created_at from messages
          where conversation_id = c.id and message_type in ('incoming', 'outgoing')
          order by id desc limit 1
        ) m on true
        where c.status <> 'resolved'
          and coalesce(c.last_message_at, c.created_at) > ${since.toISOString()}
          and m.message_type = 'outgoing' and m.sender_type = 'user'
          and m.created_at <= ${before.toISOString()} and m.created_at > ${since.toISOString()}
          and not exists (select 1 from trigger_occurrences o where o.message_id = m.id)
          and not exists (
            select 1 from trigger_occurrences o
            where o.trigger_id = ${triggerId} and o.contact_id = c.contact_id and o.occurrence_key = 'no_reply:' || c.id || ':' || m.id
          )
        order by m.id
        limit ${limit}
      `,
    );
  }

  /** Bot sessions with a non-empty cart and no deal, quiet since between `before - lookback` and `before`, not handled by this trigger yet. */
  async abandonedCarts(triggerId: string, before: Date, limit: number): Promise<CartCandidate[]> {
    const since = new Date(before.getTime() - EVENT_LOOKBACK_MS);
    return queryRows<CartCandidate>(
      this.db,
      sql`
        select c.contact_id as "contactId", c.id as "conversationId", c.inbox_id as "inboxId", ct.time_zone as "timeZone", s.id as "subjectId", s.variables -> 'cart' as "cart"
        from bot_sessions s
        join conversations c on c.id = s.conversation_id
        join contacts ct on ct.id = c.contact_id
        where (case when jsonb_typeof(s.variables -> 'cart' -> 'items') = 'array' then jsonb_array_length(s.variables -> 'cart' -> 'items') else 0 end) > 0
          and coalesce(jsonb_typeof(s.variables -> 'deal'), 'null') = 'null'
          and coalesce(s.ended_at, s.updated_at) <= ${before.toISOString()}
          and coalesce(s.ended_at, s.updated_at) > ${since.toISOString()}
          and not exists (
            select 1 from trigger_occurrences o
            where o.trigger_id = ${triggerId} and o.contact_id = c.contact_id and o.occurrence_key = 'cart:' || s.id
          )
        order by s.id
        limit ${limit}
      `,
    );
  }
}

/** The field's month and day as `MM-DD` (null when the field holds no date). */
function monthDayOf(config: DateTriggerConfig): SQL {
  if (config.field === 'birthday') return sql`to_char(${contacts.birthday}, 'MM-DD')`;
  if (config.field === 'created_at') return sql`to_char(${contacts.createdAt} at time zone 'UTC', 'MM-DD')`;
  const value = sql`btrim(${contacts.customFields} ->> ${config.customFieldKey ?? ''})`;
  return sql`(case
    when ${value} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' then substr(${value}, 6, 5)
    when ${value} ~ '^[0-9]{2}[.][0-9]{2}[.][0-9]{4}$' then substr(${value}, 4, 2) || '-' || substr(${value}, 1, 2)
  end)`;
}
