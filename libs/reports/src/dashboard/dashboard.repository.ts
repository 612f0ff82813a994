import { Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import { InjectDb, queryRows, type Db, type PolicyAgent } from '@app/db';
import { ts } from '../reports/report-filters.js';

export interface QueueCounts {
  open: number;
  unassigned: number;
  waiting: number;
  longestWait: { since: Date; conversationId: string } | null;
}

export interface AgentRow {
  userId: string;
  name: string;
  presence: 'online' | 'busy' | 'offline';
  openConversations: number;
  inboxIds: string[];
}

export interface PolicyRow {
  inboxId: string | null;
  capacity: number | null;
  agents: PolicyAgent[];
}

export interface ClockRow {
  conversationId: string;
  assigneeId: string | null;
  inboxId: string;
  contactName: string | null;
  firstResponseDueAt: Date | null;
  nextResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  warned: string[];
}

const inInboxes = (column: SQL, inboxIds: string[] | null) =>
  inboxIds === null ? sql`true` : inboxIds.length ? sql`${column} in (${sql.join(inboxIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql`false`;

const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

/** The live state of the queues; inboxIds null means every inbox. */
@Injectable()
export class DashboardRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** Counted from the conversation facts' partial indexes over open conversations. */
  async queue(inboxIds: string[] | null): Promise<QueueCounts> {
    const [counts] = await queryRows<Record<string, unknown>>(
      this.db,
      sql`select count(*)::int as open, count(*) filter (where f.assignee_id is null)::int as unassigned
      from conversation_facts f where f.status = 'open' and ${inInboxes(sql`f.inbox_id`, inboxIds)}`,
    );
    const waiting = await queryRows<{ conversation_id: string; awaiting_since: string | Date; n: number }>(
      this.db,
      sql`select f.conversation_id, f.awaiting_since, count(*) over ()::int as n from conversation_facts f
      where f.awaiting_since is not null and f.status = 'open' and ${inInboxes(sql`f.inbox_id`, inboxIds)}
      order by f.awaiting_since limit 1`,
    );
    const longest = waiting[0];
    return {
      open: Number(counts.open),
      unassigned: Number(counts.unassigned),
      waiting: longest ? Number(longest.n) : 0,
      longestWait: longest ? { since: new Date(longest.awaiting_since), conversationId: longest.conversation_id } : null,
    };
  }

  async agents(inboxIds: string[] | null): Promise<AgentRow[]> {
    const rows = await queryRows<Record<string, unknown>>(
      this.db,
      sql`select u.id, u.name, coalesce(p.status::text, 'offline') as presence,
        (select count(*) from conversations c where c.assignee_id = u.id and c.status = 'open')::int as open_conversations,
        coalesce((select array_agg(m.inbox_id::text) from inbox_members m where m.user_id = u.id), '{}') as inbox_ids
      from users u left join agent_presence p on p.user_id = u.id
      where u.active and u.role <> 'admin'
        and ${inboxIds === null ? sql`true` : sql`exists (select 1 from inbox_members m where m.user_id = u.id and ${inInboxes(sql`m.inbox_id`, inboxIds)})`}
      order by u.name`,
    );
    return rows.map((r) => ({
      userId: String(r.id),
      name: String(r.name),
      presence: r.presence as AgentRow['presence'],
      openConversations: Number(r.open_conversations),
      inboxIds: (r.inbox_ids as string[] | null) ?? [],
    }));
  }

  async policies(): Promise<PolicyRow[]> {
    const rows = await queryRows<Record<string, unknown>>(this.db, sql`select inbox_id, capacity, agents from assignment_policies where enabled`);
    return rows.map((r) => ({ inboxId: (r.inbox_id as string | null) ?? null, capacity: r.capacity === null ? null : Number(r.capacity), agents: (r.agents as PolicyAgent[]) ?? [] }));
  }

  /**
   * Running clocks overdue now, and those due within the coming week (where warnings are), most urgent
   * first: one ordered range scan of each due-time index.
   */
  async alerts(inboxIds: string[] | null, now: Date, limit: number): Promise<ClockRow[]> {
    const soon = new Date(now.getTime() + 7 * 86_400_000);
    const visible = inboxIds === null ? sql`` : sql`and exists (select 1 from conversation_facts f where f.conversation_id = s.conversation_id and ${inInboxes(sql`f.inbox_id`, inboxIds)})`;
    const scans = (['first_response_due_at', 'next_response_due_at', 'resolution_due_at'] as const).flatMap((column) => {
      const due = sql.raw(`s.${column}`);
      return [
        sql`(select s.conversation_id, ${due} as due from conversation_sla s where ${due} <= ${ts(now)} ${visible} order by ${due} limit ${limit})`,
        sql`(select s.conversation_id, ${due} as due from conversation_sla s where ${due} > ${ts(now)} and ${due} <= ${ts(soon)} and cardinality(s.warned) > 0 ${visible} order by ${due} limit ${limit})`,
      ];
    });
    const rows = await queryRows<Record<string, unknown>>(
      this.db,
      sql`with urgent as (select conversation_id, min(due) as due from (${sql.join(scans, sql` union all `)}) u group by conversation_id order by 2 limit ${limit})
      select s.conversation_id, c.assignee_id, c.inbox_id, ct.name as contact_name, s.first_response_due_at, s.next_response_due_at, s.resolution_due_at, s.warned
      from urgent u join conversation_sla s on s.conversation_id = u.conversation_id join conversations c on c.id = s.conversation_id join contacts ct on ct.id = c.contact_id
      where c.status <> 'resolved' and ${inInboxes(sql`c.inbox_id`, inboxIds)}
      order by u.due`,
    );
    return rows.map((r) => ({
      conversationId: String(r.conversation_id),
      assigneeId: (r.assignee_id as string | null) ?? null,
      inboxId: String(r.inbox_id),
      contactName: (r.contact_name as string | null) || null,
      firstResponseDueAt: date(r.first_response_due_at),
      nextResponseDueAt: date(r.next_response_due_at),
      resolutionDueAt: date(r.resolution_due_at),
      warned: (r.warned as string[] | null) ?? [],
    }));
  }
}
