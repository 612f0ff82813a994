import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import {
  automationRules,
  automationRuns,
  automationWebhookDeliveries,
  InjectDb,
  toPage,
  type AutomationRule,
  type AutomationRun,
  type AutomationWebhookDelivery,
  type Db,
  type Page,
} from '@app/db';
import { ReadCache } from '@app/queue';

const CACHE = 'automation-rules:';

export type RuleValues = Omit<typeof automationRules.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'runCount' | 'lastRunAt'>;

@Injectable()
export class AutomationRulesRepository {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly cache: ReadCache,
  ) {}

  /** In the order they run. */
  async list(filter: { event?: string }): Promise<AutomationRule[]> {
    return this.db
      .select()
      .from(automationRules)
      .where(filter.event ? eq(automationRules.event, filter.event) : undefined)
      .orderBy(asc(automationRules.position), asc(automationRules.id));
  }

  /** Read on every event, so cached; run counts in the cached rows may lag, nothing reads them from here. */
  enabledFor(event: string): Promise<AutomationRule[]> {
    return this.cache.get(CACHE + event, () =>
      this.db
        .select()
        .from(automationRules)
        .where(and(eq(automationRules.event, event), eq(automationRules.enabled, true)))
        .orderBy(asc(automationRules.position), asc(automationRules.id)),
    );
  }

  async findById(id: string): Promise<AutomationRule | undefined> {
    const [row] = await this.db.select().from(automationRules).where(eq(automationRules.id, id)).limit(1);
    return row;
  }

  async nextPosition(): Promise<number> {
    const [row] = await this.db.select({ max: sql<number | null>`max(${automationRules.position})` }).from(automationRules);
    return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
  }

  async create(values: RuleValues): Promise<AutomationRule> {
    const [row] = await this.db.insert(automationRules).values(values).returning();
    this.cache.invalidate(CACHE);
    return row;
  }

  async update(id: string, values: Partial<RuleValues>): Promise<AutomationRule | undefined> {
    const [row] = await this.db.update(automationRules).set(values).where(eq(automationRules.id, id)).returning();
    this.cache.invalidate(CACHE);
    return row;
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.db.delete(automationRules).where(eq(automationRules.id, id)).returning({ id: automationRules.id });
    this.cache.invalidate(CACHE);
    return rows.length > 0;
  }

  /** Positions follow the order of ids given; rules left out keep theirs after them. */
  async reorder(ids: string[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const [position, id] of ids.entries()) await tx.update(automationRules).set({ position }).where(eq(automationRules.id, id));
    });
    this.cache.invalidate(CACHE);
  }

  async startRun(values: { ruleId: string; event: string; conversationId: string | null; dealId: string | null; depth: number }): Promise<AutomationRun> {
    const [row] = await this.db.insert(automationRuns).values(values).returning();
    return row;
  }

  async finishRun(runId: string, ruleId: string, results: Record<string, unknown>[]): Promise<void> {
    await this.db.update(automationRuns).set({ results }).where(eq(automationRuns.id, runId));
    await this.db
      .update(automationRules)
      .set({ runCount: sql`${automationRules.runCount} + 1`, lastRunAt: new Date() })
      .where(eq(automationRules.id, ruleId));
  }

  async runs(filter: { ruleId?: string; conversationId?: string; cursor?: string; limit: number }): Promise<Page<AutomationRun>> {
    const conditions: Array<SQL | undefined> = [
      filter.ruleId ? eq(automationRuns.ruleId, filter.ruleId) : undefined,
      filter.conversationId ? eq(automationRuns.conversationId, filter.conversationId) : undefined,
      filter.cursor ? lt(automationRuns.id, filter.cursor) : undefined,
    ];
    const rows = await this.db
      .select()
      .from(automationRuns)
      .where(and(...conditions))
      .orderBy(desc(automationRuns.id))
      .limit(filter.limit + 1);
    return toPage(rows, filter.limit);
  }

  async deliveriesOf(runIds: string[]): Promise<AutomationWebhookDelivery[]> {
    if (runIds.length === 0) return [];
    return this.db.select().from(automationWebhookDeliveries).where(inArray(automationWebhookDeliveries.runId, runIds)).orderBy(asc(automationWebhookDeliveries.id));
  }

  async createDelivery(values: { ruleId: string; runId: string; url: string; payload: Record<string, unknown> }): Promise<AutomationWebhookDelivery> {
    const [row] = await this.db.insert(automationWebhookDeliveries).values(values).returning();
    return row;
  }

  async findDelivery(id: string): Promise<AutomationWebhookDelivery | undefined> {
    const [row] = await this.db.select().from(automationWebhookDeliveries).where(eq(automationWebhookDeliveries.id, id)).limit(1);
    return row;
  }

  async updateDelivery(id: string, values: Partial<typeof automationWebhookDeliveries.$inferInsert>): Promise<void> {
    await this.db.update(automationWebhookDeliveries).set(values).where(eq(automationWebhookDeliveries.id, id));
  }

  async pendingDeliveries(limit: number): Promise<string[]> {
    const rows = await this.db
      .select({ id: automationWebhookDeliveries.id })
      .from(automationWebhookDeliveries)
      .where(eq(automationWebhookDeliveries.status, 'pending'))
      .orderBy(asc(automationWebhookDeliveries.id))
      .limit(limit);
    return rows.map((r) => r.id);
  }
}
