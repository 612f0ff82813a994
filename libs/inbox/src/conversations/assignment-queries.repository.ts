import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import { conversations, type Conversation } from '@app/db';
import type { Executor } from './conversations.repository.js';

/** The conversation queries automatic assignment needs; each runs in the caller's transaction. */
@Injectable()
export class AssignmentQueriesRepository {
  /** Locks one conversation until the transaction ends. */
  async lock(tx: Executor, id: string): Promise<Conversation | undefined> {
    const [row] = await tx.select().from(conversations).where(eq(conversations.id, id)).for('update').limit(1);
    return row;
  }

  /**
   * Open, unassigned conversations of the given inboxes or teams, oldest first, locked; rows another
   * transaction is changing right now are skipped rather than waited for.
   */
  async waiting(tx: Executor, scope: { inboxIds: string[]; teamIds: string[] }, afterId: string | null, limit: number): Promise<Conversation[]> {
    if (scope.inboxIds.length === 0 && scope.teamIds.length === 0) return [];
    return tx
      .select()
      .from(conversations)
      .where(
        and(
          eq(conversations.status, 'open'),
          isNull(conversations.assigneeId),
          // A bot has the conversation: it enters the queue when the bot hands it over.
          sql`(${conversations.attributes} -> 'routingHold') is null`,
          or(
            scope.inboxIds.length ? inArray(conversations.inboxId, scope.inboxIds) : undefined,
            scope.teamIds.length ? inArray(conversations.teamId, scope.teamIds) : undefined,
          ),
          afterId ? gt(conversations.id, afterId) : undefined,
        ),
      )
      .orderBy(asc(conversations.id))
      .for('update', { skipLocked: true })
      .limit(limit);
  }

  /** Open conversations per assignee. */
  async openLoad(tx: Executor, userIds: string[]): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map();
    const rows = await tx
      .select({ userId: conversations.assigneeId, count: sql<number>`count(*)::int` })
      .from(conversations)
      .where(and(inArray(conversations.assigneeId, userIds), eq(conversations.status, 'open')))
      .groupBy(conversations.assigneeId);
    return new Map(rows.map((r) => [r.userId!, Number(r.count)]));
  }

  /** Who last handled this contact in another conversation. */
  async lastHandler(tx: Executor, contactId: string, exceptConversationId: string): Promise<string | null> {
    const [row] = await tx
      .select({ assigneeId: conversations.assigneeId })
      .from(conversations)
      .where(and(eq(conversations.contactId, contactId), ne(conversations.id, exceptConversationId), isNotNull(conversations.assigneeId)))
      .orderBy(desc(sql`coalesce(${conversations.lastMessageAt}, ${conversations.createdAt})`))
      .limit(1);
    return row?.assigneeId ?? null;
  }
}
