import { Injectable } from '@nestjs/common';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { botSessions, InjectDb, isUniqueViolation, type BotSessionRow, type Db } from '@app/db';

export type NewBotSession = Pick<typeof botSessions.$inferInsert, 'conversationId' | 'flowId' | 'version' | 'locale' | 'variables' | 'expiresAt'>;
export type SessionChange = Partial<Pick<BotSessionRow, 'nodeId' | 'status' | 'variables' | 'nodeState' | 'expiresAt' | 'endReason' | 'endedAt'>>;

const RUNNING = ['active', 'waiting'] as const;

@Injectable()
export class BotSessionsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async running(conversationId: string): Promise<BotSessionRow | undefined> {
    const [row] = await this.db
      .select()
      .from(botSessions)
      .where(and(eq(botSessions.conversationId, conversationId), inArray(botSessions.status, [...RUNNING])))
      .limit(1);
    return row;
  }

  runningOfFlow(flowId: string): Promise<BotSessionRow[]> {
    return this.db.select().from(botSessions).where(and(eq(botSessions.flowId, flowId), inArray(botSessions.status, [...RUNNING])));
  }

  async findById(id: string): Promise<BotSessionRow | undefined> {
    const [row] = await this.db.select().from(botSessions).where(eq(botSessions.id, id)).limit(1);
    return row;
  }

  async latest(conversationId: string): Promise<BotSessionRow | undefined> {
    const [row] = await this.db.select().from(botSessions).where(eq(botSessions.conversationId, conversationId)).orderBy(desc(botSessions.id)).limit(1);
    return row;
  }

  /** Undefined when the conversation already has a running session (one per conversation, by a unique index). */
  async insert(values: NewBotSession): Promise<BotSessionRow | undefined> {
    try {
      const [row] = await this.db.insert(botSessions).values(values).returning();
      return row;
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  /** Saves a step only if nobody saved another one since `step` was read; undefined otherwise. */
  async saveStep(id: string, step: number, change: SessionChange): Promise<BotSessionRow | undefined> {
    const [row] = await this.db
      .update(botSessions)
      .set({ ...change, step: sql`${botSessions.step} + 1` })
      .where(and(eq(botSessions.id, id), eq(botSessions.step, step)))
      .returning();
    return row;
  }

  /** Ends a running session whatever step it is at (an agent took over, the flow was deleted). */
  async end(id: string, reason: string): Promise<BotSessionRow | undefined> {
    const [row] = await this.db
      .update(botSessions)
      .set({ status: 'ended', endReason: reason, endedAt: new Date(), expiresAt: null, step: sql`${botSessions.step} + 1` })
      .where(and(eq(botSessions.id, id), inArray(botSessions.status, [...RUNNING])))
      .returning();
    return row;
  }

  async expired(now: Date, limit = 100): Promise<BotSessionRow[]> {
    return this.db
      .select()
      .from(botSessions)
      .where(and(eq(botSessions.status, 'waiting'), sql`${botSessions.expiresAt} <= ${now}`))
      .limit(limit);
  }
}
