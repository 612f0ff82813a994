import { Injectable } from '@nestjs/common';
import { and, desc, eq, inArray, isNull, like, lt, or, sql, type SQL } from 'drizzle-orm';
import { DomainException, ErrorCode, foldForSearch, notFound } from '@app/common';
import { InjectDb, isForeignKeyViolation, isUniqueViolation, likePattern, templates, toPage, type Db, type Page, type Template } from '@app/db';

export type TemplateValues = Omit<typeof templates.$inferInsert, 'id' | 'searchText' | 'createdAt' | 'updatedAt' | 'usageCount' | 'lastUsedAt'>;

export interface TemplateFilters {
  q?: string;
  /** Templates of these inboxes plus the global ones; null: every template. */
  inboxIds: string[] | null;
  cursor?: string;
  limit: number;
}

const searchTextOf = (t: Pick<Template, 'shortCode' | 'name' | 'body'>) => foldForSearch(t.shortCode, t.name, t.body);

@Injectable()
export class TemplatesRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async list(filters: TemplateFilters): Promise<Page<Template>> {
    const conditions: Array<SQL | undefined> = [
      filters.inboxIds === null ? undefined : scopeOf(filters.inboxIds),
      filters.q ? like(templates.searchText, likePattern(foldForSearch(filters.q))) : undefined,
      filters.cursor ? lt(templates.id, filters.cursor) : undefined,
    ];
    const rows = await this.db
      .select()
      .from(templates)
      .where(and(...conditions))
      .orderBy(desc(templates.id))
      .limit(filters.limit + 1);
    return toPage(rows, filters.limit);
  }

  async findById(id: string): Promise<Template | undefined> {
    const [row] = await this.db.select().from(templates).where(eq(templates.id, id)).limit(1);
    return row;
  }

  /** The inbox's own template with this code, else the global one. */
  async findByShortCode(shortCode: string, inboxId: string | null): Promise<Template | undefined> {
    const rows = await this.db
      .select()
      .from(templates)
      .where(and(eq(templates.shortCode, shortCode), scopeOf(inboxId ? [inboxId] : [])));
    return rows.find((r) => r.inboxId !== null) ?? rows[0];
  }

  async create(values: TemplateValues): Promise<Template> {
    try {
      const [row] = await this.db
        .insert(templates)
        .values({ ...values, searchText: searchTextOf(values) })
        .returning();
      return row;
    } catch (error) {
      throw translate(error, values);
    }
  }

  async update(id: string, change: (current: Template) => Partial<TemplateValues>): Promise<Template | undefined> {
    const current = await this.findById(id);
    if (!current) return undefined;
    const values = change(current);
    const next = { ...current, ...values };
    try {
      const [row] = await this.db
        .update(templates)
        .set({ ...values, searchText: searchTextOf(next) })
        .where(eq(templates.id, id))
        .returning();
      return row;
    } catch (error) {
      throw translate(error, next);
    }
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.db.delete(templates).where(eq(templates.id, id)).returning({ id: templates.id });
    return rows.length > 0;
  }

  /** Counted atomically, so parallel uses are all counted. */
  async countUse(id: string): Promise<void> {
    await this.db
      .update(templates)
      .set({ usageCount: sql`${templates.usageCount} + 1`, lastUsedAt: new Date() })
      .where(eq(templates.id, id));
  }
}

function scopeOf(inboxIds: string[]): SQL {
  return inboxIds.length ? or(isNull(templates.inboxId), inArray(templates.inboxId, inboxIds))! : isNull(templates.inboxId);
}

function translate(error: unknown, values: { shortCode: string; inboxId?: string | null }): unknown {
  if (isUniqueViolation(error)) return new DomainException(ErrorCode.DuplicateShortCode, { params: { shortCode: values.shortCode }, details: { field: 'shortCode' } });
  if (isForeignKeyViolation(error) && values.inboxId) return notFound('entity.inbox', values.inboxId);
  return error;
}
