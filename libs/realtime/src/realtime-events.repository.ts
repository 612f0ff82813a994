import { Injectable } from '@nestjs/common';
import { and, asc, gt, inArray, isNull, lt, or, eq, sql, type SQL } from 'drizzle-orm';
import { InjectDb, realtimeEvents, reusableStatement, type Db, type Executor as DbExecutor, type RealtimeEventRow } from '@app/db';
import type { AgentEventDraft } from './agent-events.js';

type Executor = Pick<Db, 'insert' | 'select' | 'delete'>;

/**
 * Every change records its events: the inserts of one to four rows are built once each (see
 * reusableStatement), with placeholders `type0`, `inboxId0`, … per row; longer lists are built each time.
 */
const REUSED_UP_TO = 4;
const insertStatements = Array.from({ length: REUSED_UP_TO }, (_, index) =>
  reusableStatement<Record<string, unknown>, RealtimeEventRow[]>((db) =>
    db
      .insert(realtimeEvents)
      .values(
        Array.from({ length: index + 1 }, (_, i) => ({
          type: sql.placeholder(`type${i}`),
          inboxId: sql.placeholder(`inboxId${i}`),
          conversationId: sql.placeholder(`conversationId${i}`),
          userId: sql.placeholder(`userId${i}`),
          payload: sql.placeholder(`payload${i}`),
        })),
      )
      .returning(),
  ),
);

@Injectable()
export class RealtimeEventsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** Records events inside the caller's transaction, so they exist exactly when the change commits. */
  async insert(executor: Executor, drafts: AgentEventDraft[]): Promise<RealtimeEventRow[]> {
    if (drafts.length === 0) return [];
    const rows = drafts.map((d) => ({
      type: d.type,
      inboxId: d.inboxId,
      conversationId: d.conversationId ?? null,
      userId: d.userId ?? null,
      payload: d.payload as unknown as Record<string, unknown>,
    }));
    if (rows.length > REUSED_UP_TO) return executor.insert(realtimeEvents).values(rows).returning();
    const values: Record<string, unknown> = {};
    rows.forEach((row, i) => Object.entries(row).forEach(([column, value]) => (values[`${column}${i}`] = value)));
    return insertStatements[rows.length - 1](executor as DbExecutor, values);
  }

  /**
   * Events after `afterId` visible to a user: those of the given inboxes (null = every inbox) and the
   * user's own. Ordered by id, at most `limit`.
   */
  async since(afterId: number, userId: string, inboxIds: string[] | null, limit: number): Promise<RealtimeEventRow[]> {
    const inboxScope: SQL | undefined = inboxIds === null ? isNull(realtimeEvents.userId) : inboxIds.length ? and(isNull(realtimeEvents.userId), inArray(realtimeEvents.inboxId, inboxIds)) : undefined;
    const visible = inboxScope ? or(inboxScope, eq(realtimeEvents.userId, userId)) : eq(realtimeEvents.userId, userId);
    return this.db
      .select()
      .from(realtimeEvents)
      .where(and(gt(realtimeEvents.id, afterId), visible))
      .orderBy(asc(realtimeEvents.id))
      .limit(limit);
  }

  async pruneOlderThan(cutoff: Date): Promise<void> {
    await this.db.delete(realtimeEvents).where(lt(realtimeEvents.createdAt, cutoff));
  }
}
