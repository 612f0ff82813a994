import { Injectable } from '@nestjs/common';
import { and, asc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import { InjectDb, kbArticles, kbCategories, type Db, type KbCategoryRow } from '@app/db';
import type { KbLocale } from './knowledge.contract.js';

export type CategoryValues = Omit<typeof kbCategories.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;
export type CategoryWithCount = KbCategoryRow & { articleCount: number };

@Injectable()
export class KbCategoriesRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** Every category in display order; counts only published articles (of one language) when asked to. */
  async list(options: { locale?: KbLocale; publishedOnly?: boolean } = {}): Promise<CategoryWithCount[]> {
    const counted: Array<SQL | undefined> = [
      eq(kbArticles.categoryId, kbCategories.id),
      options.publishedOnly ? eq(kbArticles.status, 'published') : undefined,
      options.locale ? eq(kbArticles.locale, options.locale) : undefined,
    ];
    const articleCount = sql<number>`(select count(*)::int from ${kbArticles} where ${and(...counted)})`;
    return this.db
      .select({ category: kbCategories, articleCount })
      .from(kbCategories)
      .where(options.locale ? or(isNull(kbCategories.locale), eq(kbCategories.locale, options.locale)) : undefined)
      .orderBy(asc(kbCategories.position), asc(kbCategories.name))
      .then((rows) => rows.map((r) => ({ ...r.category, articleCount: Number(r.articleCount) })));
  }

  async findById(id: string): Promise<KbCategoryRow | undefined> {
    const [row] = await this.db.select().from(kbCategories).where(eq(kbCategories.id, id)).limit(1);
    return row;
  }

  async findBySlug(slug: string): Promise<KbCategoryRow | undefined> {
    const [row] = await this.db.select().from(kbCategories).where(eq(kbCategories.slug, slug)).limit(1);
    return row;
  }

  async create(values: CategoryValues): Promise<KbCategoryRow> {
    const [row] = await this.db.insert(kbCategories).values(values).returning();
    return row;
  }

  async update(id: string, values: Partial<CategoryValues>): Promise<KbCategoryRow | undefined> {
    if (Object.keys(values).length === 0) return this.findById(id);
    const [row] = await this.db.update(kbCategories).set(values).where(eq(kbCategories.id, id)).returning();
    return row;
  }

  /** The category's articles stay, without a category. */
  async delete(id: string): Promise<boolean> {
    const rows = await this.db.delete(kbCategories).where(eq(kbCategories.id, id)).returning({ id: kbCategories.id });
    return rows.length > 0;
  }
}
