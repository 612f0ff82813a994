import { Injectable } from '@nestjs/common';
import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import { inboxes, InjectDb, toPage, type Db, type Inbox, type InboxType, type Page } from '@app/db';
import { ReadCache } from '@app/queue';

export interface NewInbox {
  /** Chosen by the caller when the channel must know it before the inbox exists (its webhook URL). */
  id?: string;
  type: InboxType;
  name: string;
  settings: Record<string, unknown>;
  enabled: boolean;
}

export type InboxChanges = Partial<Pick<Inbox, 'name' | 'settings' | 'enabled'>>;

export interface InboxListFilter {
  cursor?: string;
  limit: number;
  type?: InboxType;
  /** Only these inboxes; null means every inbox. */
  ids: string[] | null;
}

const CACHE = 'inbox:';

@Injectable()
export class InboxesRepository {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly cache: ReadCache,
  ) {}

  async findById(id: string): Promise<Inbox | undefined> {
    const [row] = await this.db.select().from(inboxes).where(eq(inboxes.id, id)).limit(1);
    return row;
  }

  /**
   * The inbox as a webhook needs it (type, enabled, settings), read for every webhook and so cached.
   * Its sync_state may lag behind polling's writes: whoever needs that reads {@link findById}.
   */
  findForWebhook(id: string): Promise<Inbox | undefined> {
    return this.cache.get(CACHE + id, () => this.findById(id));
  }

  async list(filter: InboxListFilter): Promise<Page<Inbox>> {
    if (filter.ids?.length === 0) return { items: [], nextCursor: null };
    const rows = await this.db
      .select()
      .from(inboxes)
      .where(
        and(
          filter.cursor ? lt(inboxes.id, filter.cursor) : undefined,
          filter.type ? eq(inboxes.type, filter.type) : undefined,
          filter.ids ? inArray(inboxes.id, filter.ids) : undefined,
        ),
      )
      .orderBy(desc(inboxes.id))
      .limit(filter.limit + 1);
    return toPage(rows, filter.limit);
  }

  async create(values: NewInbox): Promise<Inbox> {
    const [row] = await this.db.insert(inboxes).values(values).returning();
    this.cache.invalidate(CACHE + row.id);
    return row;
  }

  /**
   * Changes an inbox computed from its current row, with the row locked meanwhile, so that two
   * concurrent updates of the (secret-merged) settings cannot overwrite each other.
   * Answers undefined when there is no such inbox.
   */
  async update(id: string, change: (current: Inbox) => InboxChanges | Promise<InboxChanges>): Promise<Inbox | undefined> {
    const updated = await this.db.transaction(async (tx) => {
      const [current] = await tx.select().from(inboxes).where(eq(inboxes.id, id)).for('update');
      if (!current) return undefined;
      const changes = await change(current);
      const [row] = await tx
        .update(inboxes)
        .set({ ...changes, updatedAt: new Date() })
        .where(eq(inboxes.id, id))
        .returning();
      return row;
    });
    this.cache.invalidate(CACHE + id);
    return updated;
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.db.delete(inboxes).where(eq(inboxes.id, id)).returning({ id: inboxes.id });
    this.cache.invalidate(CACHE + id);
    return rows.length > 0;
  }
}
