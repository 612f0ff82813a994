import { Injectable } from '@nestjs/common';
import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import { activities, InjectDb, toPage, type Activity, type Db, type Page } from '@app/db';
import type { Executor } from '../shared/db-types.js';
import { definedValues } from '../shared/sql.js';
import type { ActivityFilters } from './activity.types.js';

export type ActivityValues = Omit<typeof activities.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

@Injectable()
export class ActivitiesRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async findById(id: string, executor: Executor = this.db): Promise<Activity | undefined> {
    const [row] = await executor.select().from(activities).where(eq(activities.id, id)).limit(1);
    return row;
  }

  async list(filters: ActivityFilters): Promise<Page<Activity>> {
    const conditions: Array<SQL | undefined> = [
      filters.type ? eq(activities.type, filters.type) : undefined,
      filters.contactId ? eq(activities.contactId, filters.contactId) : undefined,
      filters.dealId ? eq(activities.dealId, filters.dealId) : undefined,
      filters.conversationId ? eq(activities.conversationId, filters.conversationId) : undefined,
      filters.ownerId ? eq(activities.ownerId, filters.ownerId) : undefined,
      filters.done === undefined ? undefined : eq(activities.done, filters.done),
      filters.dueBefore ? lte(activities.dueAt, filters.dueBefore) : undefined,
      filters.dueAfter ? gte(activities.dueAt, filters.dueAfter) : undefined,
      filters.cursor ? lt(activities.id, filters.cursor) : undefined,
    ];
    const rows = await this.db
      .select()
      .from(activities)
      .where(and(...conditions))
      .orderBy(desc(activities.id))
      .limit(filters.limit + 1);
    return toPage(rows, filters.limit);
  }

  async insert(values: ActivityValues, executor: Executor = this.db): Promise<Activity> {
    const [row] = await executor.insert(activities).values(values).returning();
    return row;
  }

  async update(id: string, changes: Partial<ActivityValues>, executor: Executor = this.db): Promise<Activity | undefined> {
    const values = definedValues(changes);
    if (Object.keys(values).length === 0) return this.findById(id, executor);
    const [row] = await executor.update(activities).set(values).where(eq(activities.id, id)).returning();
    return row;
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.db.delete(activities).where(eq(activities.id, id)).returning({ id: activities.id });
    return rows.length > 0;
  }
}
