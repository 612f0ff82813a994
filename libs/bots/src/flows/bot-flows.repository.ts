import { Injectable } from '@nestjs/common';
import { and, desc, eq, inArray, isNotNull, like, lt, sql } from 'drizzle-orm';
import { foldForSearch } from '@app/common';
import { botFlows, botFlowVersions, botSessions, InjectDb, likePattern, toPage, type BotFlowRow, type BotFlowVersionRow, type Db, type Page } from '@app/db';

import { ReadCache } from '@app/queue';

const CACHE = 'bot-flows:published';

export type BotFlowValues = Pick<typeof botFlows.$inferInsert, 'name' | 'description' | 'draft' | 'triggers'>;

const searchTextOf = (f: { name: string; description?: string | null }) => foldForSearch(f.name, f.description);

@Injectable()
export class BotFlowsRepository {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly cache: ReadCache,
  ) {}

  async list(filters: { q?: string; cursor?: string; limit: number }): Promise<Page<BotFlowRow>> {
    const rows = await this.db
      .select()
      .from(botFlows)
      .where(and(filters.q ? like(botFlows.searchText, likePattern(foldForSearch(filters.q))) : undefined, filters.cursor ? lt(botFlows.id, filters.cursor) : undefined))
      .orderBy(desc(botFlows.id))
      .limit(filters.limit + 1);
    return toPage(rows, filters.limit);
  }

  async activeSessions(flowIds: string[]): Promise<Map<string, number>> {
    if (flowIds.length === 0) return new Map();
    const rows = await this.db
      .select({ flowId: botSessions.flowId, n: sql<number>`count(*)::int` })
      .from(botSessions)
      .where(and(inArray(botSessions.flowId, flowIds), inArray(botSessions.status, ['active', 'waiting'])))
      .groupBy(botSessions.flowId);
    return new Map(rows.map((r) => [r.flowId, r.n]));
  }

  async findById(id: string): Promise<BotFlowRow | undefined> {
    const [row] = await this.db.select().from(botFlows).where(eq(botFlows.id, id)).limit(1);
    return row;
  }

  /** Flows with a published version: the ones triggers may start. */
  /** Matched against every incoming message, so cached. */
  published(): Promise<BotFlowRow[]> {
    return this.cache.get(CACHE, () => this.db.select().from(botFlows).where(isNotNull(botFlows.publishedVersion)).orderBy(botFlows.id));
  }

  async create(values: BotFlowValues): Promise<BotFlowRow> {
    const [row] = await this.db.insert(botFlows).values({ ...values, searchText: searchTextOf(values), draftChanged: true }).returning();
    this.cache.invalidate(CACHE);
    return row;
  }

  async update(id: string, values: Partial<BotFlowValues>): Promise<BotFlowRow | undefined> {
    const current = await this.findById(id);
    if (!current) return undefined;
    const next = { ...current, ...values };
    const [row] = await this.db
      .update(botFlows)
      .set({ ...values, searchText: searchTextOf(next), ...(values.draft !== undefined ? { draftChanged: true } : {}) })
      .where(eq(botFlows.id, id))
      .returning();
    this.cache.invalidate(CACHE);
    return row;
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.db.delete(botFlows).where(eq(botFlows.id, id)).returning({ id: botFlows.id });
    this.cache.invalidate(CACHE);
    return rows.length > 0;
  }

  /** Freezes the draft as the next version; the flow row is locked so two publishes number differently. */
  async publish(id: string, publishedById: string | null): Promise<number | undefined> {
    const published = await this.db.transaction(async (tx) => {
      const [flow] = await tx.select().from(botFlows).where(eq(botFlows.id, id)).for('update');
      if (!flow) return undefined;
      const [{ last }] = await tx.select({ last: sql<number>`coalesce(max(${botFlowVersions.version}), 0)::int` }).from(botFlowVersions).where(eq(botFlowVersions.flowId, id));
      const version = last + 1;
      await tx.insert(botFlowVersions).values({ flowId: id, version, document: flow.draft, publishedById });
      await tx.update(botFlows).set({ publishedVersion: version, draftChanged: false }).where(eq(botFlows.id, id));
      return version;
    });
    this.cache.invalidate(CACHE);
    return published;
  }

  versions(flowId: string): Promise<BotFlowVersionRow[]> {
    return this.db.select().from(botFlowVersions).where(eq(botFlowVersions.flowId, flowId)).orderBy(desc(botFlowVersions.version));
  }

  async version(flowId: string, version: number): Promise<BotFlowVersionRow | undefined> {
    const [row] = await this.db.select().from(botFlowVersions).where(and(eq(botFlowVersions.flowId, flowId), eq(botFlowVersions.version, version))).limit(1);
    return row;
  }
}
