import { Injectable } from '@nestjs/common';
import { eq, inArray, sql } from 'drizzle-orm';
import { contacts, conversations, conversationSla, InjectDb, queryRows, slaEvents, type ConversationSlaRow, type Db } from '@app/db';
import type { SlaKind } from '../reports.contract.js';

export type SlaClockValues = Partial<Omit<typeof conversationSla.$inferInsert, 'conversationId' | 'updatedAt'>>;
export type SlaEventValues = typeof slaEvents.$inferInsert;

const DUE_COLUMN = {
  first_response: 'first_response_due_at',
  next_response: 'next_response_due_at',
  resolution: 'resolution_due_at',
} as const satisfies Record<SlaKind, string>;

/** The same text as `dueKey` in sla-clock.ts, written in SQL. */
const dueKeySql = (kind: SlaKind) => sql.raw(`'${kind}@' || to_char(${DUE_COLUMN[kind]} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

export interface OverdueClock {
  conversationId: string;
  kind: SlaKind;
  dueAt: Date;
}

@Injectable()
export class SlaClockRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async find(conversationId: string): Promise<ConversationSlaRow | undefined> {
    const [row] = await this.db.select().from(conversationSla).where(eq(conversationSla.conversationId, conversationId)).limit(1);
    return row;
  }

  async findMany(conversationIds: string[]): Promise<ConversationSlaRow[]> {
    return conversationIds.length ? this.db.select().from(conversationSla).where(inArray(conversationSla.conversationId, conversationIds)) : [];
  }

  /** Starts the clocks unless another process did first; answers the row that stands. */
  async start(values: typeof conversationSla.$inferInsert): Promise<ConversationSlaRow> {
    const [row] = await this.db.insert(conversationSla).values(values).onConflictDoNothing().returning();
    return row ?? (await this.find(values.conversationId))!;
  }

  async update(conversationId: string, values: SlaClockValues): Promise<ConversationSlaRow | undefined> {
    const [row] = await this.db.update(conversationSla).set(values).where(eq(conversationSla.conversationId, conversationId)).returning();
    return row;
  }

  /** Marks a due time warned about or breached; answers undefined when it already was (another process, a second run). */
  async markOnce(conversationId: string, column: 'warned' | 'breached', key: string): Promise<ConversationSlaRow | undefined> {
    const target = column === 'warned' ? conversationSla.warned : conversationSla.breached;
    const [row] = await this.db
      .update(conversationSla)
      .set(column === 'warned' ? { warned: sql`array_append(${target}, ${key})` } : { breached: sql`array_append(${target}, ${key})`, misses: sql`${conversationSla.misses} + 1` })
      .where(sql`${conversationSla.conversationId} = ${conversationId} and not (${key} = any(${target}))`)
      .returning();
    return row;
  }

  async recordEvent(values: SlaEventValues): Promise<void> {
    await this.db.insert(slaEvents).values(values);
  }

  async contactName(conversationId: string): Promise<string | null> {
    const [row] = await this.db.select({ name: contacts.name }).from(conversations).innerJoin(contacts, eq(contacts.id, conversations.contactId)).where(eq(conversations.id, conversationId)).limit(1);
    return row?.name || null;
  }

  /** Due times that have passed and are not yet recorded as breached (the safety net behind lost timer jobs). */
  async overdue(now: Date, limit: number): Promise<OverdueClock[]> {
    const parts = (Object.keys(DUE_COLUMN) as SlaKind[]).map(
      (kind) => sql`select conversation_id, ${kind} as kind, ${sql.raw(DUE_COLUMN[kind])} as due_at from conversation_sla
        where ${sql.raw(DUE_COLUMN[kind])} <= ${now.toISOString()}::timestamptz and not (${dueKeySql(kind)} = any(breached))`,
    );
    const rows = await queryRows<{ conversation_id: string; kind: SlaKind; due_at: string | Date }>(this.db, sql`${sql.join(parts, sql` union all `)} limit ${limit}`);
    return rows.map((r) => ({ conversationId: r.conversation_id, kind: r.kind, dueAt: new Date(r.due_at) }));
  }

  /** Clocks still running, a page at a time by conversation id, to re-arm their timers after a restart. */
  async running(afterId: string | null, limit: number): Promise<RunningClock[]> {
    const rows = await this.db
      .select({ row: conversationSla, createdAt: conversations.createdAt, inboxId: conversations.inboxId })
      .from(conversationSla)
      .innerJoin(conversations, eq(conversations.id, conversationSla.conversationId))
      .where(
        sql`(${conversationSla.firstResponseDueAt} is not null or ${conversationSla.nextResponseDueAt} is not null or ${conversationSla.resolutionDueAt} is not null)
          ${afterId ? sql`and ${conversationSla.conversationId} > ${afterId}` : sql``}`,
      )
      .orderBy(conversationSla.conversationId)
      .limit(limit);
    return rows;
  }
}

export interface RunningClock {
  row: ConversationSlaRow;
  createdAt: Date;
  inboxId: string;
}

export function dueOf(row: ConversationSlaRow, kind: SlaKind): Date | null {
  if (kind === 'first_response') return row.firstResponseDueAt;
  if (kind === 'next_response') return row.nextResponseDueAt;
  return row.resolutionDueAt;
}

export function dueField(kind: SlaKind): 'firstResponseDueAt' | 'nextResponseDueAt' | 'resolutionDueAt' {
  if (kind === 'first_response') return 'firstResponseDueAt';
  if (kind === 'next_response') return 'nextResponseDueAt';
  return 'resolutionDueAt';
}
