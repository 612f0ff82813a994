import { Injectable } from '@nestjs/common';
import { eq, inArray } from 'drizzle-orm';
import { businessHours, InjectDb, isForeignKeyViolation, type BusinessHoursRow, type Db } from '@app/db';
import { notFound } from '@app/common';
import { ReadCache } from '@app/queue';

const CACHE = 'business-hours:';

export type BusinessHoursValues = Omit<typeof businessHours.$inferInsert, 'inboxId' | 'updatedAt'>;

@Injectable()
export class BusinessHoursRepository {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly cache: ReadCache,
  ) {}

  /** Read for every incoming message (auto-replies, SLA in business time), so cached. */
  find(inboxId: string): Promise<BusinessHoursRow | undefined> {
    return this.cache.get(CACHE + inboxId, async () => {
      const [row] = await this.db.select().from(businessHours).where(eq(businessHours.inboxId, inboxId)).limit(1);
      return row;
    });
  }

  async many(inboxIds: string[]): Promise<Map<string, BusinessHoursRow>> {
    if (inboxIds.length === 0) return new Map();
    const rows = await this.db.select().from(businessHours).where(inArray(businessHours.inboxId, inboxIds));
    return new Map(rows.map((r) => [r.inboxId, r]));
  }

  async save(inboxId: string, values: BusinessHoursValues): Promise<BusinessHoursRow> {
    try {
      const [row] = await this.db
        .insert(businessHours)
        .values({ inboxId, ...values })
        .onConflictDoUpdate({ target: businessHours.inboxId, set: { ...values, updatedAt: new Date() } })
        .returning();
      this.cache.invalidate(CACHE + inboxId);
      return row;
    } catch (error) {
      throw isForeignKeyViolation(error) ? notFound('entity.inbox', inboxId) : error;
    }
  }
}
