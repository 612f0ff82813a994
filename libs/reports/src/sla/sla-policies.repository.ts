import { Injectable } from '@nestjs/common';
import { asc, desc, eq, sql } from 'drizzle-orm';
import { InjectDb, slaPolicies, type Db, type SlaPolicyRow } from '@app/db';
import { ReadCache } from '@app/queue';

const CACHE = 'sla-policies';

export type SlaPolicyValues = Omit<typeof slaPolicies.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

@Injectable()
export class SlaPoliciesRepository {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly cache: ReadCache,
  ) {}

  /** Every policy, newest first; a workspace has a handful, so search and paging happen in memory. */
  all(): Promise<SlaPolicyRow[]> {
    return this.db.select().from(slaPolicies).orderBy(desc(slaPolicies.id));
  }

  /** Active policies in the order they are tried; read on every message, so cached. */
  active(): Promise<SlaPolicyRow[]> {
    return this.cache.get(CACHE, () => this.db.select().from(slaPolicies).where(eq(slaPolicies.active, true)).orderBy(asc(slaPolicies.position), asc(slaPolicies.id)));
  }

  async find(id: string): Promise<SlaPolicyRow | undefined> {
    const [row] = await this.db.select().from(slaPolicies).where(eq(slaPolicies.id, id)).limit(1);
    return row;
  }

  async nextPosition(): Promise<number> {
    const [row] = await this.db.select({ max: sql<number | null>`max(${slaPolicies.position})` }).from(slaPolicies);
    return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
  }

  async insert(values: SlaPolicyValues): Promise<SlaPolicyRow> {
    const [row] = await this.db.insert(slaPolicies).values(values).returning();
    this.cache.invalidate(CACHE);
    return row;
  }

  async update(id: string, values: Partial<SlaPolicyValues>): Promise<SlaPolicyRow | undefined> {
    const [row] = await this.db.update(slaPolicies).set(values).where(eq(slaPolicies.id, id)).returning();
    this.cache.invalidate(CACHE);
    return row;
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.db.delete(slaPolicies).where(eq(slaPolicies.id, id)).returning({ id: slaPolicies.id });
    this.cache.invalidate(CACHE);
    return rows.length > 0;
  }
}
