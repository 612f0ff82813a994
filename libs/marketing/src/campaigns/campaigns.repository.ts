import { Injectable } from '@nestjs/common';
import { and, desc, eq, inArray, isNotNull, like, lt, sql, type SQL } from 'drizzle-orm';
import { foldForSearch } from '@app/common';
import { campaignRecipients, campaigns, InjectDb, likePattern, toPage, type CampaignRow, type Db, type Page } from '@app/db';
import type { CampaignStatus } from './campaign.types.js';

export type CampaignValues = Pick<typeof campaigns.$inferInsert, 'name' | 'inboxId' | 'segmentId' | 'templateId' | 'variables' | 'scheduledAt' | 'cost' | 'createdById'>;

export interface CampaignFilters {
  q?: string;
  status?: CampaignStatus;
  cursor?: string;
  limit: number;
}

const searchTextOf = (c: Pick<CampaignRow, 'name'>) => foldForSearch(c.name);

@Injectable()
export class CampaignsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async list(filters: CampaignFilters): Promise<Page<CampaignRow>> {
    const conditions: Array<SQL | undefined> = [
      filters.q ? like(campaigns.searchText, likePattern(foldForSearch(filters.q))) : undefined,
      filters.status ? eq(campaigns.status, filters.status) : undefined,
      filters.cursor ? lt(campaigns.id, filters.cursor) : undefined,
    ];
    const rows = await this.db
      .select()
      .from(campaigns)
      .where(and(...conditions))
      .orderBy(desc(campaigns.id))
      .limit(filters.limit + 1);
    return toPage(rows, filters.limit);
  }

  async findById(id: string): Promise<CampaignRow | undefined> {
    const [row] = await this.db.select().from(campaigns).where(eq(campaigns.id, id)).limit(1);
    return row;
  }

  async create(values: CampaignValues): Promise<CampaignRow> {
    const [row] = await this.db
      .insert(campaigns)
      .values({ ...values, searchText: searchTextOf(values) })
      .returning();
    return row;
  }

  /** Changes the campaign only while it is still in one of `statuses`, so a change never lands on a campaign that moved on meanwhile. */
  async update(id: string, statuses: readonly CampaignStatus[], values: Partial<typeof campaigns.$inferInsert>): Promise<CampaignRow | undefined> {
    const set = values.name === undefined ? values : { ...values, searchText: searchTextOf({ name: values.name }) };
    const [row] = await this.db
      .update(campaigns)
      .set(set)
      .where(and(eq(campaigns.id, id), inArray(campaigns.status, [...statuses])))
      .returning();
    return row;
  }

  async delete(id: string, statuses: readonly CampaignStatus[]): Promise<boolean> {
    const rows = await this.db
      .delete(campaigns)
      .where(and(eq(campaigns.id, id), inArray(campaigns.status, [...statuses])))
      .returning({ id: campaigns.id });
    return rows.length > 0;
  }

  /** Campaigns a dispatch chain should be running for (after a restart). */
  async active(): Promise<CampaignRow[]> {
    return this.db
      .select()
      .from(campaigns)
      .where(inArray(campaigns.status, ['scheduled', 'running']));
  }

  async recordExpansion(id: string, cursor: string | null, done: boolean): Promise<void> {
    await this.db
      .update(campaigns)
      .set({ expansionCursor: cursor, ...(done ? { expandedAt: new Date() } : {}) })
      .where(eq(campaigns.id, id));
  }

  /** Completes a running, fully expanded campaign with nothing left queued; answers it when it did. */
  async completeIfDone(id: string): Promise<CampaignRow | undefined> {
    const queued = this.db
      .select({ one: sql`1` })
      .from(campaignRecipients)
      .where(and(eq(campaignRecipients.campaignId, id), eq(campaignRecipients.status, 'queued')));
    const [row] = await this.db
      .update(campaigns)
      .set({ status: 'completed', finishedAt: new Date(), dispatchToken: null })
      .where(and(eq(campaigns.id, id), eq(campaigns.status, 'running'), isNotNull(campaigns.expandedAt), sql`not exists (${queued})`))
      .returning();
    return row;
  }
}
