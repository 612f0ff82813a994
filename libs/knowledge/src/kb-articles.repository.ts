import { Injectable } from '@nestjs/common';
import { and, desc, eq, getTableColumns, like, lt, or, sql, type SQL } from 'drizzle-orm';
import { foldForSearch } from '@app/common';
import { InjectDb, kbArticles, likePattern, toPage, type Db, type KbArticleRow, type Page } from '@app/db';
import type { KbLocale, KbStatus } from './knowledge.contract.js';
import { markdownToText } from './markdown.js';

export type ArticleValues = Omit<typeof kbArticles.$inferInsert, 'id' | 'searchText' | 'searchVector' | 'createdAt' | 'updatedAt' | 'views' | 'helpfulYes' | 'helpfulNo'>;
export type ArticleRow = Omit<KbArticleRow, 'searchVector'>;
export type ArticleHit = ArticleRow & { rank: number };

export interface ArticleFilters {
  q?: string;
  categoryId?: string;
  status?: KbStatus;
  locale?: KbLocale;
  cursor?: string;
  limit: number;
}

export interface SearchOptions {
  locale?: KbLocale;
  publishedOnly: boolean;
  limit: number;
  /** all: every word must match (a search box); any: the more words match the better (a customer's message). */
  match: 'all' | 'any';
}

const CONFIG: Record<KbLocale, string> = { ru: 'russian', en: 'english' };
const MAX_WORDS = 12;

// Every column but the tsvector, which the application never reads.
const { searchVector: _searchVector, ...columns } = getTableColumns(kbArticles);

/** The stemmers know "е", not always "ё": both the article and the query are written with "е". */
const withoutYo = (text: string) => text.replace(/ё/g, 'е').replace(/Ё/g, 'Е');

/** Title weighted A, summary B, body C, stemmed with the article's language. */
function searchVectorOf(values: Pick<ArticleValues, 'title' | 'summary' | 'body' | 'locale'>): SQL {
  const config = CONFIG[values.locale ?? 'ru'];
  const part = (text: string, weight: 'A' | 'B' | 'C') => sql`setweight(to_tsvector(${config}::regconfig, ${withoutYo(text)}), ${weight}::"char")`;
  return sql`${part(values.title, 'A')} || ${part(values.summary ?? '', 'B')} || ${part(markdownToText(values.body ?? ''), 'C')}`;
}

function searchTextOf(values: Pick<ArticleValues, 'title' | 'summary' | 'body'>): string {
  return foldForSearch(values.title, values.summary, markdownToText(values.body ?? ''));
}

@Injectable()
export class KbArticlesRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async list(filters: ArticleFilters): Promise<Page<ArticleRow>> {
    const conditions: Array<SQL | undefined> = [
      filters.q ? like(kbArticles.searchText, likePattern(foldForSearch(filters.q))) : undefined,
      filters.categoryId ? eq(kbArticles.categoryId, filters.categoryId) : undefined,
      filters.status ? eq(kbArticles.status, filters.status) : undefined,
      filters.locale ? eq(kbArticles.locale, filters.locale) : undefined,
      filters.cursor ? lt(kbArticles.id, filters.cursor) : undefined,
    ];
    const rows = await this.db
      .select(columns)
      .from(kbArticles)
      .where(and(...conditions))
      .orderBy(desc(kbArticles.id))
      .limit(filters.limit + 1);
    return toPage(rows, filters.limit);
  }

  /**
   * Full-text search with the stemming of each article's language (or of the given one), best first;
   * words typed in part ("достав") still find articles through the folded text.
   */
  async search(text: string, options: SearchOptions): Promise<ArticleHit[]> {
    const words = foldForSearch(text).split(' ').filter(Boolean).slice(0, MAX_WORDS);
    if (!words.length) return [];
    const queryIn = (locale: KbLocale): SQL =>
      options.match === 'all'
        ? sql`websearch_to_tsquery(${CONFIG[locale]}::regconfig, ${withoutYo(text)})`
        : sql.join(words.map((w) => sql`plainto_tsquery(${CONFIG[locale]}::regconfig, ${withoutYo(w)})`), sql` || `);
    const query = options.locale ? queryIn(options.locale) : sql`(case when ${kbArticles.locale} = 'en' then ${queryIn('en')} else ${queryIn('ru')} end)`;
    const matches = sql`${kbArticles.searchVector} @@ ${query}`;
    // A part of a word only makes sense for a typed search: a customer's message has too many short words.
    const partial = options.match === 'all' ? and(...words.map((w) => like(kbArticles.searchText, likePattern(w)))) : undefined;
    const rank = sql<number>`(case when ${matches} then ts_rank(${kbArticles.searchVector}, ${query})::float8 else 0 end)`;
    const rows = await this.db
      .select({ ...columns, rank })
      .from(kbArticles)
      .where(
        and(
          options.publishedOnly ? eq(kbArticles.status, 'published') : undefined,
          options.locale ? eq(kbArticles.locale, options.locale) : undefined,
          partial ? or(matches, partial) : matches,
        ),
      )
      .orderBy(desc(rank), desc(kbArticles.id))
      .limit(options.limit);
    return rows.map((r) => ({ ...r, rank: Number(r.rank) }));
  }

  async findById(id: string): Promise<ArticleRow | undefined> {
    const [row] = await this.db.select(columns).from(kbArticles).where(eq(kbArticles.id, id)).limit(1);
    return row;
  }

  async findBySlug(slug: string): Promise<ArticleRow | undefined> {
    const [row] = await this.db.select(columns).from(kbArticles).where(eq(kbArticles.slug, slug)).limit(1);
    return row;
  }

  async slugTaken(slug: string): Promise<boolean> {
    return Boolean(await this.findBySlug(slug));
  }

  async create(values: ArticleValues): Promise<ArticleRow> {
    const [row] = await this.db
      .insert(kbArticles)
      .values({ ...values, searchText: searchTextOf(values), searchVector: searchVectorOf(values), publishedAt: values.status === 'published' ? new Date() : null })
      .returning(columns);
    return row;
  }

  async update(current: ArticleRow, values: Partial<ArticleValues>): Promise<ArticleRow | undefined> {
    const next = { ...current, ...values };
    const publishing = current.status !== 'published' && next.status === 'published';
    const [row] = await this.db
      .update(kbArticles)
      .set({ ...values, searchText: searchTextOf(next), searchVector: searchVectorOf(next), ...(publishing ? { publishedAt: new Date() } : {}) })
      .where(eq(kbArticles.id, current.id))
      .returning(columns);
    return row;
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.db.delete(kbArticles).where(eq(kbArticles.id, id)).returning({ id: kbArticles.id });
    return rows.length > 0;
  }

  /** Counted atomically, so parallel readers are all counted. */
  async countView(id: string): Promise<void> {
    await this.db.update(kbArticles).set({ views: sql`${kbArticles.views} + 1` }).where(eq(kbArticles.id, id));
  }

  async publishedInCategory(categoryId: string | null, locale: KbLocale | undefined): Promise<ArticleRow[]> {
    return this.db
      .select(columns)
      .from(kbArticles)
      .where(
        and(
          eq(kbArticles.status, 'published'),
          categoryId ? eq(kbArticles.categoryId, categoryId) : sql`${kbArticles.categoryId} is null`,
          locale ? eq(kbArticles.locale, locale) : undefined,
        ),
      )
      .orderBy(kbArticles.title)
      .limit(200);
  }

  /** The latest published articles, for the help center's front page. */
  async latestPublished(locale: KbLocale | undefined, limit: number): Promise<ArticleRow[]> {
    return this.db
      .select(columns)
      .from(kbArticles)
      .where(and(eq(kbArticles.status, 'published'), locale ? eq(kbArticles.locale, locale) : undefined))
      .orderBy(desc(kbArticles.publishedAt), desc(kbArticles.id))
      .limit(limit);
  }
}
