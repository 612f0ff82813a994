import { Injectable } from '@nestjs/common';
import { and, desc, eq, gt, inArray, isNull, like, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { DomainException, ErrorCode, foldForSearch, notFound } from '@app/common';
import { ReadCache } from '@app/queue';
import { blacklistEntries, InjectDb, isForeignKeyViolation, isUniqueViolation, likePattern, toPage, type BlacklistEntry, type Db, type Executor, type Page } from '@app/db';

export type BlacklistValues = Omit<typeof blacklistEntries.$inferInsert, 'id' | 'searchText' | 'createdAt' | 'updatedAt'>;

export interface BlacklistFilters {
  q?: string;
  kind?: BlacklistEntry['kind'];
  inboxId?: string;
  active?: boolean;
  cursor?: string;
  limit: number;
}

/** What identifies a sender, to find the entries that may match them. */
export interface SenderKeys {
  inboxId: string;
  contactId: string;
  identityExternalId: string;
  phones: string[];
  emails: string[];
  domains: string[];
}

const NOW = sql`now()`;
/** Whether any entry exists: most workspaces block nobody, and then a message needs no lookup. */
const ANY_CACHE = 'blacklist:any';

@Injectable()
export class BlacklistRepository {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly cache: ReadCache,
  ) {}

  async list(filters: BlacklistFilters): Promise<Page<BlacklistEntry>> {
    const conditions: Array<SQL | undefined> = [
      filters.q ? like(blacklistEntries.searchText, likePattern(foldForSearch(filters.q))) : undefined,
      filters.kind ? eq(blacklistEntries.kind, filters.kind) : undefined,
      filters.inboxId ? eq(blacklistEntries.inboxId, filters.inboxId) : undefined,
      filters.active === undefined ? undefined : filters.active ? or(isNull(blacklistEntries.expiresAt), gt(blacklistEntries.expiresAt, NOW)) : lte(blacklistEntries.expiresAt, NOW),
      filters.cursor ? lt(blacklistEntries.id, filters.cursor) : undefined,
    ];
    const rows = await this.db
      .select()
      .from(blacklistEntries)
      .where(and(...conditions))
      .orderBy(desc(blacklistEntries.id))
      .limit(filters.limit + 1);
    return toPage(rows, filters.limit);
  }

  async findById(id: string): Promise<BlacklistEntry | undefined> {
    const [row] = await this.db.select().from(blacklistEntries).where(eq(blacklistEntries.id, id)).limit(1);
    return row;
  }

  /** Active entries of the inbox or global that could match the sender; text patterns are all returned. */
  async candidates(executor: Executor = this.db, keys: SenderKeys): Promise<BlacklistEntry[]> {
    const any = await this.cache.get(ANY_CACHE, async () => (await executor.select({ id: blacklistEntries.id }).from(blacklistEntries).limit(1)).length > 0);
    if (!any) return [];
    const byValue = (kind: BlacklistEntry['kind'], values: string[]) => (values.length ? and(eq(blacklistEntries.kind, kind), inArray(blacklistEntries.value, values)) : undefined);
    return executor
      .select()
      .from(blacklistEntries)
      .where(
        and(
          or(isNull(blacklistEntries.inboxId), eq(blacklistEntries.inboxId, keys.inboxId)),
          or(isNull(blacklistEntries.expiresAt), gt(blacklistEntries.expiresAt, NOW)),
          or(
            byValue('identity', [keys.identityExternalId]),
            byValue('contact', [keys.contactId]),
            byValue('phone', keys.phones),
            byValue('email', keys.emails),
            byValue('domain', keys.domains),
            eq(blacklistEntries.kind, 'pattern'),
          ),
        ),
      )
      .orderBy(blacklistEntries.id);
  }

  async create(values: BlacklistValues): Promise<BlacklistEntry> {
    try {
      const [row] = await this.db
        .insert(blacklistEntries)
        .values({ ...values, searchText: foldForSearch(values.value, values.reason) })
        .returning();
      this.cache.invalidate(ANY_CACHE);
      return row;
    } catch (error) {
      throw await this.translate(error, values);
    }
  }

  /** Blocks again with the new reason and expiry when the same entry exists. */
  async upsert(values: BlacklistValues): Promise<BlacklistEntry> {
    const existing = await this.findSame(values);
    if (!existing) return this.create(values);
    return (await this.update(existing.id, { reason: values.reason ?? existing.reason, expiresAt: values.expiresAt ?? null, createdById: values.createdById }))!;
  }

  async update(id: string, values: Partial<BlacklistValues>): Promise<BlacklistEntry | undefined> {
    const current = await this.findById(id);
    if (!current) return undefined;
    const [row] = await this.db
      .update(blacklistEntries)
      .set({ ...values, searchText: foldForSearch(current.value, values.reason === undefined ? current.reason : values.reason) })
      .where(eq(blacklistEntries.id, id))
      .returning();
    return row;
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.db.delete(blacklistEntries).where(eq(blacklistEntries.id, id)).returning({ id: blacklistEntries.id });
    return rows.length > 0;
  }

  async deleteMany(ids: string[]): Promise<void> {
    if (ids.length) await this.db.delete(blacklistEntries).where(inArray(blacklistEntries.id, ids));
  }

  private async findSame(values: Pick<BlacklistValues, 'kind' | 'value' | 'inboxId'>): Promise<BlacklistEntry | undefined> {
    const [row] = await this.db
      .select()
      .from(blacklistEntries)
      .where(and(eq(blacklistEntries.kind, values.kind), eq(blacklistEntries.value, values.value), values.inboxId ? eq(blacklistEntries.inboxId, values.inboxId) : isNull(blacklistEntries.inboxId)))
      .limit(1);
    return row;
  }

  private async translate(error: unknown, values: BlacklistValues): Promise<unknown> {
    if (isUniqueViolation(error)) {
      const existing = await this.findSame(values);
      return new DomainException(ErrorCode.DuplicateBlacklistEntry, {
        params: { kind: `field.blacklist.${values.kind}`, value: values.value, existingId: existing?.id ?? '' },
        details: { existingId: existing?.id ?? null },
      });
    }
    if (isForeignKeyViolation(error) && values.inboxId) return notFound('entity.inbox', values.inboxId);
    return error;
  }
}
