import { Injectable } from '@nestjs/common';
import { and, asc, gt, inArray, isNull, lt, or, eq, type SQL } from 'drizzle-orm';
import { InjectDb, realtimeEvents, type Db, type RealtimeEventRow } from '@app/db';
import type { AgentEventDraft } from './agent-events.js';

type Executor = Pick<Db, 'insert' | 'select' | 'delete'>;

@Injectable()
export class RealtimeEventsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** Records events inside the caller's transaction, so they exist exactly when the change commits. */
  async insert(executor: Executor, drafts: AgentEventDraft[]): Promise<RealtimeEventRow[]> {
    if (drafts.length === 0) return [];
    return executor
      .insert(realtimeEvents)
      .values(
        drafts.map((d) => ({
          type: d.type,
          inboxId: d.inboxId,
          conversationId: d.conversationId ?? null,
          userId: d.userId ?? null,
          payload: d.payload as unknown as Record<string, unknown>,
        })),
      )
      .returning();
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
